import type { DirectiveSummary } from '@shared/contracts/directives';
import { Tag } from 'antd';
import { DIRECTIVE_STATUS_LABELS } from '../directive-labels';

export type DirectiveStatusTagProps = { status: DirectiveSummary['status'] };

export function DirectiveStatusTag({ status }: DirectiveStatusTagProps) {
  const { label, color } = DIRECTIVE_STATUS_LABELS[status];
  return <Tag color={color}>{label}</Tag>;
}
