import type { DbOrTx } from '@server/db/client';
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

/**
 * The task that stood at the same place (same directive, a list with the same title in a file with the same
 * name, same row) in an earlier import: how an edited re-import finds the task whose wording changed.
 */
export async function findTaskAtSamePlace(
  db: DbOrTx,
  place: { directiveId: string; fileName: string; listTitle: string; row: number; textFolded: string },
): Promise<string | null> {
  const rows = await db
    .select({ taskId: taskOccurrences.taskId })
    .from(taskOccurrences)
    .innerJoin(sourceLists, eq(sourceLists.id, taskOccurrences.listId))
    .innerJoin(sourceFiles, eq(sourceFiles.id, sourceLists.sourceFileId))
    .innerJoin(tasks, eq(tasks.id, taskOccurrences.taskId))
    .where(
      and(
        eq(sourceFiles.fileName, place.fileName),
        eq(sourceLists.title, place.listTitle),
        eq(taskOccurrences.row, place.row),
        eq(tasks.directiveId, place.directiveId),
        sql`similarity(${tasks.textFolded}, ${place.textFolded}) >= 0.4`,
      ),
    )
    .limit(1);
  return rows[0]?.taskId ?? null;
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

export async function insertTask(db: DbOrTx, row: TaskInsert) {
  await db.insert(tasks).values(row);
}

export async function updateTask(db: DbOrTx, id: string, patch: Partial<TaskInsert>) {
  await db.update(tasks).set(patch).where(eq(tasks.id, id));
}

export async function insertTaskHistory(db: DbOrTx, row: typeof taskHistory.$inferInsert) {
  await db.insert(taskHistory).values(row);
}

export async function insertTaskKey(db: DbOrTx, key: string, taskId: string) {
  await db.insert(taskKeys).values({ key, taskId }).onConflictDoNothing();
}

export async function listActiveAssignments(db: DbOrTx, taskId: string) {
  return db
    .select()
    .from(assignments)
    .where(and(eq(assignments.taskId, taskId), eq(assignments.isActive, true)));
}

export async function upsertAssignment(db: DbOrTx, row: typeof assignments.$inferInsert) {
  await db
    .insert(assignments)
    .values(row)
    .onConflictDoUpdate({
      target: [assignments.taskId, assignments.agencyId, assignments.role],
      set: { isActive: true, viaGroup: row.viaGroup },
    });
}

export async function deactivateAssignments(db: DbOrTx, ids: string[]) {
  if (ids.length > 0) {
    await db.update(assignments).set({ isActive: false }).where(inArray(assignments.id, ids));
  }
}

export async function upsertOccurrence(db: DbOrTx, row: typeof taskOccurrences.$inferInsert) {
  await db
    .insert(taskOccurrences)
    .values(row)
    .onConflictDoUpdate({
      target: [taskOccurrences.listId, taskOccurrences.row],
      set: { taskId: row.taskId, line: row.line, cells: row.cells },
    });
}

export async function upsertFact(db: DbOrTx, row: typeof reportedFacts.$inferInsert) {
  await db
    .insert(reportedFacts)
    .values(row)
    .onConflictDoUpdate({
      target: [reportedFacts.taskId, reportedFacts.listId, reportedFacts.kind],
      set: { value: row.value, reportedOn: row.reportedOn },
    });
}

export async function insertImportRun(db: DbOrTx, row: typeof importRuns.$inferInsert) {
  await db.insert(importRuns).values(row);
}

export async function insertAudit(db: DbOrTx, row: typeof auditLog.$inferInsert) {
  await db.insert(auditLog).values(row);
}
