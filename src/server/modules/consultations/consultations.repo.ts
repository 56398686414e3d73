import type { DbOrTx } from '@server/db/client';
import {
  consultationComments,
  consultationConsultees,
  consultations,
  directives,
  tasks,
} from '@server/db/schema/index';
import { and, asc, eq, inArray, or } from 'drizzle-orm';

export type ConsultationRow = typeof consultations.$inferSelect;
export type ConsulteeRow = typeof consultationConsultees.$inferSelect;
export type CommentRow = typeof consultationComments.$inferSelect;

export async function selectConsultation(db: DbOrTx, id: string): Promise<ConsultationRow | undefined> {
  const [row] = await db.select().from(consultations).where(eq(consultations.id, id)).limit(1);
  return row;
}

/** By id, key, or the stable key / id of its directive. */
export async function findConsultation(db: DbOrTx, ref: string): Promise<ConsultationRow | undefined> {
  const [direct] = await db
    .select()
    .from(consultations)
    .where(or(eq(consultations.id, ref), eq(consultations.key, ref)))
    .limit(1);
  if (direct) {
    return direct;
  }
  const [viaDirective] = await db
    .select({ c: consultations })
    .from(consultations)
    .innerJoin(directives, eq(directives.id, consultations.directiveId))
    .where(or(eq(directives.stableKey, ref), eq(directives.id, ref)))
    .limit(1);
  if (viaDirective) {
    return viaDirective.c;
  }
  // An imported table is also found by its source file name (e.g. "000_f39aca9c9f0984c3.txt").
  const all = await db.select().from(consultations).where(eq(consultations.status, 'imported'));
  return all.find((c) => c.title.includes(`(${ref})`) || c.key.includes(ref));
}

export async function listConsultationRows(db: DbOrTx): Promise<ConsultationRow[]> {
  return db.select().from(consultations).orderBy(asc(consultations.createdAt));
}

/** Ministries and agencies first, then localities (the order of the synthesis table), each by row. */
export async function selectConsultees(db: DbOrTx, consultationId: string): Promise<ConsulteeRow[]> {
  const rows = await db
    .select()
    .from(consultationConsultees)
    .where(eq(consultationConsultees.consultationId, consultationId))
    .orderBy(asc(consultationConsultees.row));
  const rank = (c: ConsulteeRow) => (c.groupKind === 'localities' ? 1 : 0);
  return rows.sort((a, b) => rank(a) - rank(b) || a.row - b.row);
}

export async function selectComments(db: DbOrTx, consultationId: string): Promise<CommentRow[]> {
  return db
    .select()
    .from(consultationComments)
    .where(eq(consultationComments.consultationId, consultationId))
    .orderBy(asc(consultationComments.createdAt), asc(consultationComments.point));
}

export async function selectComment(db: DbOrTx, id: string): Promise<CommentRow | undefined> {
  const [row] = await db.select().from(consultationComments).where(eq(consultationComments.id, id)).limit(1);
  return row;
}

export async function selectCommentsForTask(db: DbOrTx, taskId: string): Promise<CommentRow[]> {
  return db
    .select()
    .from(consultationComments)
    .where(eq(consultationComments.taskId, taskId))
    .orderBy(asc(consultationComments.createdAt));
}

export async function selectDirectiveTasks(db: DbOrTx, directiveId: string, ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.directiveId, directiveId), inArray(tasks.id, ids)));
}
