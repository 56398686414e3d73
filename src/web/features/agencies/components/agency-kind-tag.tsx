import { AGENCY_KIND_LABELS, type AgencyKind } from '@shared/contracts/agencies';
import { Tag } from 'antd';

const KIND_COLORS: Record<AgencyKind, string> = {
  'party-body': 'red',
  ministry: 'blue',
  'ministerial-agency': 'geekblue',
  'government-agency': 'cyan',
  province: 'green',
  commune: 'lime',
  'provincial-department': 'gold',
  enterprise: 'purple',
  other: 'default',
};

export type AgencyKindTagProps = { kind: AgencyKind };

export function AgencyKindTag({ kind }: AgencyKindTagProps) {
  return <Tag color={KIND_COLORS[kind]}>{AGENCY_KIND_LABELS[kind]}</Tag>;
}
