import type { DraftCheckItem } from '@shared/contracts/duplicates';
import { errorMessage } from '@web/api/client';
import { PageHeader } from '@web/ui/page-header';
import { Alert, Button, Flex, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { draftCheckExportUrl, useCheckDraft } from '../duplicates.queries';

const columns: ColumnsType<DraftCheckItem> = [
  {
    title: 'Nhiệm vụ trong dự thảo',
    key: 'task',
    width: '40%',
    render: (_, item) => (
      <div>
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: 'thêm' }} style={{ marginBottom: 4 }}>
          {item.task.text}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.task.lead.slice(0, 2).join(', ')}
          {item.task.deadline.raw ? ` · ${item.task.deadline.raw}` : ''}
        </Typography.Text>
      </div>
    ),
  },
  {
    title: 'Nhiệm vụ đã giao trùng hoặc chồng lấn',
    key: 'candidates',
    render: (_, item) => (
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        {item.candidates.map((c) => (
          <div key={c.taskId}>
            <Tag color={c.kind === 'duplicate' ? 'red' : 'orange'}>
              {c.kind === 'duplicate' ? 'Trùng' : 'Chồng lấn'} · {Math.round(c.score * 100)}%
            </Tag>
            <Typography.Text strong>{c.directive}</Typography.Text>: {c.text}
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{c.reasons.join('; ')}</div>
          </div>
        ))}
      </Space>
    ),
  },
];

/** "Check draft": a drafter uploads a directive that is not issued yet and sees which tasks repeat existing ones. */
export function DraftCheckPage() {
  const check = useCheckDraft();
  const report = check.data;
  const hits = report?.items.filter((i) => i.candidates.length > 0) ?? [];

  return (
    <div>
      <PageHeader
        title="Kiểm tra trùng lặp của dự thảo"
        subtitle="Tải lên dự thảo (.docx, .xlsx, .txt) để biết nhiệm vụ nào đã được giao ở văn bản khác; không ghi dữ liệu"
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Upload
          accept=".docx,.xlsx,.txt,.md"
          showUploadList={false}
          beforeUpload={(file) => {
            check.mutate(file);
            return false;
          }}
        >
          <Button type="primary" loading={check.isPending} data-testid="draft-check-upload">
            Chọn tệp dự thảo
          </Button>
        </Upload>
        {report ? (
          <>
            <Button href={draftCheckExportUrl(report.uploadId, 'docx')}>Tải báo cáo Word</Button>
            <Button href={draftCheckExportUrl(report.uploadId, 'xlsx')}>Tải báo cáo Excel</Button>
          </>
        ) : null}
      </Flex>
      {check.error ? (
        <Alert type="error" showIcon message={errorMessage(check.error)} style={{ marginBottom: 12 }} />
      ) : null}
      {report ? (
        <>
          <Alert
            type={hits.length > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            message={`${report.fileName}: ${report.items.length} nhiệm vụ, ${hits.length} nhiệm vụ trùng hoặc chồng lấn với ${report.storedTasks} nhiệm vụ đã giao.`}
          />
          <Table<DraftCheckItem>
            rowKey={(item) => item.task.id}
            size="small"
            columns={columns}
            dataSource={hits}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
          />
        </>
      ) : null}
    </div>
  );
}
