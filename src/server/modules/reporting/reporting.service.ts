import type { Db, DbOrTx } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import type { Clock } from '@server/lib/clock';
import type { FileStorage } from '@server/lib/file-storage';
import { newId } from '@server/lib/ids';
import type { Actor } from '@server/lib/request-context';
import { recordAudit } from '@server/modules/audit/audit.service';
import { evaluateScope, listLeadStatuses } from '@server/modules/status/status.service';
import type {
  DraftSave,
  Obligations,
  ProgressReport,
  ReportingCompliance,
  ReportListQuery,
  WorkflowStatus,
} from '@shared/contracts/reporting';
import { endOfBusinessDay } from '@shared/domain/task-status';
import { addDaysIso } from '@shared/lib/calendar';
import { businessDateOf } from '@shared/lib/vn-format';
import { cleanText } from '@shared/lib/vn-text';
import { toReportDto } from './reporting.mapper';
import {
  assertCanApprove,
  assertCanFile,
  assertStandingOffice,
  canReadReport,
  readsAllAgencies,
} from './reporting.policy';
import {
  copyEvidence,
  findAssignmentInfo,
  findLatestVersion,
  findReport,
  findReportsWithNames,
  insertNotification,
  insertReport,
  insertReportEvent,
  isLeadOfTask,
  listEvidenceOf,
  listLeadTaskIds,
  listReportEvents,
  listReportRows,
  type ObligationRowDb,
  type ReportRow,
  reportOrigins,
  selectAgencyNamesByIds,
  selectClosedCoordinatorAssignments,
  selectComplianceCounts,
  selectObligationRows,
  updateReportIf,
  upsertPeriodSetting,
} from './reporting.repo';

export type ReportingDeps = { db: Db; storage: FileStorage; clock: Clock };

/** Default day of the month by which a period's report is due ("trước ngày 25 hàng tháng", seed 000). */
export const DEFAULT_DUE_DAY = 25;

/** The due date of a monthly period: `YYYY-MM-DD` with the configured day (inclusive: the due day is on time). */
export function periodDueOn(period: string, dueDay: number): string {
  return `${period}-${String(dueDay).padStart(2, '0')}`;
}

/** The period ('YYYY-MM') of a business date. */
export function periodOfDate(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** True for the PostgreSQL unique-violation error, whichever driver (and Drizzle wrapper) raised it. */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 4 && e; i++) {
    if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505') {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

async function loadReportDto(db: DbOrTx, id: string): Promise<ProgressReport> {
  const [row] = await findReportsWithNames(db, [id]);
  if (!row) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy báo cáo.');
  }
  const [evidence, events, origins] = await Promise.all([
    listEvidenceOf(db, { reportIds: [id] }),
    listReportEvents(db, [id]),
    reportOrigins(db, [id]),
  ]);
  return toReportDto(row, evidence, events, origins.get(id) ?? null);
}

function auditWho(actor: Actor) {
  return { userId: actor.userId, agencyId: actor.agencyId, ip: actor.ip };
}

async function recordStep(
  tx: DbOrTx,
  actor: Actor,
  now: Date,
  report: ReportRow,
  step: { action: string; from: string | null; to: string; reason?: string | null; before?: unknown },
) {
  await insertReportEvent(tx, {
    id: newId(),
    reportId: report.id,
    action: step.action,
    fromStatus: step.from,
    toStatus: step.to,
    actorUserId: actor.userId,
    actorAgencyId: actor.agencyId,
    reason: step.reason ?? null,
    at: now,
  });
  await recordAudit(tx, auditWho(actor), {
    action: `report.${step.action}`,
    entityType: 'progress_report',
    entityId: report.id,
    before: step.before ?? null,
    after: {
      workflowStatus: report.workflowStatus,
      state: report.state,
      period: report.period,
      version: report.version,
      rowVersion: report.rowVersion,
      ...(step.reason ? { reason: step.reason } : {}),
    },
    at: now,
  });
}

async function validateCitations(tx: DbOrTx, taskId: string, role: string, cited: string[]) {
  if (cited.length === 0) {
    return;
  }
  if (role !== 'lead') {
    throw new AppError('VALIDATION_FAILED', 'Chỉ cơ quan chủ trì mới trích dẫn báo cáo của cơ quan phối hợp.');
  }
  const rows = await findReportsWithNames(tx, cited);
  const ok = rows.filter((r) => r.taskId === taskId && r.role === 'coordinator' && r.workflowStatus !== 'draft');
  if (ok.length !== new Set(cited).size) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Chỉ trích dẫn được báo cáo đã gửi của cơ quan phối hợp trên cùng nhiệm vụ.',
    );
  }
}

/**
 * Creates or updates the draft of an assignment's report for a period.
 * - No version yet, or the latest is accepted/returned: a new version is created (a correction never overwrites);
 *   the previous version's evidence is carried over.
 * - The latest is a draft: it is updated only if `rowVersion` is the one the caller read (else CONFLICT, 409).
 * - The latest is under review: INVALID_TRANSITION.
 * Throws FORBIDDEN (not the actor's agency), NOT_FOUND, VALIDATION_FAILED, CONFLICT.
 */
export async function saveDraft(deps: ReportingDeps, actor: Actor, input: DraftSave): Promise<ProgressReport> {
  const now = deps.clock.now();
  const today = businessDateOf(now);
  const narrative = cleanText(input.narrative ?? '');
  const product = input.product ? cleanText(input.product) : null;
  const completedOn = input.state === 'completed' ? (input.completedOn ?? null) : null;
  if (completedOn && completedOn > today) {
    throw new AppError('VALIDATION_FAILED', 'Ngày hoàn thành không được sau ngày hôm nay.');
  }
  try {
    const id = await deps.db.transaction(async (tx) => {
      const info = await findAssignmentInfo(tx, input.assignmentId);
      if (!info?.is_active || info.task_status !== 'confirmed') {
        throw new AppError('NOT_FOUND', 'Không tìm thấy nhiệm vụ được giao.');
      }
      assertCanFile(actor, info.agency_id);
      const cited = [...new Set(input.citedReportIds ?? [])];
      await validateCitations(tx, info.task_id, info.role, cited);
      const fields = {
        state: input.state,
        narrative,
        completedOn,
        product,
        citedReportIds: cited,
        updatedByUserId: actor.userId,
        updatedAt: now,
      };
      const latest = await findLatestVersion(tx, input.assignmentId, input.period);
      if (latest?.workflowStatus === 'draft') {
        if (input.rowVersion === undefined) {
          throw new AppError('CONFLICT', 'Đã có bản nháp cho kỳ này; hãy tải lại để sửa bản nháp đó.', {
            reportId: latest.id,
            rowVersion: latest.rowVersion,
          });
        }
        const updated = await updateReportIf(tx, latest.id, input.rowVersion, ['draft'], fields);
        if (!updated) {
          throw new AppError('CONFLICT', undefined, { reportId: latest.id, rowVersion: latest.rowVersion });
        }
        await recordStep(tx, actor, now, updated, {
          action: 'save',
          from: 'draft',
          to: 'draft',
          before: {
            state: latest.state,
            narrative: latest.narrative,
            completedOn: latest.completedOn,
            product: latest.product,
          },
        });
        return updated.id;
      }
      if (latest && (latest.workflowStatus === 'submitted' || latest.workflowStatus === 'leader-approved')) {
        throw new AppError('INVALID_TRANSITION', 'Báo cáo kỳ này đang chờ duyệt; chưa thể lập bản sửa.');
      }
      const created = await insertReport(tx, {
        id: newId(),
        assignmentId: info.id,
        taskId: info.task_id,
        agencyId: info.agency_id,
        role: info.role,
        period: input.period,
        version: (latest?.version ?? 0) + 1,
        supersedesId: latest?.id ?? null,
        workflowStatus: 'draft',
        createdByUserId: actor.userId,
        createdAt: now,
        ...fields,
      });
      if (latest) {
        await copyEvidence(tx, latest.id, created.id, newId);
      }
      await recordStep(tx, actor, now, created, { action: 'create', from: null, to: 'draft' });
      return created.id;
    });
    return await loadReportDto(deps.db, id);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', 'Người khác vừa lập bản nháp cho kỳ này; hãy tải lại.');
    }
    throw error;
  }
}

type Transition = {
  action: 'submit' | 'approve' | 'accept' | 'return';
  from: WorkflowStatus[];
  to: WorkflowStatus;
  authorize: (report: ReportRow) => void;
  patch: (now: Date) => Partial<ReportRow>;
  reason?: string;
  check?: (tx: DbOrTx, report: ReportRow) => Promise<void>;
};

async function transition(deps: ReportingDeps, actor: Actor, id: string, rowVersion: number, t: Transition) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const report = await findReport(tx, id);
    if (!report) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy báo cáo.');
    }
    t.authorize(report);
    if (!t.from.includes(report.workflowStatus as WorkflowStatus)) {
      throw new AppError('INVALID_TRANSITION', undefined, { workflowStatus: report.workflowStatus });
    }
    await t.check?.(tx, report);
    const updated = await updateReportIf(tx, id, rowVersion, t.from, {
      ...t.patch(now),
      workflowStatus: t.to,
      updatedByUserId: actor.userId,
      updatedAt: now,
    });
    if (!updated) {
      throw new AppError('CONFLICT', undefined, { rowVersion: report.rowVersion });
    }
    await recordStep(tx, actor, now, updated, {
      action: t.action,
      from: report.workflowStatus,
      to: t.to,
      reason: t.reason ?? null,
      before: { workflowStatus: report.workflowStatus, rowVersion: report.rowVersion },
    });
    if (t.to === 'returned' || t.to === 'accepted') {
      const info = await findAssignmentInfo(tx, report.assignmentId);
      await insertNotification(tx, {
        id: newId(),
        agencyId: report.agencyId,
        kind: t.to === 'returned' ? 'report-returned' : 'report-accepted',
        title:
          t.to === 'returned'
            ? `Báo cáo kỳ ${report.period} bị trả lại`
            : `Báo cáo kỳ ${report.period} đã được Thường trực tiếp nhận`,
        body: `${info?.task_text.slice(0, 200) ?? ''}${t.reason ? `\nLý do: ${t.reason}` : ''}`,
        link: `/reporting/reports/${report.id}`,
        createdAt: now,
        updatedAt: now,
      });
    }
  });
  return loadReportDto(deps.db, id);
}

/**
 * Submits a draft to the agency leader. A completed report needs its completion date and at least one piece of
 * evidence. Only one version per assignment and period is under review at a time; after acceptance, a correction is
 * a new version. Throws FORBIDDEN, NOT_FOUND, INVALID_TRANSITION, CONFLICT (stale rowVersion), VALIDATION_FAILED.
 */
export function submitReport(deps: ReportingDeps, actor: Actor, id: string, rowVersion: number) {
  return transition(deps, actor, id, rowVersion, {
    action: 'submit',
    from: ['draft'],
    to: 'submitted',
    authorize: (r) => assertCanFile(actor, r.agencyId),
    patch: (now) => ({ submittedAt: now }),
    check: async (tx, report) => {
      if (report.state === 'completed') {
        if (!report.completedOn) {
          throw new AppError('VALIDATION_FAILED', 'Báo cáo hoàn thành cần ngày hoàn thành.');
        }
        const evidence = await listEvidenceOf(tx, { reportIds: [report.id] });
        if (evidence.length === 0) {
          throw new AppError(
            'VALIDATION_FAILED',
            'Báo cáo hoàn thành cần kèm minh chứng (tệp, đường dẫn hoặc văn bản).',
          );
        }
      }
    },
  });
}

/** The agency leader approves a submitted report. Throws FORBIDDEN, NOT_FOUND, INVALID_TRANSITION, CONFLICT. */
export function approveReport(deps: ReportingDeps, actor: Actor, id: string, rowVersion: number) {
  return transition(deps, actor, id, rowVersion, {
    action: 'approve',
    from: ['submitted'],
    to: 'leader-approved',
    authorize: (r) => assertCanApprove(actor, r.agencyId),
    patch: (now) => ({ leaderApprovedAt: now }),
  });
}

/**
 * The standing office accepts a leader-approved report: from this instant it counts in the status of the task
 * (as of any date from today on, never before). Throws FORBIDDEN, NOT_FOUND, INVALID_TRANSITION, CONFLICT.
 */
export function acceptReport(deps: ReportingDeps, actor: Actor, id: string, rowVersion: number) {
  return transition(deps, actor, id, rowVersion, {
    action: 'accept',
    from: ['leader-approved'],
    to: 'accepted',
    authorize: () => assertStandingOffice(actor),
    patch: (now) => ({ acceptedAt: now }),
  });
}

/**
 * Returns a report with a reason: a submitted one by its agency's leader, a leader-approved one by the standing
 * office. The version is closed; the reporter corrects it with a new version.
 */
export async function returnReport(deps: ReportingDeps, actor: Actor, id: string, rowVersion: number, reason: string) {
  const report = await findReport(deps.db, id);
  if (!report) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy báo cáo.');
  }
  const byLeader = report.workflowStatus === 'submitted';
  return transition(deps, actor, id, rowVersion, {
    action: 'return',
    from: [byLeader ? 'submitted' : 'leader-approved'],
    to: 'returned',
    authorize: (r) => (byLeader ? assertCanApprove(actor, r.agencyId) : assertStandingOffice(actor)),
    patch: () => ({ returnedBy: byLeader ? 'leader' : 'standing-office', returnReason: cleanText(reason) }),
    reason: cleanText(reason),
  });
}

/** One report version with its evidence and workflow history, if the actor may see it; else NOT_FOUND. */
export async function getReport(deps: ReportingDeps, actor: Actor, id: string): Promise<ProgressReport> {
  const report = await findReport(deps.db, id);
  const leads = report ? await isLeadOfTask(deps.db, actor.agencyId, report.taskId) : false;
  if (!report || !canReadReport(actor, report, leads)) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy báo cáo.');
  }
  return loadReportDto(deps.db, id);
}

/**
 * Reports visible to the actor, newest first (at most 500): own agency's, plus coordinators' contributions on tasks
 * the agency leads; everything for the standing office and viewers. `awaitingMe` narrows to the actor's queue.
 */
export async function listReports(
  deps: ReportingDeps,
  actor: Actor,
  query: ReportListQuery,
): Promise<ProgressReport[]> {
  const all = readsAllAgencies(actor);
  let workflowStatus = query.workflowStatus;
  let agencyIds: string[] | null = all ? (query.agencyId ? [query.agencyId] : null) : [actor.agencyId];
  let coordinatorTaskIds: string[] | null = null;
  if (query.awaitingMe) {
    if (actor.roles.includes('standing-office') || actor.roles.includes('admin')) {
      workflowStatus = 'leader-approved';
    } else if (actor.roles.includes('leader')) {
      workflowStatus = 'submitted';
      agencyIds = [actor.agencyId];
    } else {
      workflowStatus = 'returned';
      agencyIds = [actor.agencyId];
    }
  } else if (!all) {
    coordinatorTaskIds = await listLeadTaskIds(deps.db, actor.agencyId);
  }
  const rows = await listReportRows(deps.db, {
    agencyIds,
    coordinatorTaskIds,
    ...(query.period ? { period: query.period } : {}),
    ...(query.taskId ? { taskId: query.taskId } : {}),
    ...(workflowStatus ? { workflowStatus } : {}),
    limit: 500,
  });
  const ids = rows.map((r) => r.id);
  const [evidence, events, origins] = await Promise.all([
    listEvidenceOf(deps.db, { reportIds: ids }),
    listReportEvents(deps.db, ids),
    reportOrigins(deps.db, ids),
  ]);
  return rows.map((r) => toReportDto(r, evidence, events, origins.get(r.id) ?? null));
}

/**
 * Assignments not complete before the period starts: what an agency owes a report on for `period`. Leads are judged
 * by the status engine (reports, decisions and documents) as of the day before the period; coordinators by their
 * own latest accepted report.
 */
export async function listOwedAssignments(
  deps: ReportingDeps,
  filter: { agencyId: string | null; period: string; asOf: string },
): Promise<ObligationRowDb[]> {
  const rows = await selectObligationRows(deps.db, {
    agencyId: filter.agencyId,
    period: filter.period,
    submittedBy: endOfBusinessDay(filter.asOf),
  });
  const dayBefore = addDaysIso(`${filter.period}-01`, -1);
  const closed = await closedLeadIds(deps, filter.agencyId ? rows.map((r) => r.task_id) : null, dayBefore);
  const closedCoordinators = await selectClosedCoordinatorAssignments(deps.db, {
    agencyId: filter.agencyId,
    before: endOfBusinessDay(dayBefore),
  });
  return rows.filter((r) => !closed.has(r.assignment_id) && !closedCoordinators.has(r.assignment_id));
}

/** Lead assignments complete as of `asOf` (status engine), optionally among some tasks only. */
async function closedLeadIds(deps: ReportingDeps, taskIds: string[] | null, asOf: string): Promise<Set<string>> {
  const scope = taskIds ? { taskIds: [...new Set(taskIds)] } : {};
  const closed = await listLeadStatuses({ db: deps.db, storage: deps.storage }, scope, asOf, 'closed');
  return new Set(closed.map((c) => c.assignmentId));
}

/** The owed-assignment filter of a period as of a date (see reporting.repo `owedCte`). */
export async function owedFilter(deps: ReportingDeps, period: string, asOf: string, agencyId: string | null) {
  const dayBefore = addDaysIso(`${period}-01`, -1);
  return {
    period,
    submittedBy: endOfBusinessDay(asOf),
    closedLeadIds: [...(await closedLeadIds(deps, null, dayBefore))],
    closedBefore: endOfBusinessDay(dayBefore),
    agencyId,
  };
}

export function submittedOnTime(row: ObligationRowDb, period: string): boolean | null {
  if (!row.first_submitted_at) {
    return null;
  }
  return businessDateOf(new Date(row.first_submitted_at)) <= periodDueOn(period, row.due_day);
}

/**
 * "What I owe this month": the agency's open assignments (lead and coordinator) for the period, each with its
 * current category, the latest version filed for the period and whether the first submission was on time.
 * The standing office may look at any agency; others only at their own (FORBIDDEN).
 */
export async function getObligations(
  deps: ReportingDeps,
  actor: Actor,
  query: { agencyId?: string | undefined; period?: string | undefined },
): Promise<Obligations> {
  const agencyId = query.agencyId ?? actor.agencyId;
  if (agencyId !== actor.agencyId && !readsAllAgencies(actor)) {
    throw new AppError('FORBIDDEN');
  }
  const today = businessDateOf(deps.clock.now());
  const period = query.period ?? periodOfDate(today);
  const rows = await listOwedAssignments(deps, { agencyId, period, asOf: today });
  const taskIds = [...new Set(rows.map((r) => r.task_id))];
  const now = await evaluateScope({ db: deps.db, storage: deps.storage }, { taskIds }, today);
  const byTask = new Map(now.map((e) => [e.taskId, e]));
  const names = await selectAgencyNamesByIds(deps.db, [agencyId]);
  const items = rows.map((r) => {
    const evaluation = byTask.get(r.task_id);
    const lead = evaluation?.leads.find((l) => l.assignmentId === r.assignment_id);
    return {
      assignmentId: r.assignment_id,
      taskId: r.task_id,
      taskText: r.task_text,
      directiveKey: r.directive_key,
      role: r.role,
      deadlineDue: r.deadline_due,
      deadlineRaw: r.deadline_raw,
      recurring: r.deadline_kind === 'recurring',
      dueOn: periodDueOn(period, r.due_day),
      category: lead?.status.category ?? evaluation?.status.category ?? 'noDeadline',
      report:
        r.report_id && r.report_version && r.report_status && r.report_row_version && r.report_state
          ? {
              id: r.report_id,
              version: r.report_version,
              workflowStatus: r.report_status as WorkflowStatus,
              rowVersion: r.report_row_version,
              state: r.report_state as ProgressReport['state'],
            }
          : null,
      reportedOnTime: submittedOnTime(r, period),
    };
  });
  const defaultDue = periodDueOn(period, rows[0]?.due_day ?? DEFAULT_DUE_DAY);
  return {
    agencyId,
    agencyName: names.get(agencyId) ?? agencyId,
    period,
    dueOn: defaultDue,
    owed: items.length,
    submitted: items.filter((i) => i.reportedOnTime !== null).length,
    drafts: items.filter((i) => i.report?.workflowStatus === 'draft').length,
    items,
  };
}

/**
 * Per agency and period: how many assignments it owed a report on, reported on time (first submission by the due
 * day, Asia/Ho_Chi_Minh), late, or not reported, as of `asOf` (default today).
 */
export async function getReportingCompliance(
  deps: ReportingDeps,
  actor: Actor | null,
  query: { period?: string | undefined; asOf?: string | undefined; agencyId?: string | undefined },
): Promise<ReportingCompliance> {
  const today = businessDateOf(deps.clock.now());
  const asOf = query.asOf ?? today;
  const period = query.period ?? periodOfDate(asOf);
  const agencyId = actor && !readsAllAgencies(actor) ? actor.agencyId : (query.agencyId ?? null);
  const rows = await selectComplianceCounts(deps.db, await owedFilter(deps, period, asOf, agencyId));
  const perAgency = new Map(
    rows.map((r) => [r.agency_id, { owed: r.owed, onTime: r.on_time, late: r.late, notReported: r.not_reported }]),
  );
  const names = await selectAgencyNamesByIds(deps.db, [...perAgency.keys()]);
  const agencies = [...perAgency.entries()]
    .map(([id, c]) => ({ agencyId: id, agencyName: names.get(id) ?? id, ...c }))
    .sort((a, b) => b.notReported - a.notReported || a.agencyName.localeCompare(b.agencyName, 'vi'));
  const totals = agencies.reduce(
    (t, a) => ({
      owed: t.owed + a.owed,
      onTime: t.onTime + a.onTime,
      late: t.late + a.late,
      notReported: t.notReported + a.notReported,
    }),
    { owed: 0, onTime: 0, late: 0, notReported: 0 },
  );
  return { period, dueOn: periodDueOn(period, DEFAULT_DUE_DAY), asOf, totals, agencies };
}

/**
 * Sets the reporting due day (1–28) for a directive, or the installation default when `directiveId` is null.
 * Standing office only.
 */
export async function setReportingDueDay(
  deps: ReportingDeps,
  actor: Actor,
  input: { directiveId: string | null; dueDay: number },
): Promise<void> {
  assertStandingOffice(actor);
  if (!Number.isInteger(input.dueDay) || input.dueDay < 1 || input.dueDay > 28) {
    throw new AppError('VALIDATION_FAILED', 'Ngày hạn báo cáo phải từ 1 đến 28.');
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await upsertPeriodSetting(tx, input.directiveId, input.dueDay, now);
    await recordAudit(tx, auditWho(actor), {
      action: 'reporting.period-setting',
      entityType: 'reporting_period_settings',
      entityId: input.directiveId ?? 'default',
      after: { dueDay: input.dueDay },
      at: now,
    });
  });
}
