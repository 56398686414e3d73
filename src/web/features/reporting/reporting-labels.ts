import type { ProgressState, WorkflowStatus } from '@shared/contracts/reporting';

/** AntD tag colours per workflow status. */
export const WORKFLOW_COLORS: Record<WorkflowStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  'leader-approved': 'cyan',
  accepted: 'success',
  returned: 'error',
};

export const STATE_COLORS: Record<ProgressState, string> = {
  'not-started': 'default',
  'in-progress': 'processing',
  completed: 'success',
  'cannot-complete': 'warning',
};

/** Current month as 'YYYY-MM' in Asia/Ho_Chi_Minh. */
export function currentPeriod(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
}

/** '2025-06' → 'Tháng 6/2025' */
export function periodLabel(period: string): string {
  const [y, m] = period.split('-');
  return `Tháng ${Number(m)}/${y}`;
}
