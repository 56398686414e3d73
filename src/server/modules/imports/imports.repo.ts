import { type DbOrTx, queryRows } from '@server/db/client';
import {
  assignments,
  auditLog,
  directiveSections,
  directives,
  importRuns,
  reportedFacts,
  sourceFiles,
  sourceLists,
  taskHistory,
  taskKeys,
  taskOccurrences,
  tasks,
} from '@server/db/schema/index';
import { and, eq, inArray, sql } from 'drizzle-orm';

export type TaskInsert = typeof tasks.$inferInsert;
export type TaskRecord = typeof tasks.$inferSelect;
export type DirectiveRecord = typeof directives.$inferSelect;

export async function findSourceFileBySha(db: DbOrTx, sha256: string) {
  const rows = await db.select().from(sourceFiles).where(eq(sourceFiles.sha256, sha256)).limit(1);
  return rows[0] ?? null;
}

export async function insertSourceFile(db: DbOrTx, row: typeof sourceFiles.$inferInsert) {
  await db.insert(sourceFiles).values(row).onConflictDoNothing();
}

export async function findDirectivesByKeys(db: DbOrTx, keys: string[]): Promise<DirectiveRecord[]> {
  if (keys.length === 0) {
    return [];
  }
  return db.select().from(directives).where(inArray(directives.stableKey, keys));
}

export async function insertDirective(db: DbOrTx, row: typeof directives.$inferInsert) {
  await db.insert(directives).values(row);
}

export async function updateDirective(db: DbOrTx, id: string, patch: Partial<typeof directives.$inferInsert>) {
  await db.update(directives).set(patch).where(eq(directives.id, id));
}

export async function upsertSection(db: DbOrTx, row: typeof directiveSections.$inferInsert) {
  await db
    .insert(directiveSections)
    .values(row)
    .onConflictDoUpdate({ target: directiveSections.id, set: { title: row.title, label: row.label } });
}

export async function listSectionIdsOfDirective(db: DbOrTx, directiveId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: directiveSections.id })
    .from(directiveSections)
    .where(eq(directiveSections.directiveId, directiveId));
  return new Set(rows.map((r) => r.id));
}

export async function upsertList(db: DbOrTx, row: typeof sourceLists.$inferInsert) {
  await db
    .insert(sourceLists)
    .values(row)
    .onConflictDoUpdate({
      target: [sourceLists.sourceFileId, sourceLists.position],
      set: { kind: row.kind, title: row.title, line: row.line, reportedOn: row.reportedOn },
    });
}

/** Task ids known under any of these identity keys (current or former wording). */
export async function findTaskIdsByKeys(db: DbOrTx, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const rows = await db.select().from(taskKeys).where(inArray(taskKeys.key, chunk));
    for (const r of rows) {
      found.set(r.key, r.taskId);
    }
  }
  return found;
}

export async function findTasksByIds(db: DbOrTx, ids: string[]): Promise<Map<string, TaskRecord>> {
  const found = new Map<string, TaskRecord>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .select()
      .from(tasks)
      .where(inArray(tasks.id, ids.slice(i, i + 500)));
    for (const r of rows) {
      found.set(r.id, r);
    }
  }
  return found;
}

export async function updateTask(db: DbOrTx, id: string, patch: Partial<TaskInsert>) {
  await db.update(tasks).set(patch).where(eq(tasks.id, id));
}

export async function insertTaskHistory(db: DbOrTx, row: typeof taskHistory.$inferInsert) {
  await db.insert(taskHistory).values(row);
}

export async function deactivateAssignments(db: DbOrTx, ids: string[]) {
  for (let i = 0; i < ids.length; i += 1000) {
    await db
      .update(assignments)
      .set({ isActive: false })
      .where(inArray(assignments.id, ids.slice(i, i + 1000)));
  }
}

export async function insertImportRun(db: DbOrTx, row: typeof importRuns.$inferInsert) {
  await db.insert(importRuns).values(row);
}

export async function insertAudit(db: DbOrTx, row: typeof auditLog.$inferInsert) {
  await db.insert(auditLog).values(row);
}

const CHUNK = 400;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) {
    out.push(rows.slice(i, i + size));
  }
  return out;
}

/** Removes rows with the same key, keeping the last: one INSERT … ON CONFLICT may not touch a row twice. */
export function uniqueBy<T>(rows: T[], keyOf: (row: T) => string): T[] {
  const map = new Map<string, T>();
  for (const row of rows) {
    map.set(keyOf(row), row);
  }
  return [...map.values()];
}

export async function insertTasks(db: DbOrTx, rows: TaskInsert[]) {
  for (const part of chunks(rows, 200)) {
    await db.insert(tasks).values(part);
  }
}

export async function insertTaskKeys(db: DbOrTx, rows: { key: string; taskId: string }[]) {
  for (const part of chunks(uniqueBy(rows, (r) => r.key))) {
    await db.insert(taskKeys).values(part).onConflictDoNothing();
  }
}

export async function listActiveAssignmentsOf(db: DbOrTx, taskIds: string[]) {
  const out: (typeof assignments.$inferSelect)[] = [];
  for (const part of chunks(taskIds, 500)) {
    out.push(
      ...(await db
        .select()
        .from(assignments)
        .where(and(inArray(assignments.taskId, part), eq(assignments.isActive, true)))),
    );
  }
  return out;
}

export async function upsertAssignments(db: DbOrTx, rows: (typeof assignments.$inferInsert)[]) {
  for (const part of chunks(
    uniqueBy(rows, (r) => `${r.taskId}|${r.agencyId}|${r.role}`),
    1000,
  )) {
    await db
      .insert(assignments)
      .values(part)
      .onConflictDoUpdate({
        target: [assignments.taskId, assignments.agencyId, assignments.role],
        set: { isActive: true, viaGroup: sql`excluded.via_group` },
      });
  }
}

export async function upsertOccurrences(db: DbOrTx, rows: (typeof taskOccurrences.$inferInsert)[]) {
  for (const part of chunks(uniqueBy(rows, (r) => `${r.listId}|${r.row}`))) {
    await db
      .insert(taskOccurrences)
      .values(part)
      .onConflictDoUpdate({
        target: [taskOccurrences.listId, taskOccurrences.row],
        set: { taskId: sql`excluded.task_id`, line: sql`excluded.line`, cells: sql`excluded.cells` },
      });
  }
}

export async function upsertFacts(db: DbOrTx, rows: (typeof reportedFacts.$inferInsert)[]) {
  for (const part of chunks(uniqueBy(rows, (r) => `${r.taskId}|${r.listId}|${r.kind}`))) {
    await db
      .insert(reportedFacts)
      .values(part)
      .onConflictDoUpdate({
        target: [reportedFacts.taskId, reportedFacts.listId, reportedFacts.kind],
        set: { value: sql`excluded.value`, reportedOn: sql`excluded.reported_on` },
      });
  }
}

/** Where tasks stood in earlier imports of files with these names: (list title, row) → task. */
export async function listPlacesInFilesNamed(db: DbOrTx, fileNames: string[]) {
  if (fileNames.length === 0) {
    return [];
  }
  return db
    .select({
      fileName: sourceFiles.fileName,
      listTitle: sourceLists.title,
      row: taskOccurrences.row,
      taskId: taskOccurrences.taskId,
      directiveId: tasks.directiveId,
      textFolded: tasks.textFolded,
    })
    .from(taskOccurrences)
    .innerJoin(sourceLists, eq(sourceLists.id, taskOccurrences.listId))
    .innerJoin(sourceFiles, eq(sourceFiles.id, sourceLists.sourceFileId))
    .innerJoin(tasks, eq(tasks.id, taskOccurrences.taskId))
    .where(inArray(sourceFiles.fileName, fileNames));
}

/**
 * Assignments that a restructuring moved to a successor agency, for these tasks: a re-import naming the old agency
 * must land on the successor, not bring the old assignment back.
 */
export async function listTransfersOfTasks(db: DbOrTx, taskIds: string[]) {
  const out: { taskId: string; role: string; fromAgencyId: string; toAgencyId: string }[] = [];
  for (const part of chunks(taskIds, 500)) {
    const rows = await queryRows<{ task_id: string; role: string; from_agency: string; to_agency: string }>(
      db,
      sql`select a.task_id, a.role, a.agency_id as from_agency, b.agency_id as to_agency
          from assignment_transfers t
          join assignments a on a.id = t.from_assignment_id
          join assignments b on b.id = t.to_assignment_id
          where a.task_id in (${sql.join(
            part.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
    out.push(
      ...rows.map((r) => ({ taskId: r.task_id, role: r.role, fromAgencyId: r.from_agency, toAgencyId: r.to_agency })),
    );
  }
  return out;
}
