import type { SectionNode } from '@shared/contracts/directives';
import { DIRECTIVE_KIND_LABELS } from '@shared/contracts/directives';
import { formatIsoDate } from '@shared/lib/vn-format';
import { foldText } from '@shared/lib/vn-text';
import { Link, useParams, useSearchParams } from '@web/app/router';
import { TaskRegister } from '@web/features/tasks/components/task-register';
import { formatDateTime } from '@web/ui/format';
import { PageFallback } from '@web/ui/page-fallback';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
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
  const heading = directive.number ? `${kindLabel} ${directive.number}` : kindLabel;
  // Cited-only documents often have no title but their own name ("NGHỊ QUYẾT 71/NQ-CP"); do not say it twice.
  const subtitle = foldText(directive.title) === foldText(heading) ? undefined : directive.title;

  return (
    <div>
      <PageHeader
        back={<Link to="/directives">← Văn bản chỉ đạo</Link>}
        title={heading}
        subtitle={subtitle}
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
            {directive.sources.length === 0 ? <Typography.Text type="secondary">Không có</Typography.Text> : null}
            {directive.sources.map((source) => (
              <Flex key={source.id} justify="space-between" gap={12} style={{ padding: '4px 0' }}>
                <span data-testid="directive-source">{source.fileName}</span>
                <Typography.Text type="secondary">nhập lúc {formatDateTime(source.createdAt)}</Typography.Text>
              </Flex>
            ))}
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
