import { type DbOrTx, queryRows } from '@server/db/client';
import { auditLog, duplicateCandidates, duplicateDecisions, taskLinks } from '@server/db/schema/index';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { StoredTask } from './candidate-index';

export type CandidateRow = typeof duplicateCandidates.$inferSelect;
export type CandidateInsert = typeof duplicateCandidates.$inferInsert;
export type DecisionRow = typeof duplicateDecisions.$inferSelect;
export type LinkRow = typeof taskLinks.$inferSelect;

type StoredTaskRow = {
  id: string;
  text: string;
  product: string | null;
  deadline_raw: string | null;
  deadline_kind: string;
  deadline_due: string | Date | null;
  directive_id: string;
  directive_key: string;
  directive_title: string;
  leads: string[] | string | null;
};

function isoDate(value: string | Date | null): string | null {
  if (value === null) {
    return null;
  }
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

function storedTaskOf(r: StoredTaskRow): StoredTask {
  const leads = typeof r.leads === 'string' ? (JSON.parse(r.leads) as string[]) : (r.leads ?? []);
  return {
    id: r.id,
    text: r.text,
    product: r.product,
    leads,
    deadline: { kind: r.deadline_kind, due: isoDate(r.deadline_due), raw: r.deadline_raw },
    directiveKey: r.directive_key,
    directiveId: r.directive_id,
    directiveTitle: r.directive_title,
  };
}

const STORED_TASK_SELECT = sql`
  select t.id, t.text, t.product, t.deadline_raw, t.deadline_kind, t.deadline_due::text as deadline_due,
         t.directive_id, d.stable_key as directive_key, d.title as directive_title,
         coalesce((select json_agg(ag.name order by ag.name) from assignments s join agencies ag on ag.id = s.agency_id
                   where s.task_id = t.id and s.role = 'lead' and s.is_active), '[]'::json) as leads
  from tasks t join directives d on d.id = t.directive_id`;

/** Every stored task with what the matcher needs (text, product, lead names, deadline, directive). */
export async function loadStoredTasks(db: DbOrTx): Promise<StoredTask[]> {
  const rows = await queryRows<StoredTaskRow>(db, sql`${STORED_TASK_SELECT} order by t.id`);
  return rows.map(storedTaskOf);
}

export async function loadStoredTasksByIds(db: DbOrTx, ids: string[]): Promise<Map<string, StoredTask>> {
  const out = new Map<string, StoredTask>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await queryRows<StoredTaskRow>(
      db,
      sql`${STORED_TASK_SELECT} where t.id in (${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    for (const r of rows) {
      out.set(r.id, storedTaskOf(r));
    }
  }
  return out;
}

/** Cheap fingerprint of the task table: when it changes, the in-memory index is rebuilt. */
export async function tasksFingerprint(db: DbOrTx): Promise<string> {
  const [row] = await queryRows<{ n: number; u: string | null; c: string | null }>(
    db,
    sql`select count(*)::int as n, max(updated_at)::text as u, max(created_at)::text as c from tasks`,
  );
  return `${row?.n ?? 0}|${row?.u ?? ''}|${row?.c ?? ''}`;
}

export async function directiveExists(db: DbOrTx, directiveId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(db, sql`select id from directives where id = ${directiveId} limit 1`);
  return rows.length > 0;
}

/**
 * Stored tasks whose folded text is trigram-similar to `folded` (pg_trgm `%` with the GIN index
 * `tasks_text_trgm_idx`): the database-side alternative to the in-memory index, measured by the bench.
 */
export async function findTrigramCandidates(
  db: DbOrTx,
  folded: string,
  options: { limit: number; threshold: number },
): Promise<Array<{ id: string; similarity: number }>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local pg_trgm.similarity_threshold = ${Number(options.threshold)}`));
    return queryRows<{ id: string; similarity: number }>(
      tx,
      sql`select id, similarity(text_folded, ${folded}) as similarity from tasks
          where text_folded % ${folded} order by similarity desc limit ${options.limit}`,
    );
  });
}

export async function findCandidatesByPairs(
  db: DbOrTx,
  pairs: Array<[string, string]>,
): Promise<Map<string, CandidateRow>> {
  const out = new Map<string, CandidateRow>();
  for (let i = 0; i < pairs.length; i += 300) {
    const chunk = pairs.slice(i, i + 300);
    const conds = chunk.map(([a, b]) => and(eq(duplicateCandidates.taskAId, a), eq(duplicateCandidates.taskBId, b)));
    const rows = await db
      .select()
      .from(duplicateCandidates)
      .where(or(...conds));
    for (const r of rows) {
      out.set(`${r.taskAId}|${r.taskBId}`, r);
    }
  }
  return out;
}

export async function insertCandidates(db: DbOrTx, rows: CandidateInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(duplicateCandidates)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  }
}

/** Refreshes score and reasons of a pair still waiting for a person; decided pairs are never touched. */
export async function refreshPendingCandidate(
  db: DbOrTx,
  id: string,
  patch: Pick<CandidateInsert, 'score' | 'reasons' | 'suggestedKind' | 'lastScannedAt'>,
): Promise<void> {
  await db
    .update(duplicateCandidates)
    .set(patch)
    .where(and(eq(duplicateCandidates.id, id), eq(duplicateCandidates.status, 'pending')));
}

export async function getCandidate(db: DbOrTx, id: string): Promise<CandidateRow | null> {
  const [row] = await db.select().from(duplicateCandidates).where(eq(duplicateCandidates.id, id)).limit(1);
  return row ?? null;
}

export type CandidateFilter = {
  status: string;
  directiveId?: string | undefined;
  taskId?: string | undefined;
  minScore?: number | undefined;
};

function candidateConditions(filter: CandidateFilter): SQL | undefined {
  const conds: SQL[] = [eq(duplicateCandidates.status, filter.status)];
  if (filter.taskId) {
    conds.push(
      or(eq(duplicateCandidates.taskAId, filter.taskId), eq(duplicateCandidates.taskBId, filter.taskId)) as SQL,
    );
  }
  if (filter.directiveId) {
    conds.push(
      sql`exists (select 1 from tasks x where x.directive_id = ${filter.directiveId}
                  and (x.id = ${duplicateCandidates.taskAId} or x.id = ${duplicateCandidates.taskBId}))`,
    );
  }
  if (filter.minScore !== undefined) {
    conds.push(sql`${duplicateCandidates.score} >= ${filter.minScore}`);
  }
  return and(...conds);
}

export async function listCandidates(
  db: DbOrTx,
  filter: CandidateFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: CandidateRow[]; total: number }> {
  const where = candidateConditions(filter);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(duplicateCandidates).where(where);
  const rows = await db
    .select()
    .from(duplicateCandidates)
    .where(where)
    .orderBy(desc(duplicateCandidates.score), asc(duplicateCandidates.id))
    .limit(page.limit)
    .offset(page.offset);
  return { rows, total: Number(count?.n ?? 0) };
}

export async function setCandidateStatus(
  db: DbOrTx,
  id: string,
  status: string,
  decidedAt: Date | null,
): Promise<void> {
  await db.update(duplicateCandidates).set({ status, decidedAt }).where(eq(duplicateCandidates.id, id));
}

export async function insertDecision(db: DbOrTx, row: typeof duplicateDecisions.$inferInsert): Promise<void> {
  await db.insert(duplicateDecisions).values(row);
}

export async function listDecisions(db: DbOrTx, candidateId: string): Promise<DecisionRow[]> {
  return db
    .select()
    .from(duplicateDecisions)
    .where(eq(duplicateDecisions.candidateId, candidateId))
    .orderBy(asc(duplicateDecisions.seq));
}

export async function getLink(db: DbOrTx, id: string): Promise<LinkRow | null> {
  const [row] = await db.select().from(taskLinks).where(eq(taskLinks.id, id)).limit(1);
  return row ?? null;
}

export async function upsertLink(db: DbOrTx, row: typeof taskLinks.$inferInsert): Promise<void> {
  await db
    .insert(taskLinks)
    .values(row)
    .onConflictDoUpdate({
      target: taskLinks.id,
      set: {
        kind: row.kind,
        active: row.active ?? true,
        reportsCountForLinked: row.reportsCountForLinked ?? true,
        updatedAt: row.updatedAt,
      },
    });
}

export async function updateLink(
  db: DbOrTx,
  id: string,
  patch: Partial<Pick<LinkRow, 'active' | 'reportsCountForLinked' | 'updatedAt'>>,
): Promise<void> {
  await db.update(taskLinks).set(patch).where(eq(taskLinks.id, id));
}

export async function linksOfTasks(db: DbOrTx, taskIds: string[], onlyActive: boolean): Promise<LinkRow[]> {
  if (taskIds.length === 0) {
    return [];
  }
  const touching = or(inArray(taskLinks.taskAId, taskIds), inArray(taskLinks.taskBId, taskIds));
  return db
    .select()
    .from(taskLinks)
    .where(onlyActive ? and(touching, eq(taskLinks.active, true)) : touching);
}

export async function insertAudit(db: DbOrTx, row: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(row);
}
