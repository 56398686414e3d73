import { type DbOrTx, queryRows } from '@server/db/client';
import type { StatusCategory } from '@shared/domain/task-status';
import { type SQL, sql } from 'drizzle-orm';

/**
 * The status rules of task-status.ts, written once more as SQL for the tasks that no document speaks about (the vast
 * majority), so that counts over hundreds of thousands of assignments are aggregated inside the database instead of
 * being shipped row by row. The two must agree: status-sql.db.test.ts compares them on random histories, and the
 * service falls back to the TypeScript rules for every task that carries document statements.
 *
 * Per lead assignment, as of the end of day D (instant C): the latest accepted report or granted reclassification
 * to "completed" recorded by C (ties: reclassification, then the higher version); the latest granted extension or
 * reclassification to "not yet due" by C; the judgement of `judge()`; per task, the aggregation of
 * `computeTaskStatus()`.
 */

export type SqlStatusScope = {
  directiveId?: string | null;
  /** Tasks judged elsewhere (in TypeScript, because documents speak about them). */
  excludeTaskIds: string[];
  /** Only these tasks (e.g. one agency's). */
  taskIds?: string[] | null;
};

function textArray(values: string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
}

// Membership in id lists is written as (anti-)joins on unnest(): `= any(array)` would compare every row with
// every id.
function scopeFilter(scope: SqlStatusScope): SQL {
  const parts: SQL[] = [sql`t.status = 'confirmed'`];
  if (scope.directiveId) {
    parts.push(sql`t.directive_id = ${scope.directiveId}`);
  }
  if (scope.excludeTaskIds.length > 0) {
    parts.push(sql`not exists (select 1 from unnest(${textArray(scope.excludeTaskIds)}) as x(id) where x.id = t.id)`);
  }
  if (scope.taskIds) {
    parts.push(sql`exists (select 1 from unnest(${textArray(scope.taskIds)}) as x(id) where x.id = t.id)`);
  }
  return sql.join(parts, sql` and `);
}

function judged(column: 'eff_due' | 'due', asOf: string): SQL {
  const due = sql.raw(column);
  return sql`case
      when state = 'completed' then (case when completed_on is null or ${due} is null then 'completedUndated'
                                          when completed_on <= ${due} then 'completedOnTime' else 'completedLate' end)
      when recurring then 'recurring'
      when ${due} is null then 'noDeadline'
      when ${asOf}::date <= ${due} then 'inProgress'
      else 'overdue' end`;
}

/** The CTEs `lead_cat` (one row per lead assignment, judged) and `task_cat` (one row per task, judged). */
function statusCtes(scope: SqlStatusScope, asOf: string, cutoff: Date): SQL {
  const at = cutoff.toISOString();
  const period = asOf.slice(0, 7);
  return sql`
    scoped_task as (
      select t.id, t.directive_id, t.deadline_due as due, t.deadline_kind = 'recurring' as recurring
      from tasks t where ${scopeFilter(scope)}
    ),
    lead as (
      select a.id, a.task_id, a.agency_id from assignments a join scoped_task t on t.id = a.task_id
      where a.role = 'lead' and a.is_active
    ),
    rep as (
      select distinct on (x.assignment_id) x.assignment_id, x.state, x.completed_on from (
        select r.assignment_id, r.state, r.completed_on, r.accepted_at as at, 1 as prio, r.version
        from progress_reports r join lead l on l.id = r.assignment_id
        where r.workflow_status = 'accepted' and r.role = 'lead' and r.accepted_at <= ${at}::timestamptz
        union all
        select c.assignment_id, 'completed', c.completed_on, c.decided_at, 2, 0
        from reclassification_requests c join lead l on l.id = c.assignment_id
        where c.status = 'granted' and c.to_category = 'completed' and c.decided_at <= ${at}::timestamptz
      ) x order by x.assignment_id, x.at desc, x.prio desc, x.version desc
    ),
    ext as (
      select distinct on (x.assignment_id) x.assignment_id, x.new_due from (
        select e.assignment_id, e.granted_due as new_due, e.decided_at as at, 1 as prio
        from extension_requests e join lead l on l.id = e.assignment_id
        where e.status = 'granted' and e.decided_at <= ${at}::timestamptz
        union all
        select c.assignment_id, c.proposed_due, c.decided_at, 2
        from reclassification_requests c join lead l on l.id = c.assignment_id
        where c.status = 'granted' and c.to_category = 'inProgress' and c.decided_at <= ${at}::timestamptz
      ) x order by x.assignment_id, x.at desc, x.prio desc
    ),
    in_period as (
      select r.assignment_id from progress_reports r join lead l on l.id = r.assignment_id
      where r.workflow_status = 'accepted' and r.role = 'lead' and r.accepted_at <= ${at}::timestamptz
        and r.period = ${period}
      union
      select c.assignment_id from reclassification_requests c join lead l on l.id = c.assignment_id
      where c.status = 'granted' and c.to_category = 'completed' and c.decided_at <= ${at}::timestamptz
        and to_char(c.decided_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') = ${period}
    ),
    lead_row as (
      select l.id, l.task_id, l.agency_id, t.directive_id, t.recurring, t.due, coalesce(e.new_due, t.due) as eff_due,
        r.state, r.completed_on, (p.assignment_id is not null) as period_reported
      from lead l join scoped_task t on t.id = l.task_id
      left join rep r on r.assignment_id = l.id
      left join ext e on e.assignment_id = l.id
      left join in_period p on p.assignment_id = l.id
    ),
    lead_cat as (
      select lr.*, ${judged('eff_due', asOf)} as category, ${judged('due', asOf)} as category_orig,
        (lr.state is distinct from 'completed') as is_open
      from lead_row lr
    ),
    task_agg as (
      select t.id, t.directive_id, t.recurring, t.due,
        count(c.id) as n,
        count(c.id) filter (where not c.is_open) as done,
        bool_or(c.category = 'completedLate') as late, bool_or(c.category = 'completedUndated') as undated,
        bool_or(c.category_orig = 'completedLate') as late_o, bool_or(c.category_orig = 'completedUndated') as undated_o,
        bool_or(c.is_open and c.category = 'overdue') as o_over, bool_or(c.is_open and c.category = 'inProgress') as o_prog,
        bool_or(c.is_open and c.category = 'noDeadline') as o_none,
        bool_or(c.is_open and c.category_orig = 'overdue') as o_over_o, bool_or(c.is_open and c.category_orig = 'inProgress') as o_prog_o,
        bool_or(c.is_open and c.category_orig = 'noDeadline') as o_none_o,
        coalesce(bool_and(c.period_reported), false) as period_reported,
        max(c.eff_due) as eff_due
      from scoped_task t left join lead_cat c on c.task_id = t.id
      group by t.id, t.directive_id, t.recurring, t.due
    ),
    task_cat as (
      select id, directive_id, recurring, period_reported, case when n = 0 then due else eff_due end as eff_due,
        case
          when n = 0 then (case when recurring then 'recurring' when due is null then 'noDeadline'
                                when ${asOf}::date <= due then 'inProgress' else 'overdue' end)
          when done = n then (case when late then 'completedLate' when undated then 'completedUndated' else 'completedOnTime' end)
          else (case when o_over then 'overdue' when o_prog then 'inProgress' when o_none then 'noDeadline' else 'recurring' end)
        end as category,
        case
          when n = 0 then (case when recurring then 'recurring' when due is null then 'noDeadline'
                                when ${asOf}::date <= due then 'inProgress' else 'overdue' end)
          when done = n then (case when late_o then 'completedLate' when undated_o then 'completedUndated' else 'completedOnTime' end)
          else (case when o_over_o then 'overdue' when o_prog_o then 'inProgress' when o_none_o then 'noDeadline' else 'recurring' end)
        end as category_orig
      from task_agg
    )`;
}

export type TaskCountRow = {
  group_key: string | null;
  category: StatusCategory;
  category_orig: StatusCategory;
  period_reported: boolean;
  n: number;
};

/** Task counts per (category, category against the original deadline, period reported), optionally per directive. */
export function selectTaskCounts(
  db: DbOrTx,
  scope: SqlStatusScope,
  asOf: string,
  cutoff: Date,
  byDirective: boolean,
): Promise<TaskCountRow[]> {
  const key = byDirective ? sql`directive_id` : sql`null::text`;
  return queryRows<TaskCountRow>(
    db,
    sql`with ${statusCtes(scope, asOf, cutoff)}
        select ${key} as group_key, category, category_orig, period_reported, count(*)::int as n
        from task_cat group by 1, 2, 3, 4`,
  );
}

export type LeadCountRow = { agency_id: string; category: StatusCategory; n: number };

/** Lead assignments per agency and category. */
export function selectLeadCountsByAgency(
  db: DbOrTx,
  scope: SqlStatusScope,
  asOf: string,
  cutoff: Date,
): Promise<LeadCountRow[]> {
  return queryRows<LeadCountRow>(
    db,
    sql`with ${statusCtes(scope, asOf, cutoff)}
        select agency_id, category, count(*)::int as n from lead_cat group by 1, 2`,
  );
}

/** Task ids of one category (optionally: whose lead `agencyId` is in that category), ordered by deadline. */
export function selectTaskIdsInCategory(
  db: DbOrTx,
  scope: SqlStatusScope,
  asOf: string,
  cutoff: Date,
  filter: { category: StatusCategory; agencyId?: string | null },
): Promise<{ id: string; eff_due: string | null }[]> {
  const body = filter.agencyId
    ? sql`select distinct c.task_id as id, c.eff_due::text as eff_due from lead_cat c
          where c.agency_id = ${filter.agencyId} and c.category = ${filter.category}`
    : sql`select c.id, c.eff_due::text as eff_due from task_cat c where c.category = ${filter.category}`;
  return queryRows<{ id: string; eff_due: string | null }>(
    db,
    sql`with ${statusCtes(scope, asOf, cutoff)} select * from (${body}) x order by x.eff_due nulls last, x.id`,
  );
}

export type LeadStatusRow = {
  id: string;
  task_id: string;
  agency_id: string;
  category: StatusCategory;
  eff_due: string | null;
  is_open: boolean;
};

/** Lead assignments matching a condition on their judged row (used by reminders and obligations). */
export function selectLeadStatuses(
  db: DbOrTx,
  scope: SqlStatusScope,
  asOf: string,
  cutoff: Date,
  where: 'open-with-due-between' | 'closed',
  window?: { from: string; to: string },
): Promise<LeadStatusRow[]> {
  const condition =
    where === 'closed'
      ? sql`not c.is_open`
      : sql`c.is_open and c.eff_due between ${window?.from ?? asOf}::date and ${window?.to ?? asOf}::date`;
  return queryRows<LeadStatusRow>(
    db,
    sql`with ${statusCtes(scope, asOf, cutoff)}
        select c.id, c.task_id, c.agency_id, c.category, c.eff_due::text as eff_due, c.is_open from lead_cat c
        where ${condition}`,
  );
}
