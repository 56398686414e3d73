import { type LeadRef, type ListStatement, readStatement, type StatementReading } from '@shared/domain/reported-facts';
import {
  type AssignmentStatus,
  type AssignmentStatusInput,
  computeAssignmentStatus,
  computeTaskStatus,
  endOfBusinessDay,
  STATUS_CATEGORIES,
  type StatusCategory,
  type StatusExtension,
  type StatusReport,
  type TaskStatus,
} from '@shared/domain/task-status';

/**
 * The status engine's judging half: pure functions over rows the repo fetched set-wise. The repo hands over, for
 * each lead assignment, only the latest accepted report / granted extension recorded by the cut-off (plus the
 * report of the cut-off's period for recurring tasks); `computeAssignmentStatus` would pick the same record out of
 * the full history, so the result is the same as judging every record (see status.db.test.ts).
 */

export type StatusCounts = Record<StatusCategory, number>;

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, 0])) as StatusCounts;
}

export type StatusTaskRow = { id: string; directiveId: string; due: string | null; recurring: boolean };
export type StatusLeadRow = { assignmentId: string; taskId: string; agencyId: string };
export type StatusRecordRow = StatusReport & { assignmentId: string };
export type StatusExtensionRow = StatusExtension & { assignmentId: string; source?: string };
export type TaskStatementRow = ListStatement & { taskId: string };

export type DiscrepancyKind =
  | 'completion-contradicted'
  | 'claimed-overdue-not-due'
  | 'units-not-assigned'
  | 'unreadable-status'
  | 'stated-totals-mismatch';

export type Discrepancy = {
  kind: DiscrepancyKind;
  taskId: string | null;
  message: string;
  sources: string[];
  units?: string[];
};

export type LeadEvaluation = { assignmentId: string; agencyId: string; status: AssignmentStatus };

export type TaskEvaluation = {
  taskId: string;
  directiveId: string;
  status: TaskStatus;
  leads: LeadEvaluation[];
  /** Units not complete, as seed 001 PL02 lists them: leads not complete plus listed units that are not leads. */
  unitsNotCompleted: { agencyId: string | null; name: string }[];
  discrepancies: Discrepancy[];
};

export type EvaluationInput = {
  asOf: string;
  tasks: StatusTaskRow[];
  leads: StatusLeadRow[];
  records: StatusRecordRow[];
  extensions: StatusExtensionRow[];
  statements: TaskStatementRow[];
  /** Agency names, needed for the leads of tasks with document statements (matching "Đơn vị chưa hoàn thành"). */
  agencyNames: Map<string, string>;
};

/** Groups items by a key, keeping their order (Map.groupBy is Node ≥ 21). */
export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) {
      list.push(item);
    } else {
      map.set(k, [item]);
    }
  }
  return map;
}

const fmt = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
};

const TASK_KEY = '(nhiệm vụ)';

type StatementRecord = StatusReport & { leadKey: string; document: true };

/** Reads the task's counted statements into per-lead records and the discrepancies they reveal on their own. */
function readStatements(
  task: StatusTaskRow,
  statements: TaskStatementRow[],
  leads: LeadRef[],
  asOf: string,
): {
  records: StatementRecord[];
  latest: { statement: TaskStatementRow; reading: StatementReading } | null;
  discrepancies: Discrepancy[];
} {
  const records: StatementRecord[] = [];
  const discrepancies: Discrepancy[] = [];
  let latest: { statement: TaskStatementRow; reading: StatementReading } | null = null;
  const counted = statements.filter((s) => s.statedOn <= asOf).sort((a, b) => a.statedOn.localeCompare(b.statedOn));
  for (const statement of counted) {
    const reading = readStatement(statement, leads);
    latest = { statement, reading };
    const recordedAt = endOfBusinessDay(statement.statedOn);
    for (const r of reading.records) {
      records.push({
        leadKey: r.leadKey,
        document: true,
        recordedAt,
        state: r.state,
        completedOn: r.completedOn,
        completedBy: r.completedBy,
        source: statement.label,
      });
    }
    if (statement.statusText && !statement.claim) {
      discrepancies.push({
        kind: 'unreadable-status',
        taskId: task.id,
        message: `Không đọc được tình trạng "${statement.statusText}" (${statement.label}).`,
        sources: [statement.label],
      });
    }
    if (reading.unmatchedUnits.length > 0) {
      discrepancies.push({
        kind: 'units-not-assigned',
        taskId: task.id,
        message: reading.splitImpossible
          ? `${statement.label} liệt kê đơn vị chưa hoàn thành không phải cơ quan chủ trì của nhiệm vụ; coi mọi cơ quan chủ trì là chưa hoàn thành.`
          : `${statement.label} liệt kê ${reading.unmatchedUnits.length} đơn vị chưa hoàn thành không phải cơ quan chủ trì của nhiệm vụ.`,
        sources: [statement.label],
        units: reading.unmatchedUnits,
      });
    }
    if (statement.claim === 'overdue' && (task.due === null || statement.statedOn <= task.due)) {
      discrepancies.push({
        kind: 'claimed-overdue-not-due',
        taskId: task.id,
        message: task.due
          ? `${statement.label} ghi "quá hạn" nhưng thời hạn ${fmt(task.due)} chưa qua tại ngày ${fmt(statement.statedOn)} (hạn chót trong ngày vẫn là đúng hạn).`
          : `${statement.label} ghi "quá hạn" nhưng nhiệm vụ không có thời hạn xác định.`,
        sources: [statement.label],
      });
    }
  }
  return { records, latest, discrepancies };
}

/** A completion that a later record from another source contradicts (per lead), grouped by the pair of sources. */
function findContradictions(
  taskId: string,
  perLead: Map<string, StatusReport[]>,
  names: Map<string, string>,
  documentSources: Set<string>,
): Discrepancy[] {
  const pairs = new Map<string, { earlier: string; later: string; units: string[] }>();
  for (const [leadKey, records] of perLead) {
    const sorted = [...records].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1] as StatusReport;
      const next = sorted[i] as StatusReport;
      if (prev.state !== 'completed' || next.state === 'completed' || prev.source === next.source) {
        continue;
      }
      if (!documentSources.has(prev.source ?? '') && !documentSources.has(next.source ?? '')) {
        continue;
      }
      const key = `${prev.source}\u0000${next.source}`;
      const pair = pairs.get(key) ?? { earlier: prev.source ?? '?', later: next.source ?? '?', units: [] };
      pair.units.push(names.get(leadKey) ?? leadKey);
      pairs.set(key, pair);
    }
  }
  return [...pairs.values()].map((p) => ({
    kind: 'completion-contradicted' as const,
    taskId,
    message: `${p.earlier} ghi nhận hoàn thành, nhưng ${p.later} ghi ${p.units.length} đơn vị chưa hoàn thành.`,
    sources: [p.earlier, p.later],
    units: p.units,
  }));
}

/**
 * The units not complete, as the documents list them (seed 001 PL02 "Đơn vị chưa hoàn thành"): when the latest
 * counted statement names the units, its list is reproduced (a listed lead stays listed only while it is not
 * complete; a listed unit that is not a lead is kept by name); leads that are not complete on other grounds (no
 * statement, or a later record) are added by name.
 */
function listUnitsNotCompleted(
  status: TaskStatus,
  leads: LeadEvaluation[],
  latest: { statement: TaskStatementRow; reading: StatementReading } | null,
  agencyNames: Map<string, string>,
): { agencyId: string | null; name: string }[] {
  if (status.state === 'completed') {
    return [];
  }
  const units: { agencyId: string | null; name: string }[] = [];
  const listed = latest?.statement.unitsNotCompleted ? latest : null;
  const listedLeads = new Set(
    listed
      ? listed.reading.records
          .filter((r) => r.state !== 'completed' && !listed.reading.splitImpossible)
          .map((r) => r.leadKey)
      : [],
  );
  for (const lead of leads) {
    if (lead.status.state === 'completed') {
      continue;
    }
    const fromListedStatement = listed && lead.status.basis?.source === listed.statement.label;
    if (fromListedStatement && !listedLeads.has(lead.assignmentId)) {
      continue;
    }
    units.push({ agencyId: lead.agencyId, name: agencyNames.get(lead.agencyId) ?? lead.agencyId });
  }
  for (const unit of listed?.reading.unmatchedUnits ?? []) {
    units.push({ agencyId: null, name: unit });
  }
  return units;
}

/**
 * Judges one task and its lead assignments as of `asOf`.
 * `records`/`extensions` are the system's records (accepted reports, granted extensions and reclassifications) per
 * assignment; `statements` are what documents said about the task (read with the rules of reported-facts.ts).
 */
export function evaluateTask(
  task: StatusTaskRow,
  leads: StatusLeadRow[],
  records: Map<string, StatusRecordRow[]>,
  extensions: Map<string, StatusExtensionRow[]>,
  statements: TaskStatementRow[],
  agencyNames: Map<string, string>,
  asOf: string,
): TaskEvaluation {
  const deadline = { due: task.due, recurring: task.recurring };
  const inputs = new Map<string, AssignmentStatusInput>();
  for (const lead of leads) {
    inputs.set(lead.assignmentId, {
      deadline,
      reports: records.get(lead.assignmentId) ?? [],
      extensions: extensions.get(lead.assignmentId) ?? [],
    });
  }
  let discrepancies: Discrepancy[] = [];
  let latestStatement: { statement: TaskStatementRow; reading: StatementReading } | null = null;
  const taskRecords: StatusReport[] = [];
  if (statements.length > 0) {
    const leadRefs: LeadRef[] =
      leads.length > 0
        ? leads.map((l) => ({ key: l.assignmentId, name: agencyNames.get(l.agencyId) ?? l.agencyId }))
        : [{ key: TASK_KEY, name: '' }];
    const read = readStatements(task, statements, leadRefs, asOf);
    discrepancies = read.discrepancies;
    latestStatement = read.latest;
    for (const r of read.records) {
      const input = inputs.get(r.leadKey);
      if (input) {
        input.reports = [...input.reports, r];
      } else if (r.leadKey === TASK_KEY) {
        taskRecords.push(r);
      }
    }
    const names = new Map(leadRefs.map((l) => [l.key, l.name]));
    const perLead = new Map<string, StatusReport[]>();
    for (const [key, input] of inputs) {
      perLead.set(
        key,
        input.reports.filter((r) => r.recordedAt.getTime() <= endOfBusinessDay(asOf).getTime()),
      );
    }
    if (leads.length === 0) {
      perLead.set(TASK_KEY, taskRecords);
    }
    discrepancies.push(...findContradictions(task.id, perLead, names, new Set(statements.map((s) => s.label))));
  }
  const leadInputs = leads.map((l) => ({
    key: l.assignmentId,
    input: inputs.get(l.assignmentId) as AssignmentStatusInput,
  }));
  const status = computeTaskStatus(leadInputs, { deadline, reports: taskRecords }, asOf);
  const leadEvaluations: LeadEvaluation[] = leads.map((l) => ({
    assignmentId: l.assignmentId,
    agencyId: l.agencyId,
    status: computeAssignmentStatus(inputs.get(l.assignmentId) as AssignmentStatusInput, asOf),
  }));
  const unitsNotCompleted = listUnitsNotCompleted(status, leadEvaluations, latestStatement, agencyNames);
  return {
    taskId: task.id,
    directiveId: task.directiveId,
    status,
    leads: leadEvaluations,
    unitsNotCompleted,
    discrepancies,
  };
}

export type GroupBy = 'agency' | 'directive';

export type StatusSummary = {
  asOf: string;
  /** Tasks per category (a task with several leads counts once). */
  counts: StatusCounts;
  /** The same, judged against the original deadlines (extensions ignored). */
  countsAgainstOriginal: StatusCounts;
  tasks: number;
  /** By directive: tasks per category; by agency: that agency's lead assignments per category. */
  groups: { key: string; counts: StatusCounts; total: number }[] | null;
  /** Recurring tasks: how many had a report in the period of the cut-off. */
  recurringPeriod: { period: string; reported: number; notReported: number };
  discrepancies: Discrepancy[];
  /** Per task, for callers that list tasks of a category (click-through); only when asked for. */
  taskCategories?: Map<string, StatusCategory>;
};

/**
 * Judges every task of the input as of `input.asOf` and counts them, optionally grouped by directive (tasks) or by
 * lead agency (assignments). Linear in the number of assignments.
 */
export function summarizeStatus(
  input: EvaluationInput,
  options: { by?: GroupBy; keepTaskCategories?: boolean } = {},
): StatusSummary {
  const leadsByTask = groupBy(input.leads, (l) => l.taskId);
  const records = groupBy(input.records, (r) => r.assignmentId);
  const extensions = groupBy(input.extensions, (e) => e.assignmentId);
  const statements = groupBy(input.statements, (s) => s.taskId);
  const counts = emptyCounts();
  const countsAgainstOriginal = emptyCounts();
  const groups = new Map<string, StatusCounts>();
  const discrepancies: Discrepancy[] = [];
  const taskCategories = options.keepTaskCategories ? new Map<string, StatusCategory>() : undefined;
  const recurringPeriod = { period: input.asOf.slice(0, 7), reported: 0, notReported: 0 };
  const bump = (key: string, category: StatusCategory) => {
    let g = groups.get(key);
    if (!g) {
      g = emptyCounts();
      groups.set(key, g);
    }
    g[category]++;
  };
  for (const task of input.tasks) {
    const evaluation = evaluateTask(
      task,
      leadsByTask.get(task.id) ?? [],
      records,
      extensions,
      statements.get(task.id) ?? [],
      input.agencyNames,
      input.asOf,
    );
    const { status } = evaluation;
    counts[status.category]++;
    countsAgainstOriginal[status.categoryAgainstOriginal]++;
    taskCategories?.set(task.id, status.category);
    if (status.category === 'recurring') {
      if (status.periodReported) {
        recurringPeriod.reported++;
      } else {
        recurringPeriod.notReported++;
      }
    }
    if (options.by === 'directive') {
      bump(task.directiveId, status.category);
    } else if (options.by === 'agency') {
      for (const lead of evaluation.leads) {
        bump(lead.agencyId, lead.status.category);
      }
    }
    discrepancies.push(...evaluation.discrepancies);
  }
  return {
    asOf: input.asOf,
    counts,
    countsAgainstOriginal,
    tasks: input.tasks.length,
    groups: options.by
      ? [...groups.entries()].map(([key, c]) => ({
          key,
          counts: c,
          total: Object.values(c).reduce((a, b) => a + b, 0),
        }))
      : null,
    recurringPeriod,
    discrepancies,
    ...(taskCategories ? { taskCategories } : {}),
  };
}
