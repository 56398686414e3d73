import { type DbOrTx, queryRows } from '@server/db/client';
import { type SQL, sql } from 'drizzle-orm';

/**
 * Set-based reads for the status engine. Each query returns one row per assignment (or per task/occurrence), never
 * the full history: the "latest record by the cut-off" step is done here with DISTINCT ON, which is what
 * computeAssignmentStatus would pick anyway.
 */

export type StatusScope = { directiveId?: string | null; taskIds?: string[] | null; listIds?: string[] | null };

function taskFilter(scope: StatusScope, alias = 't'): SQL {
  const parts: SQL[] = [sql.raw(`${alias}.status = 'confirmed'`)];
  if (scope.directiveId) {
    parts.push(sql`${sql.raw(alias)}.directive_id = ${scope.directiveId}`);
  }
  if (scope.taskIds) {
    parts.push(
      scope.taskIds.length > 0
        ? sql`${sql.raw(alias)}.id in (${sql.join(
            scope.taskIds.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  }
  return sql.join(parts, sql` and `);
}

function listFilter(scope: StatusScope): SQL {
  if (!scope.listIds) {
    return sql``;
  }
  if (scope.listIds.length === 0) {
    return sql`and false`;
  }
  return sql`and l.id in (${sql.join(
    scope.listIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

export type TaskRowDb = { id: string; directive_id: string; deadline_due: string | null; deadline_kind: string };

export function selectStatusTasks(db: DbOrTx, scope: StatusScope) {
  return queryRows<TaskRowDb>(
    db,
    sql`select t.id, t.directive_id, t.deadline_due::text as deadline_due, t.deadline_kind
        from tasks t where ${taskFilter(scope)} order by t.directive_id, t.position, t.id`,
  );
}

export type LeadRowDb = { id: string; task_id: string; agency_id: string };

export function selectLeadAssignments(db: DbOrTx, scope: StatusScope) {
  return queryRows<LeadRowDb>(
    db,
    sql`select a.id, a.task_id, a.agency_id from assignments a join tasks t on t.id = a.task_id
        where a.role = 'lead' and a.is_active and ${taskFilter(scope)}`,
  );
}

export type RecordRowDb = {
  assignment_id: string;
  id: string;
  state: string;
  completed_on: string | null;
  recorded_at: Date | string;
  period: string | null;
  kind: 'report' | 'reclassification';
};

/**
 * Per lead assignment: the latest accepted progress report and the latest granted reclassification to "completed"
 * recorded by the cut-off, plus (for recurring tasks) the latest accepted report of the cut-off's period.
 */
export function selectLatestRecords(db: DbOrTx, scope: StatusScope, cutoff: Date, period: string) {
  const at = cutoff.toISOString();
  return queryRows<RecordRowDb>(
    db,
    sql`(select distinct on (r.assignment_id) r.assignment_id, r.id, r.state, r.completed_on::text as completed_on,
           r.accepted_at as recorded_at, r.period, 'report' as kind
         from progress_reports r join tasks t on t.id = r.task_id
         where r.workflow_status = 'accepted' and r.role = 'lead' and r.accepted_at <= ${at}::timestamptz
           and ${taskFilter(scope)}
         order by r.assignment_id, r.accepted_at desc, r.version desc)
        union all
        (select distinct on (r.assignment_id) r.assignment_id, r.id, r.state, r.completed_on::text, r.accepted_at,
           r.period, 'report'
         from progress_reports r join tasks t on t.id = r.task_id
         where r.workflow_status = 'accepted' and r.role = 'lead' and r.accepted_at <= ${at}::timestamptz
           and r.period = ${period} and t.deadline_kind = 'recurring' and ${taskFilter(scope)}
         order by r.assignment_id, r.accepted_at desc, r.version desc)
        union all
        (select distinct on (c.assignment_id) c.assignment_id, c.id, 'completed', c.completed_on::text, c.decided_at,
           null, 'reclassification'
         from reclassification_requests c join tasks t on t.id = c.task_id
         join assignments a on a.id = c.assignment_id and a.role = 'lead'
         where c.status = 'granted' and c.to_category = 'completed' and c.decided_at <= ${at}::timestamptz
           and ${taskFilter(scope)}
         order by c.assignment_id, c.decided_at desc)`,
  );
}

export type ExtensionRowDb = {
  assignment_id: string;
  id: string;
  new_due: string;
  granted_at: Date | string;
  kind: 'extension' | 'reclassification';
};

/** Per lead assignment: the latest granted extension (or reclassification to "not yet due") by the cut-off. */
export function selectLatestExtensions(db: DbOrTx, scope: StatusScope, cutoff: Date) {
  const at = cutoff.toISOString();
  return queryRows<ExtensionRowDb>(
    db,
    sql`(select distinct on (e.assignment_id) e.assignment_id, e.id, e.granted_due::text as new_due,
           e.decided_at as granted_at, 'extension' as kind
         from extension_requests e join tasks t on t.id = e.task_id
         join assignments a on a.id = e.assignment_id and a.role = 'lead'
         where e.status = 'granted' and e.decided_at <= ${at}::timestamptz and ${taskFilter(scope)}
         order by e.assignment_id, e.decided_at desc)
        union all
        (select distinct on (c.assignment_id) c.assignment_id, c.id, c.proposed_due::text, c.decided_at, 'reclassification'
         from reclassification_requests c join tasks t on t.id = c.task_id
         join assignments a on a.id = c.assignment_id and a.role = 'lead'
         where c.status = 'granted' and c.to_category = 'inProgress' and c.decided_at <= ${at}::timestamptz
           and ${taskFilter(scope)}
         order by c.assignment_id, c.decided_at desc)`,
  );
}

export type OccurrenceRowDb = {
  task_id: string;
  row: number;
  list_id: string;
  list_title: string;
  list_kind: string;
  reported_on: string | null;
  file_id: string;
  file_name: string;
  storage_key: string;
  media_type: string;
  facts: Record<string, unknown>;
};

/**
 * Where documents said something about the status of a task in scope: occurrences in status-report lists, and in
 * any list that carries a status or "units not completed" fact, with the facts of that row.
 */
export function selectStatusOccurrences(db: DbOrTx, scope: StatusScope) {
  return queryRows<OccurrenceRowDb>(
    db,
    sql`select o.task_id, o.row, l.id as list_id, l.title as list_title, l.kind as list_kind,
          l.reported_on::text as reported_on, f.id as file_id, f.file_name, f.storage_key, f.media_type,
          coalesce((select jsonb_object_agg(rf.kind, rf.value) from reported_facts rf
                    where rf.task_id = o.task_id and rf.list_id = o.list_id), '{}'::jsonb) as facts
        from task_occurrences o
        join tasks t on t.id = o.task_id
        join source_lists l on l.id = o.list_id
        join source_files f on f.id = l.source_file_id
        where ${taskFilter(scope)} ${listFilter(scope)}
          and (l.kind = 'status-report' or exists (
            select 1 from reported_facts rf where rf.task_id = o.task_id and rf.list_id = o.list_id
              and rf.kind in ('status', 'unitsNotCompleted', 'units-not-completed')))
        order by l.reported_on nulls first, f.file_name, l.position, o.row`,
  );
}

export function selectAgencyNames(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) {
    return Promise.resolve([] as { id: string; name: string }[]);
  }
  return queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from agencies where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
}

export function selectDirectiveNames(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) {
    return Promise.resolve([] as { id: string; stable_key: string; title: string }[]);
  }
  return queryRows<{ id: string; stable_key: string; title: string }>(
    db,
    sql`select id, stable_key, title from directives where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
}

/** A directive by id, stable key or number/symbol ("71/NQ-CP"). */
export async function findDirectiveByIdOrNumber(db: DbOrTx, idOrNumber: string) {
  const rows = await queryRows<{ id: string; stable_key: string; title: string }>(
    db,
    sql`select id, stable_key, title from directives
        where id = ${idOrNumber} or stable_key = ${idOrNumber} or upper(number) = upper(${idOrNumber})
        order by (id = ${idOrNumber}) desc, (stable_key = ${idOrNumber}) desc limit 1`,
  );
  return rows[0] ?? null;
}

export type TaskHeaderDb = {
  id: string;
  text: string;
  label: string | null;
  directive_id: string;
  directive_key: string;
  deadline_raw: string | null;
  deadline_due: string | null;
  deadline_kind: string;
  status: string;
};

export async function findTaskHeader(db: DbOrTx, taskId: string) {
  const rows = await queryRows<TaskHeaderDb>(
    db,
    sql`select t.id, t.text, t.label, t.directive_id, d.stable_key as directive_key, t.deadline_raw,
          t.deadline_due::text as deadline_due, t.deadline_kind, t.status
        from tasks t join directives d on d.id = t.directive_id where t.id = ${taskId}`,
  );
  return rows[0] ?? null;
}

export type AssignmentRowDb = { id: string; agency_id: string; agency_name: string; role: string };

export function selectTaskAssignments(db: DbOrTx, taskId: string) {
  return queryRows<AssignmentRowDb>(
    db,
    sql`select a.id, a.agency_id, g.name as agency_name, a.role from assignments a join agencies g on g.id = a.agency_id
        where a.task_id = ${taskId} and a.is_active order by a.role desc, g.name`,
  );
}

/** Every accepted report and granted decision of one task recorded by the cut-off (the full history, for detail). */
export function selectTaskRecordHistory(db: DbOrTx, taskId: string, cutoff: Date) {
  const at = cutoff.toISOString();
  return queryRows<RecordRowDb>(
    db,
    sql`select r.assignment_id, r.id, r.state, r.completed_on::text as completed_on, r.accepted_at as recorded_at,
          r.period, 'report' as kind
        from progress_reports r where r.task_id = ${taskId} and r.workflow_status = 'accepted'
          and r.accepted_at <= ${at}::timestamptz
        union all
        select c.assignment_id, c.id, 'completed', c.completed_on::text, c.decided_at, null, 'reclassification'
        from reclassification_requests c where c.task_id = ${taskId} and c.status = 'granted'
          and c.to_category = 'completed' and c.decided_at <= ${at}::timestamptz`,
  );
}

export function selectTaskExtensionHistory(db: DbOrTx, taskId: string, cutoff: Date) {
  const at = cutoff.toISOString();
  return queryRows<ExtensionRowDb>(
    db,
    sql`select e.assignment_id, e.id, e.granted_due::text as new_due, e.decided_at as granted_at, 'extension' as kind
        from extension_requests e where e.task_id = ${taskId} and e.status = 'granted'
          and e.decided_at <= ${at}::timestamptz
        union all
        select c.assignment_id, c.id, c.proposed_due::text, c.decided_at, 'reclassification'
        from reclassification_requests c where c.task_id = ${taskId} and c.status = 'granted'
          and c.to_category = 'inProgress' and c.decided_at <= ${at}::timestamptz`,
  );
}
