import { and, asc, desc, eq, exists, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
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
  if (query.agencyId) {
    const assignmentConds = [
      eq(assignments.taskId, tasks.id),
      eq(assignments.agencyId, query.agencyId),
      eq(assignments.isActive, true),
    ];
    if (query.role) {
      assignmentConds.push(eq(assignments.role, query.role));
    }
    conds.push(exists(sql`select 1 from ${assignments} where ${and(...assignmentConds)}`));
  } else if (query.role) {
    conds.push(
      exists(
        sql`select 1 from ${assignments} where ${and(eq(assignments.taskId, tasks.id), eq(assignments.role, query.role))}`,
      ),
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
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(where);
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
