import type { Db, DbOrTx } from '@server/db/client';
import type {
  RestructuringChanges,
  RestructuringNewAgency,
  RestructuringTransferRule,
} from '@server/db/schema/agencies';
import { AppError } from '@server/lib/app-error';
import type { Clock } from '@server/lib/clock';
import { stableId } from '@server/lib/ids';
import { type Actor, isStandingOffice } from '@server/lib/request-context';
import { recordAudit } from '@server/modules/audit/audit.service';
import type { AgencyKind, AgencySummary } from '@shared/contracts/agencies';
import type {
  AssignmentSample,
  RestructuringApplyResponse,
  RestructuringCounts,
  RestructuringCreate,
  RestructuringEvent,
  RestructuringInput,
  RestructuringKind,
  RestructuringListQuery,
  RestructuringListResponse,
  RestructuringPreview,
  RestructuringReverse,
  RestructuringStatus,
  RestructuringSuccessor,
} from '@shared/contracts/restructuring';
import { addDaysIso } from '@shared/lib/calendar';
import { cleanText, foldText } from '@shared/lib/vn-text';
import { type AgencyRow, insertAgencies, selectAgenciesByIds } from './agencies.repo';
import { toAgencySummary } from './agencies.service';
import type { AgencyAliasKind } from './agency-resolver';
import {
  type AssignmentInsert,
  type AssignmentTransferInsert,
  countChildrenOf,
  deleteAliases,
  deleteSuccessions,
  deleteTransfersOfEvent,
  insertAliasesIfMissing,
  insertAssignmentRows,
  insertEvent,
  insertSuccessionsIfMissing,
  insertTransfers,
  linkSuccessionsToEvent,
  type RestructuringEventRow,
  restoreUsersAgency,
  selectAcceptedCompletedAssignments,
  selectActiveAssignmentsOfAgencies,
  selectActiveUsersOf,
  selectAliasesOfAgencies,
  selectAppliedEventsTouching,
  selectAssignmentsOfTasksAndAgencies,
  selectEventById,
  selectEvents,
  selectLeadsOfTasks,
  selectStatusFacts,
  selectTransfersOfEvent,
  setAgencyValidity,
  setAssignmentsActive,
  setUsersAgency,
  unlinkSuccessions,
  updateEvent,
} from './restructuring.repo';
import {
  buildRestructuringPlan,
  findCompletedAssignments,
  type PlanAgency,
  type PlanAssignment,
  type PlanSuccessor,
  type RestructuringPlan,
  type RestructuringState,
  validateRestructuring,
} from './restructuring-plan';

export type RestructuringDeps = { db: Db; clock: Clock };

/**
 * Who asks. `null` is the server's operator on the command line (`tiendo agencies restructure`), who has the
 * database in hand anyway; every HTTP caller is an actor and must be the standing office or an administrator.
 */
export type RestructuringCaller = Actor | null;

const SAMPLE_SIZE = 5;
const SAMPLE_TEXT_LENGTH = 160;
const INVERSE_KIND: Record<RestructuringKind, RestructuringKind> = {
  merge: 'split',
  split: 'merge',
  rename: 'rename',
  move: 'move',
};

function assertMayRestructure(caller: RestructuringCaller): void {
  if (caller && !isStandingOffice(caller)) {
    throw new AppError('FORBIDDEN', 'Chỉ Văn phòng thường trực hoặc quản trị hệ thống được sắp xếp cơ quan.');
  }
}

function auditWho(caller: RestructuringCaller) {
  return caller ? { userId: caller.userId, agencyId: caller.agencyId, ip: caller.ip } : null;
}

/** The input with names cleaned and duplicates dropped. */
function normalizeInput(input: RestructuringInput): RestructuringInput {
  return {
    kind: input.kind,
    effectiveOn: input.effectiveOn,
    legalBasis: {
      number: cleanText(input.legalBasis.number),
      ...(input.legalBasis.date ? { date: input.legalBasis.date } : {}),
    },
    predecessorIds: [...new Set(input.predecessorIds)],
    successors: input.successors.map((s) =>
      'agencyId' in s
        ? { agencyId: s.agencyId }
        : {
            newAgency: {
              name: cleanText(s.newAgency.name),
              ...(s.newAgency.shortName ? { shortName: cleanText(s.newAgency.shortName) } : {}),
              ...(s.newAgency.kind ? { kind: s.newAgency.kind } : {}),
              ...(s.newAgency.parentId !== undefined ? { parentId: s.newAgency.parentId } : {}),
              ...(s.newAgency.code ? { code: cleanText(s.newAgency.code) } : {}),
            },
          },
    ),
    ...(input.newParentId ? { newParentId: input.newParentId } : {}),
    ...(input.transfers &&
    (input.transfers.defaultSuccessor !== undefined || Object.keys(input.transfers.byAssignment ?? {}).length > 0)
      ? { transfers: input.transfers }
      : {}),
    ...(input.note ? { note: cleanText(input.note) } : {}),
  };
}

/** JSON with sorted keys (the id of an event is derived from it). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The id an event with this content gets: a retried request finds the event it already recorded. */
export function restructuringEventIdOf(input: RestructuringInput): string {
  const normalized = normalizeInput(input);
  // The order predecessors are listed in does not make another event.
  return stableId(
    'restructuring-event',
    canonicalJson({ ...normalized, predecessorIds: [...normalized.predecessorIds].sort() }),
  );
}

function toPlanAgency(row: AgencyRow): PlanAgency {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind as AgencyKind,
    parentId: row.parentId,
    code: row.code,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}

/** The event row an input describes (not stored): new successors get their ids here, once. */
async function eventRowOf(db: DbOrTx, input: RestructuringInput): Promise<RestructuringEventRow> {
  const normalized = normalizeInput(input);
  const id = restructuringEventIdOf(normalized);
  const firstPredecessor = (await selectAgenciesByIds(db, normalized.predecessorIds.slice(0, 1)))[0];
  const newAgencies: RestructuringNewAgency[] = [];
  const successorIds = normalized.successors.map((s, index) => {
    if ('agencyId' in s) {
      return s.agencyId;
    }
    const spec = s.newAgency;
    const agency: RestructuringNewAgency = {
      id: stableId('agency-restructuring', `${id}|${index}`),
      name: spec.name,
      shortName: spec.shortName ?? null,
      kind: spec.kind ?? firstPredecessor?.kind ?? 'other',
      parentId:
        spec.parentId !== undefined
          ? spec.parentId
          : normalized.kind === 'move'
            ? (normalized.newParentId ?? null)
            : (firstPredecessor?.parentId ?? null),
      // A renamed or moved agency keeps its official code unless the decision gives a new one.
      code:
        spec.code ??
        (normalized.kind === 'rename' || normalized.kind === 'move' ? (firstPredecessor?.code ?? null) : null),
    };
    newAgencies.push(agency);
    return agency.id;
  });
  const transferRule: RestructuringTransferRule | null = normalized.transfers
    ? {
        ...(normalized.transfers.defaultSuccessor !== undefined
          ? { defaultSuccessor: normalized.transfers.defaultSuccessor }
          : {}),
        ...(normalized.transfers.byAssignment ? { byAssignment: normalized.transfers.byAssignment } : {}),
      }
    : null;
  const now = new Date(0);
  return {
    id,
    kind: normalized.kind,
    effectiveOn: normalized.effectiveOn,
    legalBasisNumber: normalized.legalBasis.number,
    legalBasisDate: normalized.legalBasis.date ?? null,
    predecessorIds: normalized.predecessorIds,
    successorIds,
    newAgencies,
    newParentId: normalized.newParentId ?? null,
    transferRule,
    note: normalized.note ?? null,
    status: 'draft',
    reversesEventId: null,
    reversedByEventId: null,
    appliedAt: null,
    appliedBy: null,
    changes: null,
    createdBy: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Reads what the plan needs for an event, as the database stands now (inside the caller's transaction). */
async function loadState(db: DbOrTx, row: RestructuringEventRow): Promise<RestructuringState> {
  const newById = new Map(row.newAgencies.map((a) => [a.id, a]));
  const existingSuccessorIds = row.successorIds.filter((id) => !newById.has(id));
  const ids = [
    ...new Set([...row.predecessorIds, ...existingSuccessorIds, ...(row.newParentId ? [row.newParentId] : [])]),
  ];
  const agencyRows = new Map((await selectAgenciesByIds(db, ids)).map((r) => [r.id, toPlanAgency(r)]));
  const predecessors = new Map(
    row.predecessorIds.flatMap((id) => {
      const a = agencyRows.get(id);
      return a ? [[id, a] as const] : [];
    }),
  );
  const successors = new Map<string, PlanSuccessor>();
  for (const id of row.successorIds) {
    const spec = newById.get(id);
    if (spec) {
      successors.set(id, {
        id,
        name: spec.name,
        shortName: spec.shortName,
        kind: spec.kind as AgencyKind,
        parentId: spec.parentId,
        code: spec.code,
        validFrom: row.effectiveOn,
        validTo: null,
        isNew: true,
      });
    } else {
      const a = agencyRows.get(id);
      if (a) {
        successors.set(id, { ...a, isNew: false });
      }
    }
  }
  const assignments = await selectActiveAssignmentsOfAgencies(db, [...predecessors.keys()]);
  const taskIds = [...new Set(assignments.map((a) => a.taskId))];
  const [leads, facts, accepted] = [
    await selectLeadsOfTasks(db, taskIds),
    await selectStatusFacts(db, taskIds),
    await selectAcceptedCompletedAssignments(
      db,
      assignments.map((a) => a.id),
    ),
  ];
  const completedIds = findCompletedAssignments({ assignments, leads, facts, acceptedCompleted: accepted });
  const aliasRows = await selectAliasesOfAgencies(db, [...predecessors.keys(), ...existingSuccessorIds]);
  const predecessorAliases = new Map<string, { alias: string; folded: string; kind: AgencyAliasKind }[]>();
  const successorAliasKeys = new Map<string, Set<string>>();
  for (const a of aliasRows) {
    if (predecessors.has(a.agencyId)) {
      predecessorAliases.set(a.agencyId, [
        ...(predecessorAliases.get(a.agencyId) ?? []),
        { alias: a.alias, folded: a.aliasFolded, kind: a.kind as AgencyAliasKind },
      ]);
    }
    if (existingSuccessorIds.includes(a.agencyId)) {
      const keys = successorAliasKeys.get(a.agencyId) ?? new Set<string>();
      keys.add(a.aliasFolded);
      successorAliasKeys.set(a.agencyId, keys);
    }
  }
  return {
    kind: row.kind as RestructuringKind,
    effectiveOn: row.effectiveOn,
    predecessorIds: row.predecessorIds,
    successorIds: row.successorIds,
    predecessors,
    successors,
    newParentId: row.newParentId,
    newParent: row.newParentId ? (agencyRows.get(row.newParentId) ?? null) : null,
    transferRule: row.transferRule,
    assignments,
    completedIds,
    users: await selectActiveUsersOf(db, [...predecessors.keys()]),
    predecessorAliases,
    successorAliasKeys,
  };
}

async function assertValid(db: DbOrTx, row: RestructuringEventRow, state: RestructuringState): Promise<void> {
  const problems = validateRestructuring(state);
  const others = await selectAppliedEventsTouching(db, row.predecessorIds, row.id);
  for (const other of others) {
    const closed = other.predecessorIds.filter((id) => row.predecessorIds.includes(id));
    for (const id of closed) {
      problems.push(
        `${state.predecessors.get(id)?.name ?? id} đã được sắp xếp bởi sự kiện khác (${other.legalBasisNumber}, hiệu lực ${other.effectiveOn}).`,
      );
    }
  }
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', problems.join(' '), { reason: 'restructuring-invalid', problems });
  }
}

function countsOf(plan: RestructuringPlan): RestructuringCounts {
  const sum = (f: (p: RestructuringPlan['perPredecessor'][number]) => number) =>
    plan.perPredecessor.reduce((n, p) => n + f(p), 0);
  return {
    transferred: sum((p) => [...p.transfers.values()].reduce((n, list) => n + list.length, 0)),
    completedStaying: sum((p) => p.completed.length),
    untransferred: sum((p) => p.untransferred.length),
    usersMoved: plan.userMoves.length,
    usersStaying: plan.usersStaying.length,
    aliasesAdded: plan.aliases.length,
  };
}

function sampleOf(list: PlanAssignment[]): { count: number; sample: AssignmentSample[] } {
  return {
    count: list.length,
    sample: list.slice(0, SAMPLE_SIZE).map((a) => ({
      assignmentId: a.id,
      taskId: a.taskId,
      taskText: a.taskText.length > SAMPLE_TEXT_LENGTH ? `${a.taskText.slice(0, SAMPLE_TEXT_LENGTH - 1)}…` : a.taskText,
      role: a.role,
    })),
  };
}

function summaryOf(agency: PlanAgency): AgencySummary {
  return {
    id: agency.id,
    name: agency.name,
    shortName: agency.shortName,
    kind: agency.kind,
    parentId: agency.parentId,
    validFrom: agency.validFrom,
    validTo: agency.validTo,
  };
}

function successorSummaryOf(agency: PlanSuccessor): RestructuringSuccessor {
  return { ...summaryOf(agency), isNew: agency.isNew };
}

function previewOf(
  row: RestructuringEventRow,
  state: RestructuringState,
  plan: RestructuringPlan,
  children: Map<string, number>,
  existingStatus: RestructuringStatus | null,
): RestructuringPreview {
  const successorOf = (id: string) => {
    const s = state.successors.get(id);
    if (!s) {
      throw new AppError('NOT_FOUND', `Không tìm thấy cơ quan kế thừa ${id}.`);
    }
    return successorSummaryOf(s);
  };
  const predecessorOf = (id: string) => {
    const p = state.predecessors.get(id);
    if (!p) {
      throw new AppError('NOT_FOUND', `Không tìm thấy cơ quan ${id}.`);
    }
    return summaryOf(p);
  };
  const usersByPredecessor = new Map<string, typeof plan.userMoves>();
  for (const move of plan.userMoves) {
    usersByPredecessor.set(move.user.agencyId, [...(usersByPredecessor.get(move.user.agencyId) ?? []), move]);
  }
  const staying = new Map<string, number>();
  for (const user of plan.usersStaying) {
    staying.set(user.agencyId, (staying.get(user.agencyId) ?? 0) + 1);
  }
  return {
    eventId: row.id,
    kind: row.kind as RestructuringKind,
    effectiveOn: row.effectiveOn,
    lastDayOfPredecessors: plan.lastDay,
    legalBasis: { number: row.legalBasisNumber, date: row.legalBasisDate },
    predecessors: row.predecessorIds.map(predecessorOf),
    successors: row.successorIds.map(successorOf),
    newParent: state.newParent ? summaryOf(state.newParent) : null,
    existingStatus,
    perPredecessor: plan.perPredecessor.map((p) => ({
      predecessor: predecessorOf(p.predecessorId),
      transfers: [...p.transfers.entries()]
        .filter(([, list]) => list.length > 0 || state.kind !== 'split')
        .map(([successorId, list]) => ({ successor: successorOf(successorId), ...sampleOf(list) })),
      completed: sampleOf(p.completed),
      untransferred: sampleOf(p.untransferred),
      children: children.get(p.predecessorId) ?? 0,
    })),
    users: {
      moving: [...usersByPredecessor.entries()].map(([from, moves]) => ({
        from: predecessorOf(from),
        to: successorOf(moves[0]?.toAgencyId ?? ''),
        count: moves.length,
        sample: moves.slice(0, SAMPLE_SIZE).map((m) => ({
          id: m.user.id,
          loginName: m.user.loginName,
          displayName: m.user.displayName,
        })),
      })),
      staying: [...staying.entries()].map(([agencyId, count]) => ({ agency: predecessorOf(agencyId), count })),
    },
    aliases: plan.aliases.map((a) => ({ agencyId: a.agencyId, alias: a.alias, kind: a.kind })),
    counts: countsOf(plan),
  };
}

/**
 * What recording and applying `input` would do, without writing anything: per predecessor the open assignments
 * each successor takes over (count and a sample), the completed work that stays, the accounts that move (or stay,
 * in a split), the names carried over. Throws VALIDATION_FAILED (`details.problems`) when the event is not valid.
 */
export async function previewRestructuring(
  deps: RestructuringDeps,
  caller: RestructuringCaller,
  input: RestructuringInput,
): Promise<RestructuringPreview> {
  assertMayRestructure(caller);
  const row = await eventRowOf(deps.db, input);
  const existing = await selectEventById(deps.db, row.id);
  // An applied (or reversed) event is shown as recorded; anything else is checked as if it were new.
  const isFinal = existing?.status === 'applied' || existing?.status === 'reversed';
  const source = isFinal && existing ? existing : row;
  const state = await loadState(deps.db, source);
  if (!isFinal) {
    await assertValid(deps.db, row, state);
  }
  const plan = buildRestructuringPlan(state);
  const children = await countChildrenOf(deps.db, row.predecessorIds);
  return previewOf(source, state, plan, children, (existing?.status as RestructuringStatus | undefined) ?? null);
}

/** Carries out a validated plan inside `tx`; returns what it changed (kept on the event for a reversal). */
async function executePlan(
  tx: DbOrTx,
  caller: RestructuringCaller,
  row: RestructuringEventRow,
  state: RestructuringState,
  plan: RestructuringPlan,
  now: Date,
): Promise<RestructuringChanges> {
  const who = auditWho(caller);
  const changes: RestructuringChanges = {
    agenciesCreated: [],
    validTo: [],
    successionsCreated: [],
    successionsLinked: [],
    aliasesCreated: [],
    users: [],
    assignmentsActivated: [],
    counts: countsOf(plan),
  };

  // 1. Agencies: successors created by the event open on the effective date; predecessors end the day before.
  const created = row.newAgencies.map((a) => ({
    id: a.id,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    parentId: a.parentId,
    code: a.code,
    validFrom: row.effectiveOn,
    validTo: null,
    nameFolded: foldText(a.name),
    note: `Thành lập theo ${row.legalBasisNumber}${row.legalBasisDate ? ` ngày ${row.legalBasisDate}` : ''}.`,
    createdAt: now,
    updatedAt: now,
  }));
  await insertAgencies(tx, created);
  changes.agenciesCreated = created.map((a) => a.id);
  for (const id of row.predecessorIds) {
    const before = state.predecessors.get(id)?.validTo ?? null;
    changes.validTo.push({ agencyId: id, before, after: plan.lastDay });
    if (before !== plan.lastDay) {
      await setAgencyValidity(tx, id, { validTo: plan.lastDay }, now);
    }
  }

  // 2. Succession links (the resolver's roll-up reads them); links the reference data already has are confirmed.
  const legalBasis = `${row.legalBasisNumber}${row.legalBasisDate ? ` ngày ${row.legalBasisDate}` : ''}`;
  changes.successionsCreated = await insertSuccessionsIfMissing(
    tx,
    plan.successionPairs.map((p) => ({
      id: stableId('agency-succession-event', `${row.id}|${p.predecessorId}|${p.successorId}`),
      predecessorId: p.predecessorId,
      successorId: p.successorId,
      effectiveOn: row.effectiveOn,
      kind: row.kind,
      legalBasis,
      note: row.note,
      eventId: row.id,
    })),
  );
  const linked = await linkSuccessionsToEvent(tx, row.id, plan.successionPairs, row.effectiveOn);
  changes.successionsLinked = linked.filter((id) => !changes.successionsCreated.includes(id));

  // 3. Open assignments: the successor's row for the same task and role (reused when it exists), the old row off.
  const moving = plan.perPredecessor.flatMap((p) =>
    [...p.transfers.entries()].flatMap(([successorId, list]) => list.map((a) => ({ a, successorId }))),
  );
  const targets = await selectAssignmentsOfTasksAndAgencies(
    tx,
    [...new Set(moving.map((m) => m.a.taskId))],
    row.successorIds,
  );
  const targetByKey = new Map(targets.map((t) => [`${t.taskId}|${t.agencyId}|${t.role}`, t]));
  const toInsert: AssignmentInsert[] = [];
  const toActivate = new Set<string>();
  // Rows this event makes active (new or reactivated): before the effective date they were not the holder.
  const madeActive = new Set<string>();
  const transfers: AssignmentTransferInsert[] = [];
  for (const { a, successorId } of moving) {
    const key = `${a.taskId}|${successorId}|${a.role}`;
    let target = targetByKey.get(key);
    if (!target) {
      target = {
        id: stableId('assignment', key),
        taskId: a.taskId,
        agencyId: successorId,
        role: a.role,
        viaGroup: a.viaGroup,
        isActive: true,
        createdAt: now,
      };
      targetByKey.set(key, target);
      toInsert.push(target);
      madeActive.add(target.id);
    } else if (!target.isActive) {
      toActivate.add(target.id);
      madeActive.add(target.id);
    }
    const wasActive = !madeActive.has(target.id);
    transfers.push({
      id: stableId('assignment-transfer', `${row.id}|${a.id}`),
      eventId: row.id,
      fromAssignmentId: a.id,
      toAssignmentId: target.id,
      fromAgencyId: a.agencyId,
      toAgencyId: successorId,
      effectiveOn: row.effectiveOn,
      targetWasActive: wasActive,
      createdAt: now,
    });
  }
  await insertAssignmentRows(tx, toInsert);
  await setAssignmentsActive(tx, [...toActivate], true);
  await setAssignmentsActive(
    tx,
    moving.map((m) => m.a.id),
    false,
  );
  await insertTransfers(tx, transfers);
  changes.assignmentsActivated = [...toInsert.map((r) => r.id), ...toActivate];
  for (const p of plan.perPredecessor) {
    for (const [successorId] of p.transfers) {
      const batch = transfers.filter((t) => t.fromAgencyId === p.predecessorId && t.toAgencyId === successorId);
      if (batch.length === 0) {
        continue;
      }
      await recordAudit(tx, who, {
        action: 'agency.restructure.transfer',
        entityType: 'restructuring_event',
        entityId: row.id,
        before: { agencyId: p.predecessorId, assignmentIds: batch.map((t) => t.fromAssignmentId) },
        after: { agencyId: successorId, assignmentIds: batch.map((t) => t.toAssignmentId) },
        at: now,
      });
    }
  }

  // 4. Accounts follow the agency (merge, rename, move).
  const movesByTarget = new Map<string, typeof plan.userMoves>();
  for (const move of plan.userMoves) {
    movesByTarget.set(move.toAgencyId, [...(movesByTarget.get(move.toAgencyId) ?? []), move]);
  }
  for (const [toAgencyId, moves] of movesByTarget) {
    await setUsersAgency(
      tx,
      moves.map((m) => m.user.id),
      toAgencyId,
      now,
    );
    changes.users.push(
      ...moves.map((m) => ({ userId: m.user.id, fromAgencyId: m.user.agencyId, toAgencyId: m.toAgencyId })),
    );
    await recordAudit(tx, who, {
      action: 'agency.restructure.users',
      entityType: 'restructuring_event',
      entityId: row.id,
      before: moves.map((m) => ({ userId: m.user.id, agencyId: m.user.agencyId })),
      after: moves.map((m) => ({ userId: m.user.id, agencyId: toAgencyId })),
      at: now,
    });
  }

  // 5. Names: the successor answers to its predecessors' names from the effective date on.
  changes.aliasesCreated = await insertAliasesIfMissing(
    tx,
    plan.aliases.map((a) => ({
      id: stableId('agency-alias', `${a.agencyId}|${a.folded}`),
      agencyId: a.agencyId,
      alias: a.alias,
      aliasFolded: a.folded,
      kind: a.kind,
    })),
  );
  return changes;
}

async function agencySummaries(db: DbOrTx, ids: string[]): Promise<Map<string, AgencySummary>> {
  return new Map((await selectAgenciesByIds(db, [...new Set(ids)])).map((r) => [r.id, toAgencySummary(r)]));
}

async function toEventDtos(db: DbOrTx, rows: RestructuringEventRow[]): Promise<RestructuringEvent[]> {
  const known = await agencySummaries(
    db,
    rows.flatMap((r) => [...r.predecessorIds, ...r.successorIds, ...(r.newParentId ? [r.newParentId] : [])]),
  );
  return rows.map((row) => {
    const newById = new Map(row.newAgencies.map((a) => [a.id, a]));
    const summary = (id: string): AgencySummary =>
      known.get(id) ?? {
        id,
        name: newById.get(id)?.name ?? id,
        shortName: newById.get(id)?.shortName ?? null,
        kind: (newById.get(id)?.kind as AgencyKind | undefined) ?? 'other',
        parentId: newById.get(id)?.parentId ?? null,
        validFrom: row.effectiveOn,
        validTo: null,
      };
    return {
      id: row.id,
      kind: row.kind as RestructuringKind,
      status: row.status as RestructuringStatus,
      effectiveOn: row.effectiveOn,
      legalBasis: { number: row.legalBasisNumber, date: row.legalBasisDate },
      predecessors: row.predecessorIds.map(summary),
      successors: row.successorIds.map((id) => ({ ...summary(id), isNew: newById.has(id) })),
      newParent: row.newParentId ? summary(row.newParentId) : null,
      note: row.note,
      reversesEventId: row.reversesEventId,
      reversedByEventId: row.reversedByEventId,
      appliedAt: row.appliedAt ? row.appliedAt.toISOString() : null,
      appliedBy: row.appliedBy,
      createdAt: row.createdAt.toISOString(),
      counts: row.changes?.counts ?? null,
    };
  });
}

async function toEventDto(db: DbOrTx, row: RestructuringEventRow): Promise<RestructuringEvent> {
  const [dto] = await toEventDtos(db, [row]);
  if (!dto) {
    throw new AppError('INTERNAL');
  }
  return dto;
}

/** Applies a locked draft row inside `tx`. */
async function applyLocked(
  tx: DbOrTx,
  caller: RestructuringCaller,
  row: RestructuringEventRow,
  now: Date,
): Promise<RestructuringEventRow> {
  const state = await loadState(tx, row);
  await assertValid(tx, row, state);
  const plan = buildRestructuringPlan(state);
  const changes = await executePlan(tx, caller, row, state, plan, now);
  const applied: RestructuringEventRow = {
    ...row,
    status: 'applied',
    appliedAt: now,
    appliedBy: caller?.userId ?? 'cli',
    changes,
    updatedAt: now,
  };
  await updateEvent(tx, row.id, {
    status: applied.status,
    appliedAt: applied.appliedAt,
    appliedBy: applied.appliedBy,
    changes,
    updatedAt: now,
  });
  await recordAudit(tx, auditWho(caller), {
    action: 'agency.restructure.apply',
    entityType: 'restructuring_event',
    entityId: row.id,
    before: { status: row.status, validTo: changes.validTo.map((v) => ({ agencyId: v.agencyId, validTo: v.before })) },
    after: {
      status: 'applied',
      kind: row.kind,
      effectiveOn: row.effectiveOn,
      legalBasis: row.legalBasisNumber,
      predecessorIds: row.predecessorIds,
      successorIds: row.successorIds,
      agenciesCreated: changes.agenciesCreated,
      counts: changes.counts,
    },
    at: now,
  });
  return applied;
}

async function statusGuard(row: RestructuringEventRow): Promise<void> {
  if (row.status === 'reversed') {
    throw new AppError('CONFLICT', 'Sự kiện này đã áp dụng rồi bị đảo ngược; hãy ghi nhận một sự kiện mới.', {
      reason: 'restructuring-reversed',
    });
  }
}

/**
 * Records an event (`mode: 'draft'`) or records and applies it in one transaction (`mode: 'apply'`, the default).
 * Applying: predecessors end the day before the effective date, new successors begin on it, the succession links are
 * written, open assignments move to the successor (a new or reused row per task and role, linked to the row it
 * replaces through `assignment_transfers`; the old row is deactivated), completed work stays, accounts move (merge,
 * rename, move), the old names become former names of the successor; one audit row per transfer batch.
 * Idempotent: the same content gives the same event id, and a retry of an applied event changes nothing
 * (`alreadyApplied: true`). Throws FORBIDDEN (not standing office/admin), VALIDATION_FAILED (`details.problems`),
 * CONFLICT (the same event was applied and reversed).
 */
export async function createRestructuring(
  deps: RestructuringDeps,
  caller: RestructuringCaller,
  input: RestructuringCreate,
): Promise<RestructuringApplyResponse> {
  assertMayRestructure(caller);
  const now = deps.clock.now();
  const fresh = await eventRowOf(deps.db, input);
  return deps.db.transaction(async (tx) => {
    let row = await selectEventById(tx, fresh.id, { forUpdate: true });
    if (row?.status === 'applied') {
      return { event: await toEventDto(tx, row), alreadyApplied: true };
    }
    if (row) {
      await statusGuard(row);
    }
    if (!row || row.status === 'discarded') {
      const draft: RestructuringEventRow = {
        ...fresh,
        status: 'draft',
        createdBy: caller?.userId ?? 'cli',
        createdAt: row?.createdAt ?? now,
        updatedAt: now,
      };
      await assertValid(tx, draft, await loadState(tx, draft));
      if (row) {
        await updateEvent(tx, draft.id, { status: 'draft', updatedAt: now });
      } else {
        await insertEvent(tx, draft);
      }
      await recordAudit(tx, auditWho(caller), {
        action: 'agency.restructure.record',
        entityType: 'restructuring_event',
        entityId: draft.id,
        before: row ? { status: row.status } : null,
        after: { ...draft, createdAt: undefined, updatedAt: undefined },
        at: now,
      });
      row = draft;
    }
    if (input.mode === 'draft') {
      return { event: await toEventDto(tx, row), alreadyApplied: false };
    }
    const applied = await applyLocked(tx, caller, row, now);
    return { event: await toEventDto(tx, applied), alreadyApplied: false };
  });
}

/** Applies a recorded draft (see {@link createRestructuring}); a retry of an applied one changes nothing. */
export async function applyRestructuring(
  deps: RestructuringDeps,
  caller: RestructuringCaller,
  eventId: string,
): Promise<RestructuringApplyResponse> {
  assertMayRestructure(caller);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await selectEventById(tx, eventId, { forUpdate: true });
    if (!row) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy sự kiện sắp xếp.');
    }
    if (row.status === 'applied') {
      return { event: await toEventDto(tx, row), alreadyApplied: true };
    }
    await statusGuard(row);
    if (row.status === 'discarded') {
      throw new AppError('CONFLICT', 'Bản nháp này đã bị hủy.', { reason: 'restructuring-discarded' });
    }
    const applied = await applyLocked(tx, caller, row, now);
    return { event: await toEventDto(tx, applied), alreadyApplied: false };
  });
}

/**
 * Discards a draft (nothing was applied, so nothing else changes). An applied event cannot be discarded or edited:
 * CONFLICT (`details.reason = 'restructuring-applied'`); record a reversing event instead.
 */
export async function discardRestructuring(
  deps: RestructuringDeps,
  caller: RestructuringCaller,
  eventId: string,
): Promise<RestructuringEvent> {
  assertMayRestructure(caller);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await selectEventById(tx, eventId, { forUpdate: true });
    if (!row) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy sự kiện sắp xếp.');
    }
    if (row.status === 'applied' || row.status === 'reversed') {
      throw new AppError('CONFLICT', 'Sự kiện đã áp dụng không thể sửa hoặc hủy; hãy ghi nhận một sự kiện đảo ngược.', {
        reason: 'restructuring-applied',
      });
    }
    if (row.status === 'draft') {
      await updateEvent(tx, eventId, { status: 'discarded', updatedAt: now });
      await recordAudit(tx, auditWho(caller), {
        action: 'agency.restructure.discard',
        entityType: 'restructuring_event',
        entityId: eventId,
        before: { status: 'draft' },
        after: { status: 'discarded' },
        at: now,
      });
    }
    return toEventDto(tx, { ...row, status: 'discarded', updatedAt: now });
  });
}

/**
 * Undoes an applied event with a reversing event of its own (a correction: the original is kept, marked reversed,
 * and the reversal has its own legal basis and audit rows). Open assignments go back to the rows they came from,
 * rows the event created or reactivated are deactivated, accounts still at the successor go back, the names, links
 * and validity dates it wrote are restored; successors it created end the day before they began (they never
 * existed). Refused (CONFLICT) when a later applied event builds on it. A retry returns the same reversal.
 */
export async function reverseRestructuring(
  deps: RestructuringDeps,
  caller: RestructuringCaller,
  eventId: string,
  input: RestructuringReverse,
): Promise<RestructuringApplyResponse> {
  assertMayRestructure(caller);
  const now = deps.clock.now();
  const reversalId = stableId('restructuring-reversal', eventId);
  return deps.db.transaction(async (tx) => {
    const original = await selectEventById(tx, eventId, { forUpdate: true });
    if (!original) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy sự kiện sắp xếp.');
    }
    if (original.status === 'reversed') {
      const existing = await selectEventById(tx, original.reversedByEventId ?? reversalId);
      if (existing) {
        return { event: await toEventDto(tx, existing), alreadyApplied: true };
      }
    }
    if (original.status !== 'applied' || !original.changes) {
      throw new AppError('CONFLICT', 'Chỉ đảo ngược được sự kiện đã áp dụng.', { reason: 'restructuring-not-applied' });
    }
    if (original.reversesEventId) {
      throw new AppError('CONFLICT', 'Không đảo ngược một sự kiện đảo ngược; hãy ghi nhận lại sự kiện ban đầu.', {
        reason: 'restructuring-is-reversal',
      });
    }
    const later = (
      await selectAppliedEventsTouching(tx, [...original.predecessorIds, ...original.successorIds], original.id)
    ).filter((e) => e.id !== original.id && e.reversesEventId !== original.id);
    if (later.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Không thể đảo ngược: sự kiện ${later.map((e) => e.legalBasisNumber).join(', ')} đã áp dụng sau đó trên cùng cơ quan.`,
        { reason: 'restructuring-superseded', eventIds: later.map((e) => e.id) },
      );
    }
    const changes = original.changes;
    const who = auditWho(caller);

    const transfers = await selectTransfersOfEvent(tx, original.id);
    await setAssignmentsActive(
      tx,
      transfers.map((t) => t.fromAssignmentId),
      true,
    );
    await setAssignmentsActive(tx, changes.assignmentsActivated, false);
    await deleteTransfersOfEvent(tx, original.id);
    const batches = new Map<string, typeof transfers>();
    for (const t of transfers) {
      const key = `${t.toAgencyId}|${t.fromAgencyId}`;
      batches.set(key, [...(batches.get(key) ?? []), t]);
    }
    for (const batch of batches.values()) {
      const first = batch[0];
      if (!first) {
        continue;
      }
      await recordAudit(tx, who, {
        action: 'agency.restructure.transfer',
        entityType: 'restructuring_event',
        entityId: reversalId,
        before: { agencyId: first.toAgencyId, assignmentIds: batch.map((t) => t.toAssignmentId) },
        after: { agencyId: first.fromAgencyId, assignmentIds: batch.map((t) => t.fromAssignmentId) },
        at: now,
      });
    }
    await restoreUsersAgency(tx, changes.users, now);
    if (changes.users.length > 0) {
      await recordAudit(tx, who, {
        action: 'agency.restructure.users',
        entityType: 'restructuring_event',
        entityId: reversalId,
        before: changes.users.map((u) => ({ userId: u.userId, agencyId: u.toAgencyId })),
        after: changes.users.map((u) => ({ userId: u.userId, agencyId: u.fromAgencyId })),
        at: now,
      });
    }
    await deleteAliases(tx, changes.aliasesCreated);
    await deleteSuccessions(tx, changes.successionsCreated);
    await unlinkSuccessions(tx, changes.successionsLinked);
    for (const v of changes.validTo) {
      await setAgencyValidity(tx, v.agencyId, { validTo: v.before }, now);
    }
    const never = addDaysIso(original.effectiveOn, -1);
    for (const id of changes.agenciesCreated) {
      await setAgencyValidity(
        tx,
        id,
        {
          validTo: never,
          note: `Không hình thành: sự kiện sắp xếp theo ${original.legalBasisNumber} đã bị đảo ngược.`,
        },
        now,
      );
    }

    const reversal: RestructuringEventRow = {
      id: reversalId,
      kind: INVERSE_KIND[original.kind as RestructuringKind],
      effectiveOn: original.effectiveOn,
      legalBasisNumber: cleanText(input.legalBasis.number),
      legalBasisDate: input.legalBasis.date ?? null,
      predecessorIds: original.successorIds,
      successorIds: original.predecessorIds,
      newAgencies: [],
      newParentId: null,
      transferRule: null,
      note: input.note ? cleanText(input.note) : null,
      status: 'applied',
      reversesEventId: original.id,
      reversedByEventId: null,
      appliedAt: now,
      appliedBy: caller?.userId ?? 'cli',
      changes: {
        agenciesCreated: [],
        validTo: changes.validTo.map((v) => ({ agencyId: v.agencyId, before: v.after, after: v.before })),
        successionsCreated: [],
        successionsLinked: [],
        aliasesCreated: [],
        users: changes.users.map((u) => ({ userId: u.userId, fromAgencyId: u.toAgencyId, toAgencyId: u.fromAgencyId })),
        assignmentsActivated: transfers.map((t) => t.fromAssignmentId),
        counts: {
          transferred: transfers.length,
          completedStaying: 0,
          untransferred: 0,
          usersMoved: changes.users.length,
          usersStaying: 0,
          aliasesAdded: 0,
        },
      },
      createdBy: caller?.userId ?? 'cli',
      createdAt: now,
      updatedAt: now,
    };
    await insertEvent(tx, reversal);
    await updateEvent(tx, original.id, { status: 'reversed', reversedByEventId: reversalId, updatedAt: now });
    await recordAudit(tx, who, {
      action: 'agency.restructure.reverse',
      entityType: 'restructuring_event',
      entityId: original.id,
      before: { status: 'applied' },
      after: { status: 'reversed', reversedByEventId: reversalId, legalBasis: reversal.legalBasisNumber },
      at: now,
    });
    return { event: await toEventDto(tx, reversal), alreadyApplied: false };
  });
}

/** Recorded events, newest effective date first; optionally those naming one agency, or of one status. */
export async function listRestructurings(
  db: DbOrTx,
  query: RestructuringListQuery,
): Promise<RestructuringListResponse> {
  return { items: await toEventDtos(db, await selectEvents(db, query)) };
}

/** The event recorded with this content, if any (whatever its status). */
export async function findRestructuringFor(db: DbOrTx, input: RestructuringInput): Promise<RestructuringEvent | null> {
  const row = await selectEventById(db, restructuringEventIdOf(input));
  return row ? toEventDto(db, row) : null;
}

/** One recorded event; NOT_FOUND when there is none. */
export async function getRestructuring(db: DbOrTx, eventId: string): Promise<RestructuringEvent> {
  const row = await selectEventById(db, eventId);
  if (!row) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy sự kiện sắp xếp.');
  }
  return toEventDto(db, row);
}
