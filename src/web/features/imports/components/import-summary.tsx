import type { ImportResult } from '@shared/contracts/imports';
import { formatNumber } from '@shared/lib/vn-format';
import { formatBytes } from '@web/ui/format';
import { Card, Col, Row, Statistic, Typography } from 'antd';

export type ImportSummaryProps = { result: ImportResult };

export function ImportSummary({ result }: ImportSummaryProps) {
  const { summary } = result;
  const stats = [
    { key: 'tasks', title: 'Nhiệm vụ đọc được', value: summary.tasks },
    { key: 'created', title: 'Tạo mới', value: summary.created, color: '#389e0d' },
    { key: 'updated', title: 'Cập nhật', value: summary.updated, color: '#1677ff' },
    { key: 'unchanged', title: 'Không đổi', value: summary.unchanged },
    { key: 'assignments', title: 'Lượt giao cơ quan', value: summary.assignments },
    { key: 'errors', title: 'Lỗi', value: summary.errors, color: summary.errors > 0 ? '#cf1322' : undefined },
    {
      key: 'warnings',
      title: 'Cảnh báo',
      value: summary.warnings,
      color: summary.warnings > 0 ? '#d46b08' : undefined,
    },
  ];
  return (
    <Card size="small" data-testid="import-summary">
      <Row gutter={[16, 8]}>
        {stats.map((s) => (
          <Col key={s.key} flex="1 1 120px">
            <Statistic
              title={s.title}
              value={s.value}
              formatter={(value) => formatNumber(Number(value))}
              styles={s.color ? { content: { color: s.color } } : undefined}
              data-testid={`import-summary-${s.key}`}
            />
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {result.files.map((f) => `${f.file} (${f.format}, ${formatBytes(f.bytes)})`).join(' · ')}
      </Typography.Text>
    </Card>
  );
}
