import { AppError } from '@server/lib/app-error';
import { type Actor, canReadAllAgencies, hasRole, isStandingOffice } from '@server/lib/request-context';

/**
 * Who may do what with progress reports (issue #5):
 * - a reporter (or the leader) of an agency files, saves and submits its own agency's reports, and its requests;
 * - the agency's leader approves or returns its own agency's submitted reports;
 * - the standing office accepts or returns leader-approved reports of any agency and decides requests;
 * - a reporter sees only its own agency's reports, plus the coordinators' submitted contributions on tasks its agency
 *   leads; the standing office, administrators and steering-committee viewers see all.
 */

/** Throws FORBIDDEN unless the actor files reports for `agencyId`. */
export function assertCanFile(actor: Actor, agencyId: string): void {
  if (actor.agencyId !== agencyId || !hasRole(actor, 'reporter', 'leader')) {
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ của cơ quan được giao mới lập, gửi báo cáo của cơ quan mình.');
  }
}

/** Throws FORBIDDEN unless the actor is a leader of `agencyId`. */
export function assertCanApprove(actor: Actor, agencyId: string): void {
  if (actor.agencyId !== agencyId || !hasRole(actor, 'leader')) {
    throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo cơ quan báo cáo mới duyệt hoặc trả lại báo cáo ở bước này.');
  }
}

/** Throws FORBIDDEN unless the actor is the standing office (or an administrator). */
export function assertStandingOffice(actor: Actor): void {
  if (!isStandingOffice(actor)) {
    throw new AppError('FORBIDDEN', 'Chỉ Cơ quan thường trực mới thực hiện thao tác này.');
  }
}

/** Whether the actor may read a report (see the module comment); `leadsTask` = actor's agency leads the report's task. */
export function canReadReport(
  actor: Actor,
  report: { agencyId: string; role: string; workflowStatus: string },
  leadsTask: boolean,
): boolean {
  if (canReadAllAgencies(actor) || actor.agencyId === report.agencyId) {
    return true;
  }
  return leadsTask && report.role === 'coordinator' && report.workflowStatus !== 'draft';
}

/** Whether the actor reads every agency's data (otherwise: own agency only). */
export function readsAllAgencies(actor: Actor): boolean {
  return canReadAllAgencies(actor);
}
