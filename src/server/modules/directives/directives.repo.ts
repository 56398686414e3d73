import type { DbOrTx } from '@server/db/client';
import {
  directiveSections,
  directives,
  sourceFiles,
  sourceLists,
  taskOccurrences,
  tasks,
} from '@server/db/schema/index';
import { foldText } from '@shared/lib/vn-text';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';

export type DirectiveFilter = { q?: string | undefined; kind?: string | undefined; status?: string | undefined };

export async function listDirectiveRows(db: DbOrTx, filter: DirectiveFilter) {
  const conds: SQL[] = [];
  if (filter.q) {
    for (const word of foldText(filter.q).split(' ').filter(Boolean)) {
      conds.push(
        sql`(${directives.titleFolded} like ${`%${word}%`} or lower(coalesce(${directives.number}, '')) like ${`%${word}%`})`,
      );
    }
  }
  if (filter.kind) {
    conds.push(eq(directives.kind, filter.kind));
  }
  if (filter.status) {
    conds.push(eq(directives.status, filter.status));
  }
  return db
    .select({
      directive: directives,
      taskCount: sql<number>`(select count(*)::int from tasks t where t.directive_id = "directives"."id")`,
    })
    .from(directives)
    .where(and(...conds))
    .orderBy(sql`${directives.issuedOn} desc nulls last`, asc(directives.stableKey));
}

export async function findDirectiveRow(db: DbOrTx, directiveId: string) {
  const rows = await db
    .select({
      directive: directives,
      taskCount: sql<number>`(select count(*)::int from tasks t where t.directive_id = "directives"."id")`,
    })
    .from(directives)
    .where(eq(directives.id, directiveId))
    .limit(1);
  return rows[0] ?? null;
}

export async function listSectionsWithCounts(db: DbOrTx, directiveId: string) {
  return db
    .select({
      id: directiveSections.id,
      parentId: directiveSections.parentId,
      label: directiveSections.label,
      title: directiveSections.title,
      position: directiveSections.position,
      taskCount: sql<number>`(select count(*)::int from tasks t where t.section_id = "directive_sections"."id")`,
    })
    .from(directiveSections)
    .where(eq(directiveSections.directiveId, directiveId))
    .orderBy(asc(directiveSections.position));
}

/** Files that this directive's tasks were read from (the directive's own file and any report that listed them). */
export async function listSourceFilesOfDirective(db: DbOrTx, directiveId: string, ownFileId: string | null) {
  const viaTasks = db
    .selectDistinct({ id: sourceLists.sourceFileId })
    .from(taskOccurrences)
    .innerJoin(tasks, eq(tasks.id, taskOccurrences.taskId))
    .innerJoin(sourceLists, eq(sourceLists.id, taskOccurrences.listId))
    .where(eq(tasks.directiveId, directiveId));
  const ids = (await viaTasks).map((r) => r.id);
  if (ownFileId) {
    ids.push(ownFileId);
  }
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ id: sourceFiles.id, fileName: sourceFiles.fileName, createdAt: sourceFiles.createdAt })
    .from(sourceFiles)
    .where(inArray(sourceFiles.id, [...new Set(ids)]))
    .orderBy(asc(sourceFiles.createdAt));
}
