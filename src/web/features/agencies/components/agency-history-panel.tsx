import { formatIsoDate } from '@shared/lib/vn-format';
import { Link } from '@web/app/router';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useAgency } from '../agencies.queries';
import { useRestructurings } from '../restructuring.queries';
import { AgencyKindTag } from './agency-kind-tag';
import { AgencySuccessionList } from './agency-succession-list';
import { RestructuringEventTimeline } from './restructuring-event-timeline';

export type AgencyHistoryPanelProps = { agencyId: string };

/** One agency at a glance: names, parent, validity, predecessors and successors, and the events that shaped it. */
export function AgencyHistoryPanel({ agencyId }: AgencyHistoryPanelProps) {
  const { data: agency, error, refetch } = useAgency(agencyId);
  const { data: events } = useRestructurings(agencyId);
  if (error) {
    return <QueryErrorAlert error={error} onRetry={() => void refetch()} />;
  }
  if (!agency) {
    return <Skeleton active />;
  }
  const items = [
    { key: 'kind', label: 'Loại', children: <AgencyKindTag kind={agency.kind} /> },
    {
      key: 'validity',
      label: 'Hiệu lực',
      children: `${formatIsoDate(agency.validFrom) || '…'} – ${formatIsoDate(agency.validTo) || 'nay'}`,
    },
    {
      key: 'parent',
      label: 'Trực thuộc',
      children: agency.parent ? (
        <Link to={`/agencies/${encodeURIComponent(agency.parent.id)}`}>{agency.parent.name}</Link>
      ) : (
        '—'
      ),
    },
    {
      key: 'aliases',
      label: 'Tên gọi khác',
      children:
        agency.aliases.length > 0 ? (
          <Flex wrap gap={4}>
            {agency.aliases.map((a) => (
              <Tag key={a.alias} color={a.kind === 'former-name' ? 'orange' : undefined}>
                {a.alias}
              </Tag>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      key: 'predecessors',
      label: 'Tiền thân',
      children: agency.predecessors.length > 0 ? <AgencySuccessionList links={agency.predecessors} /> : '—',
    },
    {
      key: 'successors',
      label: 'Kế thừa bởi',
      children: agency.successors.length > 0 ? <AgencySuccessionList links={agency.successors} /> : '—',
    },
  ];
  return (
    <Card
      data-testid="agency-history"
      size="small"
      title={<Link to={`/agencies/${encodeURIComponent(agency.id)}`}>{agency.name}</Link>}
      extra={
        agency.childCount > 0 ? (
          <Typography.Text type="secondary">{agency.childCount} đơn vị trực thuộc</Typography.Text>
        ) : null
      }
    >
      <Descriptions size="small" column={1} items={items} style={{ marginBottom: 12 }} />
      <Typography.Title level={5}>Lịch sử sắp xếp</Typography.Title>
      <RestructuringEventTimeline events={events?.items ?? []} currentAgencyId={agency.id} />
    </Card>
  );
}
