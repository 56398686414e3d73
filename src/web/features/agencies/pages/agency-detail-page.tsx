import type { AgencyDetail } from '@shared/contracts/agencies';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Link, useParams } from '@web/app/router';
import { TaskRegister } from '@web/features/tasks/components/task-register';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useAgency } from '../agencies.queries';
import { AgencyKindTag } from '../components/agency-kind-tag';
import { AgencySuccessionList } from '../components/agency-succession-list';
import { RestructuringEventTimeline } from '../components/restructuring-event-timeline';
import { useRestructurings } from '../restructuring.queries';

function agencyFacts(agency: AgencyDetail) {
  const items = [
    {
      key: 'aliases',
      label: 'Tên gọi khác',
      children:
        agency.aliases.length > 0 ? (
          <Flex wrap gap={4}>
            {agency.aliases.map((a) => (
              <Tag key={a.alias}>{a.alias}</Tag>
            ))}
          </Flex>
        ) : (
          '—'
        ),
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
  ];
  if (agency.code) {
    items.push({ key: 'code', label: 'Mã', children: agency.code });
  }
  if (agency.validFrom || agency.validTo) {
    items.push({
      key: 'validity',
      label: 'Hiệu lực',
      children: `${formatIsoDate(agency.validFrom) || '…'} – ${formatIsoDate(agency.validTo) || 'nay'}`,
    });
  }
  if (agency.predecessors.length > 0) {
    items.push({
      key: 'predecessors',
      label: 'Tiền thân',
      children: <AgencySuccessionList links={agency.predecessors} />,
    });
  }
  if (agency.successors.length > 0) {
    items.push({
      key: 'successors',
      label: 'Kế thừa bởi',
      children: <AgencySuccessionList links={agency.successors} />,
    });
  }
  return items;
}

export function AgencyDetailPage() {
  const { agencyId = '' } = useParams();
  const { data: agency, error, refetch } = useAgency(agencyId);
  const { data: events } = useRestructurings(agencyId);

  return (
    <div>
      <PageHeader
        back={<Link to="/agencies">← Cơ quan</Link>}
        title={agency?.name ?? 'Cơ quan'}
        subtitle={agency?.shortName ?? undefined}
        extra={agency ? <AgencyKindTag kind={agency.kind} /> : null}
      />
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {agency ? (
        <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }} items={agencyFacts(agency)} />
      ) : null}
      {(events?.items.length ?? 0) > 0 ? (
        <>
          <Typography.Title level={4}>Lịch sử sắp xếp</Typography.Title>
          <RestructuringEventTimeline events={events?.items ?? []} currentAgencyId={agencyId} />
        </>
      ) : null}
      <Typography.Title level={4}>Nhiệm vụ chủ trì, phối hợp</Typography.Title>
      <TaskRegister fixed={{ agencyId }} />
    </div>
  );
}
