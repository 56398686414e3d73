import type { AgencySuccessionLink } from '@shared/contracts/agencies';
import { AGENCY_SUCCESSION_KIND_LABELS } from '@shared/contracts/agencies';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Link } from '@web/app/router';
import { Flex, Typography } from 'antd';

export type AgencySuccessionListProps = { links: AgencySuccessionLink[] };

/** Predecessors or successors of an agency: name (link), kind of change, date and legal basis. */
export function AgencySuccessionList({ links }: AgencySuccessionListProps) {
  return (
    <Flex vertical gap={2}>
      {links.map((link) => (
        <span key={`${link.agency.id}-${link.effectiveOn}`}>
          <Link to={`/agencies/${encodeURIComponent(link.agency.id)}`}>{link.agency.name}</Link>{' '}
          <Typography.Text type="secondary">
            ({AGENCY_SUCCESSION_KIND_LABELS[link.kind]}, từ {formatIsoDate(link.effectiveOn)}
            {link.legalBasis ? `, theo ${link.legalBasis}` : ''})
          </Typography.Text>
        </span>
      ))}
    </Flex>
  );
}
