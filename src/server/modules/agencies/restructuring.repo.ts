import { type DbOrTx, queryRows } from '@server/db/client';
import {
  agencies,
  agencyAliases,
  agencySuccessions,
  assignmentTransfers,
  restructuringEvents,
} from '@server/db/schema/agencies';
import { sourceLists } from '@server/db/schema/directives';
import { progressReports } from '@server/db/schema/reporting';
import { assignments, reportedFacts, tasks } from '@server/db/schema/tasks';
import { users } from '@server/db/schema/users';
import { and, asc, count, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';

export type RestructuringEventRow = typeof restructuringEvents.$inferSelect;
export type RestructuringEventInsert = typeof restructuringEvents.$inferInsert;
export type AssignmentRow = typeof assignments.$inferSelect;
export type AssignmentInsert = typeof assignments.$inferInsert;
export type AssignmentTransferInsert = typeof assignmentTransfers.$inferInsert;

const CHUNK = 1000;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) {
    out.push(rows.slice(i, i + size));
  }
  return out;
}

/** The event row; `forUpdate` locks it until the transaction ends, so that two applies of one event serialise. */
export async function selectEventById(
  db: DbOrTx,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RestructuringEventRow | undefined> {
  const query = db.select().from(restructuringEvents).where(eq(restructuringEvents.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertEvent(db: DbOrTx, row: RestructuringEventInsert): Promise<void> {
  await db.insert(restructuringEvents).values(row);
}

export async function updateEvent(db: DbOrTx, id: string, values: Partial<RestructuringEventInsert>): Promise<void> {
  await db.update(restructuringEvents).set(values).where(eq(restructuringEvents.id, id));
}

/** Events newest first; with `agencyId`, those that name the agency as predecessor, successor or new parent. */
export async function selectEvents(
  db: DbOrTx,
  filter: { agencyId?: string | undefined; status?: string | undefined },
): Promise<RestructuringEventRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.status) {
    conditions.push(eq(restructuringEvents.status, filter.status));
  }
  if (filter.agencyId) {
    const asJson = JSON.stringify([filter.agencyId]);
    conditions.push(
      or(
        sql`${restructuringEvents.predecessorIds} @> ${asJson}::jsonb`,
        sql`${restructuringEvents.successorIds} @> ${asJson}::jsonb`,
        eq(restructuringEvents.newParentId, filter.agencyId),
      ),
    );
  }
  return db
    .select()
    .from(restructuringEvents)
    .where(and(...conditions))
    .orderBy(desc(restructuringEvents.effectiveOn), desc(restructuringEvents.createdAt))
    .limit(500);
}

/** Agencies whose validity interval an applied (not reversed) event set: predecessors and created successors. */
export async function selectAgencyIdsShapedByEvents(db: DbOrTx): Promise<Set<string>> {
  const rows = await db
    .select({ predecessorIds: restructuringEvents.predecessorIds, newAgencies: restructuringEvents.newAgencies })
    .from(restructuringEvents)
    .where(and(eq(restructuringEvents.status, 'applied'), isNull(restructuringEvents.reversesEventId)));
  return new Set(rows.flatMap((r) => [...r.predecessorIds, ...r.newAgencies.map((a) => a.id)]));
}

/** Applied events (other than `exceptId`) that name any of `agencyIds` as predecessor or successor. */
export async function selectAppliedEventsTouching(
  db: DbOrTx,
  agencyIds: string[],
  exceptId: string,
): Promise<RestructuringEventRow[]> {
  if (agencyIds.length === 0) {
    return [];
  }
  const touches = agencyIds.map((id) => {
    const asJson = JSON.stringify([id]);
    return or(
      sql`${restructuringEvents.predecessorIds} @> ${asJson}::jsonb`,
      sql`${restructuringEvents.successorIds} @> ${asJson}::jsonb`,
    );
  });
  return db
    .select()
    .from(restructuringEvents)
    .where(
      and(eq(restructuringEvents.status, 'applied'), sql`${restructuringEvents.id} <> ${exceptId}`, or(...touches)),
    );
}

export type CandidateAssignment = {
  id: string;
  taskId: string;
  agencyId: string;
  role: string;
  viaGroup: string | null;
  taskText: string;
};

/** Active assignments of the agencies, with the task text (for samples), in a stable order. */
export async function selectActiveAssignmentsOfAgencies(
  db: DbOrTx,
  agencyIds: string[],
): Promise<CandidateAssignment[]> {
  if (agencyIds.length === 0) {
    return [];
  }
  return db
    .select({
      id: assignments.id,
      taskId: assignments.taskId,
      agencyId: assignments.agencyId,
      role: assignments.role,
      viaGroup: assignments.viaGroup,
      taskText: tasks.text,
    })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .where(and(inArray(assignments.agencyId, agencyIds), eq(assignments.isActive, true)))
    .orderBy(asc(tasks.directiveId), asc(tasks.position), asc(assignments.id));
}

export type LeadOfTask = { assignmentId: string; taskId: string; agencyId: string; agencyName: string };

/** Every active lead of the tasks, with the agency's name (to match "Đơn vị chưa hoàn thành" lists). */
export async function selectLeadsOfTasks(db: DbOrTx, taskIds: string[]): Promise<LeadOfTask[]> {
  const out: LeadOfTask[] = [];
  for (const part of chunks(taskIds)) {
    out.push(
      ...(await db
        .select({
          assignmentId: assignments.id,
          taskId: assignments.taskId,
          agencyId: assignments.agencyId,
          agencyName: agencies.name,
        })
        .from(assignments)
        .innerJoin(agencies, eq(agencies.id, assignments.agencyId))
        .where(and(inArray(assignments.taskId, part), eq(assignments.isActive, true), eq(assignments.role, 'lead')))),
    );
  }
  return out;
}

export type StatusFactRow = {
  taskId: string;
  listId: string | null;
  kind: string;
  value: unknown;
  reportedOn: string | null;
  listTitle: string | null;
};

/** What documents said about the tasks' status: the status cells and the "Đơn vị chưa hoàn thành" lists. */
export async function selectStatusFacts(db: DbOrTx, taskIds: string[]): Promise<StatusFactRow[]> {
  const out: StatusFactRow[] = [];
  for (const part of chunks(taskIds)) {
    out.push(
      ...(await db
        .select({
          taskId: reportedFacts.taskId,
          listId: reportedFacts.listId,
          kind: reportedFacts.kind,
          value: reportedFacts.value,
          reportedOn: reportedFacts.reportedOn,
          listTitle: sourceLists.title,
        })
        .from(reportedFacts)
        .leftJoin(sourceLists, eq(sourceLists.id, reportedFacts.listId))
        .where(and(inArray(reportedFacts.taskId, part), inArray(reportedFacts.kind, ['status', 'unitsNotCompleted'])))),
    );
  }
  return out;
}

/** Assignments with an accepted progress report that says the work is completed. */
export async function selectAcceptedCompletedAssignments(db: DbOrTx, assignmentIds: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(assignmentIds)) {
    const rows = await db
      .selectDistinct({ id: progressReports.assignmentId })
      .from(progressReports)
      .where(
        and(
          inArray(progressReports.assignmentId, part),
          eq(progressReports.workflowStatus, 'accepted'),
          eq(progressReports.state, 'completed'),
        ),
      );
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

/** Rows (active or not) the successors already have on the tasks: a transfer reuses them. */
export async function selectAssignmentsOfTasksAndAgencies(
  db: DbOrTx,
  taskIds: string[],
  agencyIds: string[],
): Promise<AssignmentRow[]> {
  if (agencyIds.length === 0) {
    return [];
  }
  const out: AssignmentRow[] = [];
  for (const part of chunks(taskIds)) {
    out.push(
      ...(await db
        .select()
        .from(assignments)
        .where(and(inArray(assignments.taskId, part), inArray(assignments.agencyId, agencyIds)))),
    );
  }
  return out;
}

export async function selectAssignmentsByIds(db: DbOrTx, ids: string[]): Promise<AssignmentRow[]> {
  const out: AssignmentRow[] = [];
  for (const part of chunks(ids)) {
    out.push(...(await db.select().from(assignments).where(inArray(assignments.id, part))));
  }
  return out;
}

export async function insertAssignmentRows(db: DbOrTx, rows: AssignmentInsert[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db.insert(assignments).values(part);
  }
}

export async function setAssignmentsActive(db: DbOrTx, ids: string[], isActive: boolean): Promise<void> {
  for (const part of chunks(ids)) {
    await db.update(assignments).set({ isActive }).where(inArray(assignments.id, part));
  }
}

export async function insertTransfers(db: DbOrTx, rows: AssignmentTransferInsert[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db.insert(assignmentTransfers).values(part);
  }
}

export async function selectTransfersOfEvent(db: DbOrTx, eventId: string) {
  return db.select().from(assignmentTransfers).where(eq(assignmentTransfers.eventId, eventId));
}

export async function deleteTransfersOfEvent(db: DbOrTx, eventId: string): Promise<void> {
  await db.delete(assignmentTransfers).where(eq(assignmentTransfers.eventId, eventId));
}

export type UserOfAgency = { id: string; loginName: string; displayName: string; agencyId: string };

export async function selectActiveUsersOf(db: DbOrTx, agencyIds: string[]): Promise<UserOfAgency[]> {
  if (agencyIds.length === 0) {
    return [];
  }
  return db
    .select({ id: users.id, loginName: users.loginName, displayName: users.displayName, agencyId: users.agencyId })
    .from(users)
    .where(and(inArray(users.agencyId, agencyIds), eq(users.active, true)))
    .orderBy(asc(users.loginName));
}

export async function setUsersAgency(db: DbOrTx, userIds: string[], agencyId: string, now: Date): Promise<void> {
  for (const part of chunks(userIds)) {
    await db.update(users).set({ agencyId, updatedAt: now }).where(inArray(users.id, part));
  }
}

/** Moves each user back to the agency it came from, only if it is still where the event put it. */
export async function restoreUsersAgency(
  db: DbOrTx,
  moves: { userId: string; fromAgencyId: string; toAgencyId: string }[],
  now: Date,
): Promise<void> {
  for (const move of moves) {
    await db
      .update(users)
      .set({ agencyId: move.fromAgencyId, updatedAt: now })
      .where(and(eq(users.id, move.userId), eq(users.agencyId, move.toAgencyId)));
  }
}

export async function setAgencyValidity(
  db: DbOrTx,
  id: string,
  values: { validFrom?: string | null; validTo?: string | null; note?: string | null },
  now: Date,
): Promise<void> {
  await db
    .update(agencies)
    .set({ ...values, updatedAt: now })
    .where(eq(agencies.id, id));
}

/** Inserts the links that do not exist yet; returns the ids of those inserted. */
export async function insertSuccessionsIfMissing(
  db: DbOrTx,
  rows: (typeof agencySuccessions.$inferInsert)[],
): Promise<string[]> {
  if (rows.length === 0) {
    return [];
  }
  const inserted = await db
    .insert(agencySuccessions)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: agencySuccessions.id });
  return inserted.map((r) => r.id);
}

/** Marks existing links (e.g. from the reference data) as confirmed by the event; returns their ids. */
export async function linkSuccessionsToEvent(
  db: DbOrTx,
  eventId: string,
  pairs: { predecessorId: string; successorId: string }[],
  effectiveOn: string,
): Promise<string[]> {
  const out: string[] = [];
  for (const pair of pairs) {
    const rows = await db
      .update(agencySuccessions)
      .set({ eventId })
      .where(
        and(
          eq(agencySuccessions.predecessorId, pair.predecessorId),
          eq(agencySuccessions.successorId, pair.successorId),
          eq(agencySuccessions.effectiveOn, effectiveOn),
          isNull(agencySuccessions.eventId),
        ),
      )
      .returning({ id: agencySuccessions.id });
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

export async function deleteSuccessions(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length > 0) {
    await db.delete(agencySuccessions).where(inArray(agencySuccessions.id, ids));
  }
}

export async function unlinkSuccessions(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length > 0) {
    await db.update(agencySuccessions).set({ eventId: null }).where(inArray(agencySuccessions.id, ids));
  }
}

/** Inserts aliases the agency does not have yet (same folded key); returns the ids inserted. */
export async function insertAliasesIfMissing(
  db: DbOrTx,
  rows: (typeof agencyAliases.$inferInsert)[],
): Promise<string[]> {
  if (rows.length === 0) {
    return [];
  }
  const inserted = await db
    .insert(agencyAliases)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: agencyAliases.id });
  return inserted.map((r) => r.id);
}

export async function selectAliasesOfAgencies(db: DbOrTx, agencyIds: string[]) {
  if (agencyIds.length === 0) {
    return [];
  }
  return db.select().from(agencyAliases).where(inArray(agencyAliases.agencyId, agencyIds));
}

export async function deleteAliases(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length > 0) {
    await db.delete(agencyAliases).where(inArray(agencyAliases.id, ids));
  }
}

/** Number of child agencies per parent. */
export async function countChildrenOf(db: DbOrTx, parentIds: string[]): Promise<Map<string, number>> {
  if (parentIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .select({ parentId: agencies.parentId, n: count() })
    .from(agencies)
    .where(inArray(agencies.parentId, parentIds))
    .groupBy(agencies.parentId);
  return new Map(rows.map((r) => [r.parentId ?? '', Number(r.n)]));
}

export type HeldAssignmentRow = { agencyId: string; taskId: string; role: string };

/**
 * Assignments held on `asOf`: active rows not yet handed over by then, plus rows a restructuring handed over after
 * `asOf` (they were the holder on that day); a row a transfer created or reactivated counts only from the transfer's
 * effective date. Rows deactivated by an import (no transfer) are not counted.
 */
export async function selectAssignmentsHeldOn(
  db: DbOrTx,
  asOf: string,
  filter: { role?: string | undefined; agencyIds?: string[] | undefined } = {},
): Promise<HeldAssignmentRow[]> {
  const roleFilter = filter.role ? sql`and a.role = ${filter.role}` : sql``;
  const agencyFilter =
    filter.agencyIds && filter.agencyIds.length > 0
      ? sql`and a.agency_id in (${sql.join(
          filter.agencyIds.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql``;
  return queryRows<HeldAssignmentRow>(
    db,
    sql`select a.agency_id as "agencyId", a.task_id as "taskId", a.role as "role"
        from ${assignments} a
        where not exists (
            select 1 from ${assignmentTransfers} t
            where t.to_assignment_id = a.id and not t.target_was_active and t.effective_on > ${asOf}
          )
          and (
            (a.is_active and not exists (select 1 from ${assignmentTransfers} t where t.from_assignment_id = a.id))
            or exists (
              select 1 from ${assignmentTransfers} t where t.from_assignment_id = a.id and t.effective_on > ${asOf}
            )
          )
          ${roleFilter}
          ${agencyFilter}`,
  );
}
