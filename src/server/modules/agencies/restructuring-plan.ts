import type { RestructuringTransferRule } from '@server/db/schema/agencies';
import type { AgencyKind } from '@shared/contracts/agencies';
import type { RestructuringKind } from '@shared/contracts/restructuring';
import {
  type ClaimedStatus,
  interpretStatusText,
  type ListStatement,
  readStatement,
} from '@shared/domain/reported-facts';
import { addDaysIso } from '@shared/lib/calendar';
import { cleanText, foldText } from '@shared/lib/vn-text';
import type { AgencyAliasKind } from './agency-resolver';

export type PlanAgency = {
  id: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  parentId: string | null;
  code: string | null;
  validFrom: string | null;
  validTo: string | null;
};

export type PlanSuccessor = PlanAgency & { isNew: boolean };

export type PlanAssignment = {
  id: string;
  taskId: string;
  agencyId: string;
  role: string;
  viaGroup: string | null;
  taskText: string;
};

export type PlanUser = { id: string; loginName: string; displayName: string; agencyId: string };

export type PlanAlias = { alias: string; folded: string; kind: AgencyAliasKind };

/** Everything the plan needs, read from the database (or built by a test). */
export type RestructuringState = {
  kind: RestructuringKind;
  effectiveOn: string;
  predecessorIds: string[];
  successorIds: string[];
  /** The agencies found (missing ids are reported by {@link validateRestructuring}). */
  predecessors: Map<string, PlanAgency>;
  successors: Map<string, PlanSuccessor>;
  newParentId: string | null;
  newParent: PlanAgency | null;
  transferRule: RestructuringTransferRule | null;
  /** Active assignments of the predecessors. */
  assignments: PlanAssignment[];
  /** Which of them are completed work (see {@link findCompletedAssignments}). */
  completedIds: Set<string>;
  /** Active accounts of the predecessors. */
  users: PlanUser[];
  predecessorAliases: Map<string, PlanAlias[]>;
  /** Folded aliases the existing successors already carry. */
  successorAliasKeys: Map<string, Set<string>>;
};

export type PlannedAlias = { agencyId: string; alias: string; folded: string; kind: AgencyAliasKind };

export type PredecessorPlan = {
  predecessorId: string;
  /** successor id → open assignments it takes over. */
  transfers: Map<string, PlanAssignment[]>;
  completed: PlanAssignment[];
  /** Split only: open assignments no successor was named for (they stay with the predecessor). */
  untransferred: PlanAssignment[];
};

export type RestructuringPlan = {
  lastDay: string;
  perPredecessor: PredecessorPlan[];
  userMoves: { user: PlanUser; toAgencyId: string }[];
  usersStaying: PlanUser[];
  aliases: PlannedAlias[];
  successionPairs: { predecessorId: string; successorId: string }[];
};

function isValidOn(agency: PlanAgency, day: string): boolean {
  return (agency.validFrom === null || agency.validFrom <= day) && (agency.validTo === null || agency.validTo >= day);
}

/**
 * The problems that stop an event from being recorded or applied (empty when it may go ahead), in Vietnamese.
 * Cardinality: merge n≥1 → 1 (one predecessor only into an existing agency that absorbs it; into a new one it is a
 * rename), split 1 → n≥2, rename and move 1 → 1 (move needs the new parent). Predecessors must exist on the day
 * before the effective date, existing successors on the effective date.
 */
export function validateRestructuring(state: RestructuringState): string[] {
  const problems: string[] = [];
  const { kind, predecessorIds, successorIds, effectiveOn } = state;
  const lastDay = addDaysIso(effectiveOn, -1);
  if (new Set(predecessorIds).size !== predecessorIds.length) {
    problems.push('Một cơ quan được nêu hai lần trong danh sách cơ quan cũ.');
  }
  if (new Set(successorIds).size !== successorIds.length) {
    problems.push('Một cơ quan được nêu hai lần trong danh sách cơ quan kế thừa.');
  }
  for (const id of predecessorIds) {
    const agency = state.predecessors.get(id);
    if (!agency) {
      problems.push(`Không tìm thấy cơ quan ${id}.`);
    } else if (!isValidOn(agency, lastDay)) {
      problems.push(`${agency.name} không còn hoạt động vào ngày ${lastDay} (ngày trước ngày hiệu lực).`);
    }
    if (successorIds.includes(id)) {
      problems.push(`${agency?.name ?? id} không thể vừa là cơ quan cũ vừa là cơ quan kế thừa.`);
    }
  }
  for (const id of successorIds) {
    const agency = state.successors.get(id);
    if (!agency) {
      problems.push(`Không tìm thấy cơ quan kế thừa ${id}.`);
    } else if (!agency.isNew && !isValidOn(agency, effectiveOn)) {
      problems.push(`${agency.name} không hoạt động vào ngày hiệu lực ${effectiveOn}.`);
    }
  }
  const successors = successorIds.map((id) => state.successors.get(id)).filter((s) => s !== undefined);
  if (kind === 'merge') {
    if (successorIds.length !== 1) {
      problems.push('Hợp nhất, sáp nhập: cần đúng một cơ quan kế thừa.');
    } else if (predecessorIds.length === 1 && successors[0]?.isNew) {
      problems.push('Một cơ quan chuyển thành một cơ quan mới là đổi tên, không phải hợp nhất.');
    }
  }
  if (kind === 'split') {
    if (predecessorIds.length !== 1) {
      problems.push('Chia tách: cần đúng một cơ quan bị chia tách.');
    }
    if (successorIds.length < 2) {
      problems.push('Chia tách: cần ít nhất hai cơ quan kế thừa.');
    }
  }
  if ((kind === 'rename' || kind === 'move') && (predecessorIds.length !== 1 || successorIds.length !== 1)) {
    problems.push(
      `${kind === 'rename' ? 'Đổi tên' : 'Chuyển trực thuộc'}: cần đúng một cơ quan cũ và một cơ quan kế thừa.`,
    );
  }
  if (kind === 'move') {
    if (!state.newParentId) {
      problems.push('Chuyển trực thuộc: cần chọn cơ quan cấp trên mới.');
    } else if (!state.newParent) {
      problems.push(`Không tìm thấy cơ quan cấp trên ${state.newParentId}.`);
    } else if (!isValidOn(state.newParent, effectiveOn)) {
      problems.push(`${state.newParent.name} không hoạt động vào ngày hiệu lực ${effectiveOn}.`);
    } else if (predecessorIds.includes(state.newParent.id)) {
      problems.push('Cơ quan không thể trực thuộc chính nó.');
    }
  } else if (state.newParentId) {
    problems.push('Chỉ sự kiện chuyển trực thuộc mới có cơ quan cấp trên mới.');
  }
  const rule = state.transferRule;
  if (rule && (rule.defaultSuccessor !== undefined || Object.keys(rule.byAssignment ?? {}).length > 0)) {
    if (kind !== 'split') {
      problems.push('Chỉ khi chia tách mới cần chỉ định cơ quan nhận từng nhiệm vụ.');
    }
    const indexes = [
      ...(rule.defaultSuccessor !== undefined ? [rule.defaultSuccessor] : []),
      ...Object.values(rule.byAssignment ?? {}),
    ];
    if (indexes.some((i) => i < 0 || i >= successorIds.length)) {
      problems.push('Cơ quan nhận nhiệm vụ phải là một trong các cơ quan kế thừa.');
    }
  }
  return problems;
}

/** The successor that takes an open assignment of the predecessor, or null (split without a named successor). */
function targetOf(state: RestructuringState, assignment: PlanAssignment): string | null {
  if (state.kind !== 'split') {
    return state.successorIds[0] ?? null;
  }
  const rule = state.transferRule;
  const index = rule?.byAssignment?.[assignment.id] ?? rule?.defaultSuccessor;
  return index === undefined ? null : (state.successorIds[index] ?? null);
}

function aliasesCarriedOver(state: RestructuringState): PlannedAlias[] {
  const out: PlannedAlias[] = [];
  const seen = new Map<string, Set<string>>();
  const push = (agencyId: string, alias: string, kind: AgencyAliasKind) => {
    const text = cleanText(alias);
    const folded = foldText(text);
    const existing = state.successorAliasKeys.get(agencyId);
    const planned = seen.get(agencyId) ?? new Set<string>();
    if (!folded || existing?.has(folded) || planned.has(folded)) {
      return;
    }
    planned.add(folded);
    seen.set(agencyId, planned);
    out.push({ agencyId, alias: text, folded, kind });
  };
  for (const id of state.successorIds) {
    const successor = state.successors.get(id);
    if (successor?.isNew) {
      push(id, successor.name, 'official-name');
      if (successor.shortName) {
        push(id, successor.shortName, 'short-name');
      }
    }
  }
  // A split's old name denotes no single successor, so it is carried to none of them.
  if (state.kind === 'split') {
    return out;
  }
  const successorId = state.successorIds[0];
  if (!successorId) {
    return out;
  }
  for (const predecessorId of state.predecessorIds) {
    const predecessor = state.predecessors.get(predecessorId);
    if (!predecessor) {
      continue;
    }
    const aliases = state.predecessorAliases.get(predecessorId) ?? [];
    if (state.kind === 'move') {
      // The same body under another parent: every name it was known by stays its name.
      push(successorId, predecessor.name, 'official-name');
      for (const a of aliases) {
        push(successorId, a.alias, a.kind);
      }
      continue;
    }
    push(successorId, predecessor.name, 'former-name');
    for (const a of aliases.filter((x) => x.kind === 'former-name')) {
      push(successorId, a.alias, 'former-name');
    }
  }
  return out;
}

/**
 * What applying the event moves (the preview shows exactly this):
 * - each predecessor's open assignments go to its successor (merge, rename, move) or, in a split, to the successor
 *   named for the assignment (else the default one, else none: they stay and are listed as untransferred);
 * - completed work stays with the predecessor that did it;
 * - active accounts move to the successor in a merge, rename or move; in a split they stay (an administrator
 *   decides) and are reported;
 * - the predecessor's name becomes a former-name alias of the successor (merge, rename); a moved agency keeps all
 *   its names.
 */
export function buildRestructuringPlan(state: RestructuringState): RestructuringPlan {
  const perPredecessor: PredecessorPlan[] = state.predecessorIds.map((predecessorId) => ({
    predecessorId,
    transfers: new Map(state.successorIds.map((id) => [id, []])),
    completed: [],
    untransferred: [],
  }));
  const byPredecessor = new Map(perPredecessor.map((p) => [p.predecessorId, p]));
  for (const assignment of state.assignments) {
    const plan = byPredecessor.get(assignment.agencyId);
    if (!plan) {
      continue;
    }
    if (state.completedIds.has(assignment.id)) {
      plan.completed.push(assignment);
      continue;
    }
    const target = targetOf(state, assignment);
    const bucket = target ? plan.transfers.get(target) : undefined;
    if (bucket) {
      bucket.push(assignment);
    } else {
      plan.untransferred.push(assignment);
    }
  }
  const singleSuccessor = state.kind === 'split' ? null : (state.successorIds[0] ?? null);
  return {
    lastDay: addDaysIso(state.effectiveOn, -1),
    perPredecessor,
    userMoves: singleSuccessor ? state.users.map((user) => ({ user, toAgencyId: singleSuccessor })) : [],
    usersStaying: singleSuccessor ? [] : state.users,
    aliases: aliasesCarriedOver(state),
    successionPairs: state.predecessorIds.flatMap((predecessorId) =>
      state.successorIds.map((successorId) => ({ predecessorId, successorId })),
    ),
  };
}

export type StatusFact = {
  taskId: string;
  listId: string | null;
  kind: string;
  value: unknown;
  reportedOn: string | null;
  listTitle: string | null;
};

export type TaskLead = { assignmentId: string; taskId: string; agencyId: string; agencyName: string };

type Statement = { statedOn: string; claim: ClaimedStatus | null; statusText: string | null; units: string[] | null };

function statementsOf(facts: StatusFact[]): Map<string, Statement[]> {
  const byKey = new Map<string, Statement & { taskId: string }>();
  for (const fact of facts) {
    const key = `${fact.taskId}|${fact.listId ?? ''}`;
    const statement = byKey.get(key) ?? {
      taskId: fact.taskId,
      statedOn: fact.reportedOn ?? '',
      claim: null,
      statusText: null,
      units: null,
    };
    if (fact.kind === 'status' && typeof fact.value === 'string') {
      statement.statusText = fact.value;
      statement.claim = interpretStatusText(fact.value);
    } else if (fact.kind === 'unitsNotCompleted' && Array.isArray(fact.value)) {
      statement.units = fact.value.filter((v): v is string => typeof v === 'string');
    }
    byKey.set(key, statement);
  }
  const byTask = new Map<string, Statement[]>();
  for (const s of byKey.values()) {
    byTask.set(s.taskId, [...(byTask.get(s.taskId) ?? []), s]);
  }
  return byTask;
}

/**
 * Which active assignments are completed work ("completed work stays with the agency that did it", issue #4):
 * - an accepted progress report on the assignment that says completed; or
 * - the latest document statement about the task (reported facts, rules of `reported-facts.ts`): a status cell that
 *   says completed makes every assignment of the task completed; a "Đơn vị chưa hoàn thành" list makes each lead not
 *   listed completed (coordinators stay open).
 */
export function findCompletedAssignments(input: {
  assignments: PlanAssignment[];
  leads: TaskLead[];
  facts: StatusFact[];
  acceptedCompleted: Iterable<string>;
}): Set<string> {
  const completed = new Set<string>();
  const wanted = new Set(input.assignments.map((a) => a.id));
  for (const id of input.acceptedCompleted) {
    if (wanted.has(id)) {
      completed.add(id);
    }
  }
  const leadsByTask = new Map<string, TaskLead[]>();
  for (const lead of input.leads) {
    leadsByTask.set(lead.taskId, [...(leadsByTask.get(lead.taskId) ?? []), lead]);
  }
  const statements = statementsOf(input.facts);
  const assignmentsByTask = new Map<string, PlanAssignment[]>();
  for (const a of input.assignments) {
    assignmentsByTask.set(a.taskId, [...(assignmentsByTask.get(a.taskId) ?? []), a]);
  }
  for (const [taskId, taskAssignments] of assignmentsByTask) {
    const latest = (statements.get(taskId) ?? [])
      .filter((s) => s.claim !== null || (s.units?.length ?? 0) > 0)
      .sort((a, b) => (a.statedOn < b.statedOn ? -1 : a.statedOn > b.statedOn ? 1 : 0))
      .at(-1);
    if (!latest) {
      continue;
    }
    if ((latest.units?.length ?? 0) > 0) {
      const leads = (leadsByTask.get(taskId) ?? []).map((l) => ({ key: l.assignmentId, name: l.agencyName }));
      const statement: ListStatement = {
        sourceId: taskId,
        label: '',
        statedOn: latest.statedOn,
        claim: latest.claim,
        statusText: latest.statusText,
        unitsNotCompleted: latest.units,
        completion: null,
      };
      for (const record of readStatement(statement, leads).records) {
        if (record.state === 'completed' && wanted.has(record.leadKey)) {
          completed.add(record.leadKey);
        }
      }
      continue;
    }
    if (latest.claim === 'completed') {
      for (const a of taskAssignments) {
        completed.add(a.id);
      }
    }
  }
  return completed;
}
