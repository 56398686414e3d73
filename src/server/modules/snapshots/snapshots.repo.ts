import { type DbOrTx, queryRows } from '@server/db/client';
import { snapshotAssignments, snapshots, snapshotTasks } from '@server/db/schema/index';
import { desc, eq, sql } from 'drizzle-orm';

export type TaskHeaderRowDb = {
  id: string;
  directive_id: string;
  directive_label: string;
  position: number;
  text: string;
  product: string | null;
  deadline_raw: string | null;
  deadline_due: string | null;
  lead_text: string | null;
  coordinators_text: string | null;
  lead_names: string | null;
  coordinator_names: string | null;
};

/** The wording a report prints for every confirmed task (text, directive, lead and coordinator names), set-wise. */
export function selectTaskHeaders(db: DbOrTx, directiveId: string | null) {
  return queryRows<TaskHeaderRowDb>(
    db,
    sql`select t.id, t.directive_id, t.position, t.text, t.product, t.deadline_raw, t.deadline_due::text as deadline_due,
          t.lead_text, t.coordinators_text,
          coalesce(d.number, d.title) || case when d.issued_on is null then ''
            else ' ngày ' || extract(day from d.issued_on)::int || '/' || extract(month from d.issued_on)::int || '/'
              || extract(year from d.issued_on)::int end as directive_label,
          a.lead_names, a.coordinator_names
        from tasks t join directives d on d.id = t.directive_id
        left join (
          select x.task_id,
            string_agg(g.name, ', ' order by g.name) filter (where x.role = 'lead') as lead_names,
            string_agg(g.name, ', ' order by g.name) filter (where x.role <> 'lead') as coordinator_names
          from assignments x join agencies g on g.id = x.agency_id where x.is_active group by x.task_id
        ) a on a.task_id = t.id
        where t.status = 'confirmed' ${directiveId ? sql`and t.directive_id = ${directiveId}` : sql``}`,
  );
}

export type AgencyBriefDb = { id: string; name: string; kind: string };

export function selectAgencyBriefs(db: DbOrTx) {
  return queryRows<AgencyBriefDb>(db, sql`select id, name, kind from agencies`);
}

export type SnapshotTaskInsert = typeof snapshotTasks.$inferInsert;
export type SnapshotAssignmentInsert = typeof snapshotAssignments.$inferInsert;

const BATCH = 5000;

/**
 * Bulk insert through one JSON parameter per batch (`jsonb_to_recordset`): one round trip per 5,000 rows and no
 * per-column parameter limit, on both drivers.
 */
export async function insertSnapshotTasks(db: DbOrTx, rows: SnapshotTaskInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => ({
      snapshot_id: r.snapshotId,
      task_id: r.taskId,
      directive_id: r.directiveId,
      directive_label: r.directiveLabel,
      position: r.position,
      text: r.text,
      lead_names: r.leadNames,
      coordinator_names: r.coordinatorNames,
      product: r.product ?? null,
      deadline_raw: r.deadlineRaw ?? null,
      category: r.category,
      category_against_original: r.categoryAgainstOriginal,
      original_due: r.originalDue ?? null,
      effective_due: r.effectiveDue ?? null,
      completed_on: r.completedOn ?? null,
      basis: r.basis ?? null,
      units_not_completed: r.unitsNotCompleted,
      discrepancies: r.discrepancies,
    }));
    await db.execute(sql`insert into snapshot_tasks (snapshot_id, task_id, directive_id, directive_label, position, text,
        lead_names, coordinator_names, product, deadline_raw, category, category_against_original, original_due,
        effective_due, completed_on, basis, units_not_completed, discrepancies)
      select snapshot_id, task_id, directive_id, directive_label, position, text, lead_names, coordinator_names, product,
        deadline_raw, category, category_against_original, original_due, effective_due, completed_on, basis,
        units_not_completed, discrepancies
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(snapshot_id text, task_id text, directive_id text,
        directive_label text, position int, text text, lead_names text, coordinator_names text, product text,
        deadline_raw text, category text, category_against_original text, original_due date, effective_due date,
        completed_on date, basis text, units_not_completed jsonb, discrepancies jsonb)`);
  }
}

export async function insertSnapshotAssignments(db: DbOrTx, rows: SnapshotAssignmentInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH * 2) {
    const batch = rows.slice(i, i + BATCH * 2).map((r) => ({
      s: r.snapshotId,
      a: r.assignmentId,
      t: r.taskId,
      g: r.agencyId,
      n: r.agencyName,
      k: r.agencyKind,
      c: r.category,
      o: r.categoryAgainstOriginal,
      d: r.effectiveDue ?? null,
      f: r.completedOn ?? null,
    }));
    await db.execute(sql`insert into snapshot_assignments (snapshot_id, assignment_id, task_id, agency_id, agency_name,
        agency_kind, category, category_against_original, effective_due, completed_on)
      select s, a, t, g, n, k, c, o, d, f
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(s text, a text, t text, g text, n text, k text,
        c text, o text, d date, f date)`);
  }
}

export async function insertSnapshot(db: DbOrTx, row: typeof snapshots.$inferInsert): Promise<void> {
  await db.insert(snapshots).values(row);
}

export async function findSnapshot(db: DbOrTx, id: string) {
  const [row] = await db.select().from(snapshots).where(eq(snapshots.id, id)).limit(1);
  return row ?? null;
}

export function listSnapshotRows(db: DbOrTx, limit: number) {
  return db
    .select({
      id: snapshots.id,
      asOf: snapshots.asOf,
      label: snapshots.label,
      createdByUserId: snapshots.createdByUserId,
      createdByLabel: snapshots.createdByLabel,
      taskCount: snapshots.taskCount,
      assignmentCount: snapshots.assignmentCount,
      createdAt: snapshots.createdAt,
    })
    .from(snapshots)
    .orderBy(desc(snapshots.asOf), desc(snapshots.createdAt))
    .limit(limit);
}

export type SnapshotTaskRow = typeof snapshotTasks.$inferSelect;
export type SnapshotAssignmentRow = typeof snapshotAssignments.$inferSelect;

export function selectSnapshotTasks(db: DbOrTx, snapshotId: string): Promise<SnapshotTaskRow[]> {
  return db
    .select()
    .from(snapshotTasks)
    .where(eq(snapshotTasks.snapshotId, snapshotId))
    .orderBy(snapshotTasks.directiveLabel, snapshotTasks.position, snapshotTasks.taskId);
}

export function selectSnapshotAssignments(db: DbOrTx, snapshotId: string): Promise<SnapshotAssignmentRow[]> {
  return db.select().from(snapshotAssignments).where(eq(snapshotAssignments.snapshotId, snapshotId));
}

export type CategoryChangeRowDb = {
  task_id: string;
  text: string;
  directive_label: string;
  from_category: string | null;
  to_category: string;
  from_due: string | null;
  to_due: string | null;
};

/** Tasks whose category or effective deadline differs between two snapshots (tasks new in `to` included). */
export function selectTaskChanges(db: DbOrTx, fromId: string, toId: string) {
  return queryRows<CategoryChangeRowDb>(
    db,
    sql`select b.task_id, b.text, b.directive_label, a.category as from_category, b.category as to_category,
          a.effective_due::text as from_due, b.effective_due::text as to_due
        from snapshot_tasks b left join snapshot_tasks a on a.snapshot_id = ${fromId} and a.task_id = b.task_id
        where b.snapshot_id = ${toId}
          and (a.task_id is null or a.category <> b.category or a.effective_due is distinct from b.effective_due)
        order by b.directive_label, b.position`,
  );
}

export type AgencyOverdueRowDb = {
  agency_id: string;
  agency_name: string;
  snapshot_id: string;
  overdue: number;
  total: number;
};

/** Overdue and total lead assignments per agency in each of the given snapshots. */
export function selectAgencyOverdue(db: DbOrTx, snapshotIds: string[]) {
  return queryRows<AgencyOverdueRowDb>(
    db,
    sql`select agency_id, max(agency_name) as agency_name, snapshot_id,
          (count(*) filter (where category = 'overdue'))::int as overdue, count(*)::int as total
        from snapshot_assignments where snapshot_id in (${sql.join(
          snapshotIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        group by snapshot_id, agency_id`,
  );
}

export type SnapshotCountRowDb = { snapshot_id: string; as_of: string; category: string; n: number };

/** Task counts per category for the latest `limit` snapshots up to a date (the dashboard trend). */
export function selectSnapshotTrend(db: DbOrTx, upTo: string, limit: number) {
  return queryRows<SnapshotCountRowDb>(
    db,
    sql`with s as (select id, as_of from snapshots where as_of <= ${upTo} order by as_of desc, created_at desc limit ${limit})
        select s.id as snapshot_id, s.as_of::text as as_of, t.category, count(*)::int as n
        from s join snapshot_tasks t on t.snapshot_id = s.id group by s.id, s.as_of, t.category
        order by s.as_of`,
  );
}
