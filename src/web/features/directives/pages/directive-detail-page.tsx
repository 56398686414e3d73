import type { SectionNode } from '@shared/contracts/directives';
import { DIRECTIVE_KIND_LABELS } from '@shared/contracts/directives';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Link, useParams, useSearchParams } from '@web/app/router';
import { TaskRegister } from '@web/features/tasks/components/task-register';
import { formatDateTime } from '@web/ui/format';
import { PageFallback } from '@web/ui/page-fallback';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Card, Col, Descriptions, List, Row, Typography } from 'antd';
import { DirectiveStatusTag } from '../components/directive-status-tag';
import { SectionTree } from '../components/section-tree';
import { useDirective } from '../directives.queries';

function findSection(sections: SectionNode[], id: string): SectionNode | undefined {
  for (const section of sections) {
    if (section.id === id) {
      return section;
    }
    const found = findSection(section.children, id);
    if (found) {
      return found;
    }
  }
  return undefined;
}

export function DirectiveDetailPage() {
  const { directiveId = '' } = useParams();
  const [params, setSearch] = useSearchParams();
  const sectionId = params.get('sectionId') ?? undefined;
  const { data: directive, isLoading, error, refetch } = useDirective(directiveId);

  if (isLoading) {
    return <PageFallback />;
  }
  if (error || !directive) {
    return <QueryErrorAlert error={error} onRetry={() => void refetch()} />;
  }
  const section = sectionId ? findSection(directive.sections, sectionId) : undefined;
  const kindLabel = DIRECTIVE_KIND_LABELS[directive.kind];

  return (
    <div>
      <PageHeader
        back={<Link to="/directives">← Văn bản chỉ đạo</Link>}
        title={directive.number ? `${kindLabel} ${directive.number}` : kindLabel}
        subtitle={directive.title}
        extra={<DirectiveStatusTag status={directive.status} />}
      />
      <Row gutter={16}>
        <Col span={10}>
          <Card size="small" title="Cấu trúc văn bản" styles={{ body: { maxHeight: 360, overflow: 'auto' } }}>
            {directive.sections.length === 0 ? (
              <Typography.Text type="secondary">Văn bản không chia mục.</Typography.Text>
            ) : (
              <SectionTree
                sections={directive.sections}
                totalTasks={directive.taskCount}
                selectedSectionId={sectionId}
                onSelect={(next) => setSearch({ sectionId: next ?? null, page: null })}
              />
            )}
          </Card>
        </Col>
        <Col span={14}>
          <Descriptions
            bordered
            size="small"
            column={2}
            items={[
              { key: 'kind', label: 'Loại', children: kindLabel },
              { key: 'number', label: 'Số, ký hiệu', children: directive.number ?? '—' },
              { key: 'date', label: 'Ngày ban hành', children: formatIsoDate(directive.issuedOn) || '—' },
              { key: 'tasks', label: 'Số nhiệm vụ', children: directive.taskCount },
              { key: 'issuer', label: 'Cơ quan ban hành', children: directive.issuer ?? '—', span: 2 },
              { key: 'updated', label: 'Cập nhật', children: formatDateTime(directive.updatedAt), span: 2 },
            ]}
          />
          <Card size="small" title="Tệp nguồn" style={{ marginTop: 12 }}>
            <List
              size="small"
              dataSource={directive.sources}
              locale={{ emptyText: 'Không có' }}
              renderItem={(source) => (
                <List.Item>
                  <span data-testid="directive-source">{source.fileName}</span>
                  <Typography.Text type="secondary">nhập lúc {formatDateTime(source.createdAt)}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Typography.Title level={4} style={{ marginTop: 20 }}>
        {section
          ? `Nhiệm vụ thuộc mục: ${section.label ? `${section.label} ` : ''}${section.title}`
          : 'Nhiệm vụ của văn bản'}
      </Typography.Title>
      <TaskRegister fixed={{ directiveId: directive.id }} />
    </div>
  );
}
