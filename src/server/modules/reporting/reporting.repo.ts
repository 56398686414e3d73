import { type DbOrTx, queryRows } from '@server/db/client';
import {
  auditLog,
  evidence,
  extensionRequests,
  notifications,
  progressReports,
  reclassificationRequests,
  reminderLog,
  reportEvents,
  reportingPeriodSettings,
} from '@server/db/schema/index';
import type { ProgressReport } from '@shared/contracts/reporting';
import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';

export type ReportRow = typeof progressReports.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;
export type ExtensionRow = typeof extensionRequests.$inferSelect;
export type ReclassificationRow = typeof reclassificationRequests.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;

export type AssignmentInfo = {
  id: string;
  task_id: string;
  agency_id: string;
  agency_name: string;
  role: 'lead' | 'coordinator';
  is_active: boolean;
  task_text: string;
  task_status: string;
  directive_id: string;
  directive_key: string;
  deadline_due: string | null;
  deadline_raw: string | null;
  deadline_kind: string;
};

export async function findAssignmentInfo(db: DbOrTx, assignmentId: string): Promise<AssignmentInfo | null> {
  const rows = await queryRows<AssignmentInfo>(
    db,
    sql`select a.id, a.task_id, a.agency_id, g.name as agency_name, a.role, a.is_active, t.text as task_text,
          t.status as task_status, t.directive_id, d.stable_key as directive_key, t.deadline_due::text as deadline_due,
          t.deadline_raw, t.deadline_kind
        from assignments a join tasks t on t.id = a.task_id join directives d on d.id = t.directive_id
        join agencies g on g.id = a.agency_id where a.id = ${assignmentId}`,
  );
  return rows[0] ?? null;
}

export async function findReport(db: DbOrTx, id: string): Promise<ReportRow | null> {
  const [row] = await db.select().from(progressReports).where(eq(progressReports.id, id));
  return row ?? null;
}

export async function findLatestVersion(db: DbOrTx, assignmentId: string, period: string): Promise<ReportRow | null> {
  const [row] = await db
    .select()
    .from(progressReports)
    .where(and(eq(progressReports.assignmentId, assignmentId), eq(progressReports.period, period)))
    .orderBy(desc(progressReports.version))
    .limit(1);
  return row ?? null;
}

export async function insertReport(db: DbOrTx, values: typeof progressReports.$inferInsert): Promise<ReportRow> {
  const [row] = await db.insert(progressReports).values(values).returning();
  return row as ReportRow;
}

/**
 * Compare-and-set update: applies `patch` only when the row still has `rowVersion` and one of `fromStatuses`;
 * returns null when someone else changed it first (or it moved on).
 */
export async function updateReportIf(
  db: DbOrTx,
  id: string,
  rowVersion: number,
  fromStatuses: string[],
  patch: Partial<typeof progressReports.$inferInsert>,
): Promise<ReportRow | null> {
  const [row] = await db
    .update(progressReports)
    .set({ ...patch, rowVersion: sql`${progressReports.rowVersion} + 1` })
    .where(
      and(
        eq(progressReports.id, id),
        eq(progressReports.rowVersion, rowVersion),
        inArray(progressReports.workflowStatus, fromStatuses),
      ),
    )
    .returning();
  return row ?? null;
}

export async function insertReportEvent(db: DbOrTx, values: typeof reportEvents.$inferInsert): Promise<void> {
  await db.insert(reportEvents).values(values);
}

export function listReportEvents(db: DbOrTx, reportIds: string[]) {
  if (reportIds.length === 0) {
    return Promise.resolve([]);
  }
  return db.select().from(reportEvents).where(inArray(reportEvents.reportId, reportIds)).orderBy(asc(reportEvents.seq));
}

export function listEvidenceOf(db: DbOrTx, owner: { reportIds?: string[]; reclassificationIds?: string[] }) {
  const conds: SQL[] = [];
  if (owner.reportIds?.length) {
    conds.push(inArray(evidence.reportId, owner.reportIds));
  }
  if (owner.reclassificationIds?.length) {
    conds.push(inArray(evidence.reclassificationId, owner.reclassificationIds));
  }
  if (conds.length === 0) {
    return Promise.resolve([] as EvidenceRow[]);
  }
  return db
    .select()
    .from(evidence)
    .where(or(...conds))
    .orderBy(asc(evidence.createdAt), asc(evidence.id));
}

export async function findEvidence(db: DbOrTx, id: string): Promise<EvidenceRow | null> {
  const [row] = await db.select().from(evidence).where(eq(evidence.id, id));
  return row ?? null;
}

export async function insertEvidence(db: DbOrTx, values: typeof evidence.$inferInsert): Promise<EvidenceRow> {
  const [row] = await db.insert(evidence).values(values).returning();
  return row as EvidenceRow;
}

export async function deleteEvidence(db: DbOrTx, id: string): Promise<void> {
  await db.delete(evidence).where(eq(evidence.id, id));
}

/** Copies a version's evidence rows onto its correction (files are content-addressed: no bytes are copied). */
export async function copyEvidence(db: DbOrTx, fromReportId: string, toReportId: string, newId: () => string) {
  const rows = await db.select().from(evidence).where(eq(evidence.reportId, fromReportId));
  for (const row of rows) {
    await db.insert(evidence).values({ ...row, id: newId(), reportId: toReportId });
  }
}

export type ReportListRow = ReportRow & { taskText: string; agencyName: string };

export async function listReportRows(
  db: DbOrTx,
  filter: {
    agencyIds?: string[] | null;
    /** Also visible: coordinators' submitted contributions on these tasks (the lead agency's view). */
    coordinatorTaskIds?: string[] | null;
    period?: string;
    taskId?: string;
    workflowStatus?: string;
    limit: number;
  },
): Promise<ReportListRow[]> {
  const conds: SQL[] = [];
  if (filter.agencyIds) {
    const scope: SQL[] = [
      filter.agencyIds.length > 0 ? inArray(progressReports.agencyId, filter.agencyIds) : sql`false`,
    ];
    if (filter.coordinatorTaskIds?.length) {
      scope.push(
        and(
          inArray(progressReports.taskId, filter.coordinatorTaskIds),
          eq(progressReports.role, 'coordinator'),
          sql`${progressReports.workflowStatus} <> 'draft'`,
        ) as SQL,
      );
    }
    conds.push(or(...scope) as SQL);
  }
  if (filter.period) {
    conds.push(eq(progressReports.period, filter.period));
  }
  if (filter.taskId) {
    conds.push(eq(progressReports.taskId, filter.taskId));
  }
  if (filter.workflowStatus) {
    conds.push(eq(progressReports.workflowStatus, filter.workflowStatus));
  }
  const rows = await queryRows<{ id: string }>(
    db,
    // No table alias: the drizzle column references in `conds` render as "progress_reports"."column".
    sql`select id from progress_reports where ${conds.length > 0 ? and(...conds) : sql`true`}
        order by updated_at desc, id limit ${filter.limit}`,
  );
  if (rows.length === 0) {
    return [];
  }
  return findReportsWithNames(
    db,
    rows.map((r) => r.id),
  );
}

export async function findReportsWithNames(db: DbOrTx, ids: string[]): Promise<ReportListRow[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await queryRows<{ id: string; task_text: string; agency_name: string }>(
    db,
    sql`select r.id, t.text as task_text, g.name as agency_name from progress_reports r
        join tasks t on t.id = r.task_id join agencies g on g.id = r.agency_id
        where r.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
  const names = new Map(rows.map((r) => [r.id, r]));
  const full = await db.select().from(progressReports).where(inArray(progressReports.id, ids));
  const byId = new Map(full.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    const n = names.get(id);
    return r && n ? [{ ...r, taskText: n.task_text, agencyName: n.agency_name }] : [];
  });
}

/** Task ids on which the agency is a lead (to show it its coordinators' contributions). */
export async function listLeadTaskIds(db: DbOrTx, agencyId: string): Promise<string[]> {
  const rows = await queryRows<{ task_id: string }>(
    db,
    sql`select task_id from assignments where agency_id = ${agencyId} and role = 'lead' and is_active`,
  );
  return rows.map((r) => r.task_id);
}

export async function isLeadOfTask(db: DbOrTx, agencyId: string, taskId: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from assignments where agency_id = ${agencyId} and task_id = ${taskId} and role = 'lead'
        and is_active limit 1`,
  );
  return rows.length > 0;
}

export type ObligationRowDb = {
  assignment_id: string;
  agency_id: string;
  task_id: string;
  task_text: string;
  directive_key: string;
  role: 'lead' | 'coordinator';
  deadline_due: string | null;
  deadline_raw: string | null;
  deadline_kind: string;
  due_day: number;
  report_id: string | null;
  report_version: number | null;
  report_status: string | null;
  report_row_version: number | null;
  report_state: string | null;
  first_submitted_at: Date | string | null;
};

/**
 * Active assignments (lead and coordinator) of confirmed tasks, with the due day of their directive's reporting
 * period, the latest version filed for `period` and the first time one was submitted by `submittedBy`.
 */
export function selectObligationRows(
  db: DbOrTx,
  filter: { agencyId?: string | null; period: string; submittedBy: Date },
) {
  const at = filter.submittedBy.toISOString();
  return queryRows<ObligationRowDb>(
    db,
    sql`select a.id as assignment_id, a.agency_id, a.task_id, t.text as task_text, d.stable_key as directive_key, a.role,
          t.deadline_due::text as deadline_due, t.deadline_raw, t.deadline_kind,
          coalesce(s.due_day, def.due_day, 25) as due_day,
          lv.id as report_id, lv.version as report_version, lv.workflow_status as report_status,
          lv.row_version as report_row_version, lv.state as report_state,
          fs.first_submitted_at
        from assignments a
        join tasks t on t.id = a.task_id and t.status = 'confirmed'
        join directives d on d.id = t.directive_id
        left join reporting_period_settings s on s.directive_id = t.directive_id
        left join reporting_period_settings def on def.id = 'default'
        left join lateral (
          select r.id, r.version, r.workflow_status, r.row_version, r.state from progress_reports r
          where r.assignment_id = a.id and r.period = ${filter.period} order by r.version desc limit 1) lv on true
        left join lateral (
          select min(r.submitted_at) as first_submitted_at from progress_reports r
          where r.assignment_id = a.id and r.period = ${filter.period} and r.submitted_at <= ${at}::timestamptz) fs on true
        where a.is_active ${filter.agencyId ? sql`and a.agency_id = ${filter.agencyId}` : sql``}
        order by t.deadline_due nulls last, a.task_id`,
  );
}

/** Coordinator assignments whose latest accepted report by `before` says completed. */
export async function selectClosedCoordinatorAssignments(
  db: DbOrTx,
  filter: { agencyId?: string | null; before: Date },
): Promise<Set<string>> {
  const rows = await queryRows<{ assignment_id: string }>(
    db,
    sql`select x.assignment_id from (
          select distinct on (r.assignment_id) r.assignment_id, r.state from progress_reports r
          where r.workflow_status = 'accepted' and r.role = 'coordinator'
            and r.accepted_at <= ${filter.before.toISOString()}::timestamptz
            ${filter.agencyId ? sql`and r.agency_id = ${filter.agencyId}` : sql``}
          order by r.assignment_id, r.accepted_at desc) x where x.state = 'completed'`,
  );
  return new Set(rows.map((r) => r.assignment_id));
}

export async function selectAgencyNamesByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) {
    return new Map<string, string>();
  }
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from agencies where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findPeriodSetting(db: DbOrTx, directiveId: string | null) {
  const [row] = await db
    .select()
    .from(reportingPeriodSettings)
    .where(
      directiveId ? eq(reportingPeriodSettings.directiveId, directiveId) : isNull(reportingPeriodSettings.directiveId),
    );
  return row ?? null;
}

export async function upsertPeriodSetting(db: DbOrTx, directiveId: string | null, dueDay: number, now: Date) {
  await db
    .insert(reportingPeriodSettings)
    .values({ id: directiveId ?? 'default', directiveId, dueDay, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: reportingPeriodSettings.id, set: { dueDay, updatedAt: now } });
}

export async function insertAudit(db: DbOrTx, values: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(values);
}

// Extension requests -------------------------------------------------------------------------------------------

export async function insertExtension(db: DbOrTx, values: typeof extensionRequests.$inferInsert) {
  const [row] = await db.insert(extensionRequests).values(values).returning();
  return row as ExtensionRow;
}

export async function findExtension(db: DbOrTx, id: string): Promise<ExtensionRow | null> {
  const [row] = await db.select().from(extensionRequests).where(eq(extensionRequests.id, id));
  return row ?? null;
}

export async function decideExtensionIf(
  db: DbOrTx,
  id: string,
  rowVersion: number,
  patch: Partial<typeof extensionRequests.$inferInsert>,
) {
  const [row] = await db
    .update(extensionRequests)
    .set({ ...patch, rowVersion: sql`${extensionRequests.rowVersion} + 1` })
    .where(
      and(
        eq(extensionRequests.id, id),
        eq(extensionRequests.rowVersion, rowVersion),
        eq(extensionRequests.status, 'pending'),
      ),
    )
    .returning();
  return row ?? null;
}

export function listExtensionRows(db: DbOrTx, filter: { agencyId?: string | null; status?: string; taskId?: string }) {
  const conds: SQL[] = [];
  if (filter.agencyId) {
    conds.push(eq(extensionRequests.agencyId, filter.agencyId));
  }
  if (filter.status) {
    conds.push(eq(extensionRequests.status, filter.status));
  }
  if (filter.taskId) {
    conds.push(eq(extensionRequests.taskId, filter.taskId));
  }
  return db
    .select()
    .from(extensionRequests)
    .where(conds.length > 0 ? and(...conds) : undefined)
    .orderBy(desc(extensionRequests.createdAt))
    .limit(500);
}

// Reclassification requests ------------------------------------------------------------------------------------

export async function insertReclassification(db: DbOrTx, values: typeof reclassificationRequests.$inferInsert) {
  const [row] = await db.insert(reclassificationRequests).values(values).returning();
  return row as ReclassificationRow;
}

export async function findReclassification(db: DbOrTx, id: string): Promise<ReclassificationRow | null> {
  const [row] = await db.select().from(reclassificationRequests).where(eq(reclassificationRequests.id, id));
  return row ?? null;
}

export async function decideReclassificationIf(
  db: DbOrTx,
  id: string,
  rowVersion: number,
  patch: Partial<typeof reclassificationRequests.$inferInsert>,
) {
  const [row] = await db
    .update(reclassificationRequests)
    .set({ ...patch, rowVersion: sql`${reclassificationRequests.rowVersion} + 1` })
    .where(
      and(
        eq(reclassificationRequests.id, id),
        eq(reclassificationRequests.rowVersion, rowVersion),
        eq(reclassificationRequests.status, 'pending'),
      ),
    )
    .returning();
  return row ?? null;
}

export function listReclassificationRows(db: DbOrTx, filter: { agencyId?: string | null; status?: string }) {
  const conds: SQL[] = [];
  if (filter.agencyId) {
    conds.push(eq(reclassificationRequests.agencyId, filter.agencyId));
  }
  if (filter.status) {
    conds.push(eq(reclassificationRequests.status, filter.status));
  }
  return db
    .select()
    .from(reclassificationRequests)
    .where(conds.length > 0 ? and(...conds) : undefined)
    .orderBy(desc(reclassificationRequests.createdAt))
    .limit(500);
}

// Notifications and reminders ----------------------------------------------------------------------------------

export async function insertNotification(db: DbOrTx, values: typeof notifications.$inferInsert) {
  const [row] = await db.insert(notifications).values(values).returning();
  return row as NotificationRow;
}

export function listNotificationRows(
  db: DbOrTx,
  filter: { agencyId: string; userId: string; unreadOnly: boolean; limit: number },
) {
  const conds: SQL[] = [
    or(eq(notifications.agencyId, filter.agencyId), eq(notifications.userId, filter.userId)) as SQL,
  ];
  if (filter.unreadOnly) {
    conds.push(isNull(notifications.readAt));
  }
  return db
    .select()
    .from(notifications)
    .where(and(...conds))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(filter.limit);
}

export async function countUnreadNotifications(db: DbOrTx, agencyId: string, userId: string) {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from notifications where (agency_id = ${agencyId} or user_id = ${userId})
        and read_at is null`,
  );
  return rows[0]?.n ?? 0;
}

export async function markNotificationsRead(
  db: DbOrTx,
  filter: { agencyId: string; userId: string; ids: string[] | null },
  at: Date,
) {
  const conds: SQL[] = [
    or(eq(notifications.agencyId, filter.agencyId), eq(notifications.userId, filter.userId)) as SQL,
    isNull(notifications.readAt),
  ];
  if (filter.ids) {
    conds.push(filter.ids.length > 0 ? inArray(notifications.id, filter.ids) : sql`false`);
  }
  const rows = await db
    .update(notifications)
    .set({ readAt: at, updatedAt: at })
    .where(and(...conds))
    .returning({ id: notifications.id });
  return rows.length;
}

/**
 * Claims (assignment, rule, period) reminder slots; returns only the keys this call inserted. The unique index makes a
 * second sweep, a restart or a concurrent sweep claim nothing twice.
 */
export async function claimReminders(
  db: DbOrTx,
  rows: {
    id: string;
    assignmentId: string;
    agencyId: string;
    rule: string;
    period: string;
    notificationId: string;
    at: Date;
  }[],
): Promise<Set<string>> {
  const claimed = new Set<string>();
  const BATCH = 1000;
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    const inserted = await db
      .insert(reminderLog)
      .values(
        chunk.map((r) => ({
          id: r.id,
          assignmentId: r.assignmentId,
          agencyId: r.agencyId,
          rule: r.rule,
          period: r.period,
          notificationId: r.notificationId,
          createdAt: r.at,
          updatedAt: r.at,
        })),
      )
      .onConflictDoNothing({ target: [reminderLog.assignmentId, reminderLog.rule, reminderLog.period] })
      .returning({ id: reminderLog.id });
    for (const row of inserted) {
      claimed.add(row.id);
    }
  }
  return claimed;
}

export async function insertNotificationsBatch(db: DbOrTx, rows: (typeof notifications.$inferInsert)[]) {
  const BATCH = 500;
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.insert(notifications).values(rows.slice(i, i + BATCH));
  }
}

export async function selectTaskTexts(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const BATCH = 1000;
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const rows = await queryRows<{ id: string; text: string }>(
      db,
      sql`select id, text from tasks where id in (${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    for (const r of rows) {
      out.set(r.id, r.text);
    }
  }
  return out;
}

function textArrayParam(values: string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
}

export type OwedFilter = {
  period: string;
  /** Submissions count up to this instant (the cut-off of "as of"). */
  submittedBy: Date;
  /** Lead assignments already complete before the period (judged by the status engine). */
  closedLeadIds: string[];
  /** Coordinators whose latest accepted report by this instant says completed owe nothing more. */
  closedBefore: Date;
  agencyId?: string | null;
};

/**
 * The CTE `owed`: every active assignment of a confirmed task that owes a report for the period (not closed before
 * it), with the period's due date (directive's due day, else the default, else the 25th) and its first submission.
 */
function owedCte(f: OwedFilter): SQL {
  // Set-based on purpose: anti-joins against the closed lists and one grouped pass over the period's reports, so
  // that a national sweep (≈ 500,000 assignments) costs a few hash joins rather than a lookup per assignment.
  return sql`closed_lead as (select unnest(${textArrayParam(f.closedLeadIds)}) as id),
  first_submission as (
    select r.assignment_id, min(r.submitted_at) as first_submitted_at from progress_reports r
    where r.period = ${f.period} and r.submitted_at <= ${f.submittedBy.toISOString()}::timestamptz
    group by r.assignment_id
  ),
  closed_coordinator as (
    select x.assignment_id as id from (
      select distinct on (r.assignment_id) r.assignment_id, r.state from progress_reports r
      where r.workflow_status = 'accepted' and r.role = 'coordinator'
        and r.accepted_at <= ${f.closedBefore.toISOString()}::timestamptz
      order by r.assignment_id, r.accepted_at desc) x
    where x.state = 'completed'
  ),
  owed as (
    select a.id as assignment_id, a.agency_id, a.task_id,
      to_date(${f.period} || '-' || lpad(coalesce(s.due_day, def.due_day, 25)::text, 2, '0'), 'YYYY-MM-DD') as due_on,
      fs.first_submitted_at
    from assignments a
    join tasks t on t.id = a.task_id and t.status = 'confirmed'
    left join reporting_period_settings s on s.directive_id = t.directive_id
    left join reporting_period_settings def on def.id = 'default'
    left join first_submission fs on fs.assignment_id = a.id
    left join closed_lead cl on cl.id = a.id
    left join closed_coordinator cc on cc.id = a.id
    where a.is_active ${f.agencyId ? sql`and a.agency_id = ${f.agencyId}` : sql``}
      and cl.id is null and cc.id is null
  )`;
}

export type ComplianceRowDb = { agency_id: string; owed: number; on_time: number; late: number; not_reported: number };

/** Per agency: assignments owed a report for the period, reported on time (by the due day, Hanoi time), late, not. */
export function selectComplianceCounts(db: DbOrTx, f: OwedFilter) {
  return queryRows<ComplianceRowDb>(
    db,
    sql`with ${owedCte(f)}
        select agency_id, count(*)::int as owed,
          count(*) filter (where first_submitted_at is not null
            and (first_submitted_at at time zone 'Asia/Ho_Chi_Minh')::date <= due_on)::int as on_time,
          count(*) filter (where first_submitted_at is not null
            and (first_submitted_at at time zone 'Asia/Ho_Chi_Minh')::date > due_on)::int as late,
          count(*) filter (where first_submitted_at is null)::int as not_reported
        from owed group by agency_id`,
  );
}

export type ClaimedAgencyRowDb = {
  agency_id: string;
  notification_id: string;
  n: number;
  task_ids: string[];
  due_on: string;
};

/**
 * Claims, in one statement, a `not-reported` reminder for every owed assignment with nothing submitted whose due
 * date is at most `daysBefore` days after `asOf`, each already linked to its agency's notification id for this sweep
 * (`'n-' || md5(agency | sweep)`); returns, per agency, how many were claimed now and a few tasks. Keys claimed
 * before are skipped by the unique index.
 */
export function claimNotReportedReminders(
  db: DbOrTx,
  f: OwedFilter & { asOf: string; daysBefore: number; at: Date; sweepId: string },
) {
  const at = f.at.toISOString();
  return queryRows<ClaimedAgencyRowDb>(
    db,
    sql`with ${owedCte(f)},
        claimed as (
          insert into reminder_log (id, assignment_id, agency_id, rule, period, notification_id, created_at, updated_at)
          select gen_random_uuid()::text, o.assignment_id, o.agency_id, 'not-reported', ${f.period},
            'n-' || md5(o.agency_id || '|' || ${f.sweepId}), ${at}::timestamptz, ${at}::timestamptz
          from owed o
          where o.first_submitted_at is null and ${f.asOf}::date >= o.due_on - ${f.daysBefore}::int
          on conflict (assignment_id, rule, period) do nothing
          returning assignment_id, agency_id, notification_id
        )
        select c.agency_id, c.notification_id, count(*)::int as n,
          (array_agg(o.task_id order by o.task_id))[1:10] as task_ids, min(o.due_on)::text as due_on
        from claimed c join owed o on o.assignment_id = c.assignment_id
        group by c.agency_id, c.notification_id`,
  );
}

export async function markRemindersEmailed(db: DbOrTx, notificationIds: string[], at: Date) {
  if (notificationIds.length === 0) {
    return;
  }
  await db.update(reminderLog).set({ emailedAt: at }).where(inArray(reminderLog.notificationId, notificationIds));
}

/**
 * Reports that were entered in a partner system and arrived through the exchange: the origin of their first change
 * (issue #8). Shown so that nobody enters them again here.
 */
export async function reportOrigins(
  db: DbOrTx,
  ids: string[],
): Promise<Map<string, NonNullable<ProgressReport['enteredIn']>>> {
  const origins = new Map<string, NonNullable<ProgressReport['enteredIn']>>();
  if (ids.length === 0) {
    return origins;
  }
  const rows = await queryRows<{ object_id: string; origin: string; name: string | null }>(
    db,
    sql`select distinct on (c.object_id) c.object_id, c.origin, p.name
        from exchange_changes c left join exchange_partners p on p.system_id = c.origin
        where c.object_type = 'progress_report' and c.object_id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
        order by c.object_id, c.seq`,
  );
  for (const r of rows) {
    if (r.origin) {
      origins.set(r.object_id, { systemId: r.origin, name: r.name ?? r.origin });
    }
  }
  return origins;
}
