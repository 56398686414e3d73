import { AGENCY_SUCCESSION_KIND_LABELS } from '@shared/contracts/agencies';
import { RESTRUCTURING_STATUS_LABELS, type RestructuringEvent } from '@shared/contracts/restructuring';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Link } from '@web/app/router';
import { Tag, Timeline, Typography } from 'antd';
import { Fragment } from 'react';

const STATUS_COLORS: Record<RestructuringEvent['status'], string> = {
  draft: 'gold',
  applied: 'green',
  discarded: 'default',
  reversed: 'red',
};

export type RestructuringEventTimelineProps = {
  events: RestructuringEvent[];
  /** The agency the page is about: its own name is not turned into a link. */
  currentAgencyId?: string;
};

function AgencyNames({
  agencies,
  currentAgencyId,
}: {
  agencies: { id: string; name: string }[];
  currentAgencyId?: string;
}) {
  return (
    <>
      {agencies.map((a, i) => (
        <Fragment key={a.id}>
          {i > 0 ? ', ' : ''}
          {a.id === currentAgencyId ? (
            <strong>{a.name}</strong>
          ) : (
            <Link to={`/agencies/${encodeURIComponent(a.id)}`}>{a.name}</Link>
          )}
        </Fragment>
      ))}
    </>
  );
}

/** Restructuring events as a timeline, oldest first: date, kind, who became whom, legal basis and status. */
export function RestructuringEventTimeline({ events, currentAgencyId }: RestructuringEventTimelineProps) {
  if (events.length === 0) {
    return (
      <Typography.Text type="secondary">Chưa có sự kiện sắp xếp nào được ghi nhận trong hệ thống.</Typography.Text>
    );
  }
  const items = [...events]
    .sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0))
    .map((event) => ({
      key: event.id,
      color: event.status === 'applied' ? 'green' : event.status === 'draft' ? 'gold' : 'gray',
      content: (
        <div data-testid="restructuring-event">
          <Typography.Text strong>{formatIsoDate(event.effectiveOn)}</Typography.Text> —{' '}
          {AGENCY_SUCCESSION_KIND_LABELS[event.kind]}
          {event.reversesEventId ? ' (đảo ngược sự kiện trước)' : ''}:{' '}
          <AgencyNames agencies={event.predecessors} currentAgencyId={currentAgencyId} /> →{' '}
          <AgencyNames agencies={event.successors} currentAgencyId={currentAgencyId} />
          {event.newParent ? (
            <>
              {' '}
              (trực thuộc <AgencyNames agencies={[event.newParent]} currentAgencyId={currentAgencyId} />)
            </>
          ) : null}{' '}
          <Tag color={STATUS_COLORS[event.status]}>{RESTRUCTURING_STATUS_LABELS[event.status]}</Tag>
          <div>
            <Typography.Text type="secondary">
              Căn cứ: {event.legalBasis.number}
              {event.legalBasis.date ? ` ngày ${formatIsoDate(event.legalBasis.date)}` : ''}
              {event.counts
                ? ` · chuyển ${event.counts.transferred} nhiệm vụ, giữ lại ${event.counts.completedStaying} đã hoàn thành, chuyển ${event.counts.usersMoved} tài khoản`
                : ''}
            </Typography.Text>
          </div>
        </div>
      ),
    }));
  return <Timeline items={items} />;
}
