import type { DbOrTx } from '@server/db/client';
import {
  agencies,
  assignments,
  directiveSections,
  directives,
  reportedFacts,
  sourceFiles,
  sourceLists,
  taskHistory,
  taskOccurrences,
  tasks,
} from '@server/db/schema/index';
import type { TaskListQuery } from '@shared/contracts/tasks';
import { foldText } from '@shared/lib/vn-text';
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';

/** Words of a search term, folded; every word must occur (in any order) in the folded task text. */
function searchConditions(q: string | undefined): SQL[] {
  if (!q) {
    return [];
  }
  const words = foldText(q).split(' ').filter(Boolean).slice(0, 12);
  return words.map((word) => sql`${tasks.textFolded} like ${`%${word}%`}`);
}

function listConditions(query: TaskListQuery): SQL[] {
  const conds: SQL[] = [...searchConditions(query.q)];
  if (query.directiveId) {
    conds.push(eq(tasks.directiveId, query.directiveId));
  }
  if (query.sectionId) {
    conds.push(eq(tasks.sectionId, query.sectionId));
  }
  if (query.dueFrom) {
    conds.push(gte(tasks.deadlineDue, query.dueFrom));
  }
  if (query.dueTo) {
    conds.push(lte(tasks.deadlineDue, query.dueTo));
  }
  if (query.deadlineKind) {
    conds.push(eq(tasks.deadlineKind, query.deadlineKind));
  }
  if (query.status) {
    conds.push(eq(tasks.status, query.status));
  }
  if (query.agencyId || query.role) {
    // Written out: Drizzle leaves column names unqualified inside a raw subquery, which would bind to the outer table.
    const agencyCond = query.agencyId ? sql` and a.agency_id = ${query.agencyId}` : sql``;
    const roleCond = query.role ? sql` and a.role = ${query.role}` : sql``;
    conds.push(
      sql`exists (select 1 from assignments a where a.task_id = ${tasks.id} and a.is_active${agencyCond}${roleCond})`,
    );
  }
  return conds;
}

export type TaskRow = typeof tasks.$inferSelect & {
  directiveKey: string;
  directiveTitle: string;
  sectionTitle: string | null;
  sectionLabel: string | null;
};

const taskColumns = {
  task: tasks,
  directiveKey: directives.stableKey,
  directiveTitle: directives.title,
  sectionTitle: directiveSections.title,
  sectionLabel: directiveSections.label,
};

function flatten(row: {
  task: typeof tasks.$inferSelect;
  directiveKey: string;
  directiveTitle: string;
  sectionTitle: string | null;
  sectionLabel: string | null;
}): TaskRow {
  return {
    ...row.task,
    directiveKey: row.directiveKey,
    directiveTitle: row.directiveTitle,
    sectionTitle: row.sectionTitle,
    sectionLabel: row.sectionLabel,
  };
}

export async function listTaskRows(db: DbOrTx, query: TaskListQuery): Promise<{ rows: TaskRow[]; total: number }> {
  const where = and(...listConditions(query));
  const folded = query.q ? foldText(query.q) : '';
  // With a search term, the closest wording comes first: the exact phrase, then trigram word similarity.
  const relevance =
    folded && query.sort === 'position'
      ? [
          sql`(${tasks.textFolded} like ${`%${folded}%`}) desc`,
          sql`word_similarity(${folded}, ${tasks.textFolded}) desc`,
        ]
      : [];
  const order =
    query.sort === 'due'
      ? [sql`${tasks.deadlineDue} asc nulls last`, asc(tasks.position)]
      : query.sort === 'updated'
        ? [desc(tasks.updatedAt), asc(tasks.id)]
        : [asc(directives.issuedOn), asc(directives.stableKey), asc(tasks.position), asc(tasks.id)];
  const rows = await db
    .select(taskColumns)
    .from(tasks)
    .innerJoin(directives, eq(directives.id, tasks.directiveId))
    .leftJoin(directiveSections, eq(directiveSections.id, tasks.sectionId))
    .where(where)
    .orderBy(...relevance, ...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(tasks).where(where);
  return { rows: rows.map(flatten), total: count?.n ?? 0 };
}

export async function findTaskRow(db: DbOrTx, taskId: string): Promise<TaskRow | null> {
  const rows = await db
    .select(taskColumns)
    .from(tasks)
    .innerJoin(directives, eq(directives.id, tasks.directiveId))
    .leftJoin(directiveSections, eq(directiveSections.id, tasks.sectionId))
    .where(eq(tasks.id, taskId))
    .limit(1);
  const row = rows[0];
  return row ? flatten(row) : null;
}

export type AssignmentRow = {
  taskId: string;
  agencyId: string;
  agencyName: string;
  role: string;
  viaGroup: string | null;
};

export async function listAssignmentsOfTasks(db: DbOrTx, taskIds: string[]): Promise<AssignmentRow[]> {
  if (taskIds.length === 0) {
    return [];
  }
  return db
    .select({
      taskId: assignments.taskId,
      agencyId: assignments.agencyId,
      agencyName: agencies.name,
      role: assignments.role,
      viaGroup: assignments.viaGroup,
    })
    .from(assignments)
    .innerJoin(agencies, eq(agencies.id, assignments.agencyId))
    .where(and(inArray(assignments.taskId, taskIds), eq(assignments.isActive, true)))
    .orderBy(asc(assignments.taskId), asc(assignments.role), asc(agencies.name));
}

export async function listOccurrencesOfTask(db: DbOrTx, taskId: string) {
  return db
    .select({
      listId: sourceLists.id,
      listTitle: sourceLists.title,
      listKind: sourceLists.kind,
      fileName: sourceFiles.fileName,
      row: taskOccurrences.row,
      line: taskOccurrences.line,
      cells: taskOccurrences.cells,
    })
    .from(taskOccurrences)
    .innerJoin(sourceLists, eq(sourceLists.id, taskOccurrences.listId))
    .innerJoin(sourceFiles, eq(sourceFiles.id, sourceLists.sourceFileId))
    .where(eq(taskOccurrences.taskId, taskId))
    .orderBy(asc(sourceFiles.fileName), asc(sourceLists.position), asc(taskOccurrences.row));
}

export async function listFactsOfTask(db: DbOrTx, taskId: string) {
  return db
    .select({
      kind: reportedFacts.kind,
      value: reportedFacts.value,
      reportedOn: reportedFacts.reportedOn,
      listTitle: sourceLists.title,
    })
    .from(reportedFacts)
    .leftJoin(sourceLists, eq(sourceLists.id, reportedFacts.listId))
    .where(eq(reportedFacts.taskId, taskId))
    .orderBy(asc(reportedFacts.reportedOn), asc(reportedFacts.kind));
}

export async function listHistoryOfTask(db: DbOrTx, taskId: string) {
  return db
    .select({ version: taskHistory.version, changedAt: taskHistory.changedAt, before: taskHistory.before })
    .from(taskHistory)
    .where(eq(taskHistory.taskId, taskId))
    .orderBy(desc(taskHistory.version));
}
