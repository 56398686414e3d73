import type { DbOrTx } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import type { FileStorage } from '@server/lib/file-storage';
import { readSourceFile } from '@server/modules/imports/detect-format';
import type { DiscrepancyDto, StatusSummaryDto, TaskStatusDto } from '@shared/contracts/status';
import {
  claimFromListTitle,
  completionDateFromText,
  interpretStatusText,
  statementDateOf,
} from '@shared/domain/reported-facts';
import { endOfBusinessDay, type StatusCategory } from '@shared/domain/task-status';
import { businessDateOf } from '@shared/lib/vn-format';
import { cleanText } from '@shared/lib/vn-text';
import {
  type Discrepancy,
  type EvaluationInput,
  emptyCounts,
  evaluateTask,
  type GroupBy,
  groupBy,
  type StatusExtensionRow,
  type StatusRecordRow,
  type StatusSummary,
  summarizeStatus,
  type TaskEvaluation,
  type TaskStatementRow,
} from './compute-status';
import { findStatusStatements, isAppendix, type StatusStatement } from './document-statements';
import {
  type ExtensionRowDb,
  findDirectiveByIdOrNumber,
  findTaskHeader,
  type OccurrenceRowDb,
  type RecordRowDb,
  type StatusScope,
  selectAgencyNames,
  selectDirectiveNames,
  selectLatestExtensions,
  selectLatestRecords,
  selectLeadAssignments,
  selectStatusOccurrences,
  selectStatusTasks,
  selectTaskAssignments,
  selectTaskExtensionHistory,
  selectTaskRecordHistory,
} from './status.repo';
import { selectLeadCountsByAgency, selectLeadStatuses, selectTaskCounts, selectTaskIdsInCategory } from './status-sql';

export type StatusDeps = { db: DbOrTx; storage: FileStorage };

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function recordOf(row: RecordRowDb): StatusRecordRow {
  return {
    assignmentId: row.assignment_id,
    recordedAt: toDate(row.recorded_at),
    state: row.state as StatusRecordRow['state'],
    completedOn: row.completed_on,
    period: row.period,
    source: row.kind === 'report' ? `báo cáo ${row.id}` : `quyết định phân loại lại ${row.id}`,
  };
}

function extensionOf(row: ExtensionRowDb): StatusExtensionRow {
  return {
    assignmentId: row.assignment_id,
    grantedAt: toDate(row.granted_at),
    newDue: row.new_due,
    source: row.kind === 'extension' ? `gia hạn ${row.id}` : `quyết định phân loại lại ${row.id}`,
  };
}

/** Short, stable label of a list row: "001_….txt · PHỤ LỤC 02 · hàng 3". */
function sourceLabel(row: OccurrenceRowDb): string {
  const title = cleanText(row.list_title);
  const head = /^(phụ lục\s+[\w.]+)/iu.exec(title)?.[1] ?? (title.length > 60 ? `${title.slice(0, 57)}…` : title);
  return `${row.file_name} · ${head} · hàng ${row.row}`;
}

const statementCache = new Map<string, StatusStatement[]>();

/** Body sentences of a stored source document that give appendix totals as of a date (cached per file). */
async function statementsOfFile(storage: FileStorage, file: { id: string; name: string; key: string }) {
  const cached = statementCache.get(file.id);
  if (cached) {
    return cached;
  }
  let found: StatusStatement[] = [];
  try {
    const bytes = await storage.get(file.key);
    const doc = await readSourceFile(file.name, bytes);
    const paragraphs = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [{ text: b.text, line: b.line }] : []));
    found = findStatusStatements(paragraphs);
  } catch {
    // The file is not in this installation's storage (e.g. imported elsewhere): fall back to captions and dates.
    found = [];
  }
  if (statementCache.size > 500) {
    statementCache.clear();
  }
  statementCache.set(file.id, found);
  return found;
}

type ListInfo = { statedInText: string | null; statement: StatusStatement | null; fileName: string; title: string };

/** Turns document occurrences into dated statements (reported-facts.ts rules), and finds stated-total mismatches. */
async function buildStatements(
  storage: FileStorage,
  occurrences: OccurrenceRowDb[],
): Promise<{ statements: TaskStatementRow[]; lists: Map<string, ListInfo> }> {
  const lists = new Map<string, ListInfo>();
  const files = new Map<string, { id: string; name: string; key: string }>();
  for (const o of occurrences) {
    files.set(o.file_id, { id: o.file_id, name: o.file_name, key: o.storage_key });
  }
  const fileStatements = new Map<string, StatusStatement[]>();
  for (const file of files.values()) {
    fileStatements.set(file.id, await statementsOfFile(storage, file));
  }
  const statements: TaskStatementRow[] = [];
  for (const o of occurrences) {
    let info = lists.get(o.list_id);
    if (!info) {
      const statement = (fileStatements.get(o.file_id) ?? []).find((s) => isAppendix(o.list_title, s.appendix)) ?? null;
      info = { statedInText: statement?.asOf ?? null, statement, fileName: o.file_name, title: o.list_title };
      lists.set(o.list_id, info);
    }
    const statedOn = statementDateOf({
      title: o.list_title,
      documentDate: o.reported_on,
      statedInText: info.statedInText,
    });
    if (!statedOn) {
      continue;
    }
    const facts = o.facts ?? {};
    const statusText = typeof facts.status === 'string' ? cleanText(facts.status) : null;
    const unitsRaw = facts.unitsNotCompleted ?? facts['units-not-completed'];
    const units = Array.isArray(unitsRaw) ? unitsRaw.filter((u): u is string => typeof u === 'string') : null;
    const claim = statusText ? interpretStatusText(statusText) : claimFromListTitle(o.list_title);
    const texts = [facts.result, facts.description].map((v) => (typeof v === 'string' ? v : null));
    statements.push({
      taskId: o.task_id,
      sourceId: o.list_id,
      label: sourceLabel(o),
      statedOn,
      claim,
      statusText,
      unitsNotCompleted: units && units.length > 0 ? units.map(cleanText) : null,
      completion: claim === 'completed' ? completionDateFromText(texts, statedOn) : null,
    });
  }
  return { statements, lists };
}

/** Body totals vs the appendix's own rows (seed 003: "22 / 13 / 02" in the text, 21 / 14 / 2 in Phụ lục 1). */
function statedTotalsDiscrepancies(
  statements: TaskStatementRow[],
  lists: Map<string, ListInfo>,
  asOf: string,
): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const [listId, info] of lists) {
    const s = info.statement;
    if (!s || (s.asOf && s.asOf > asOf)) {
      continue;
    }
    const rows = statements.filter((st) => st.sourceId === listId);
    const table = {
      completed: rows.filter((r) => r.claim === 'completed').length,
      inProgress: rows.filter((r) => r.claim === 'in-progress').length,
      overdue: rows.filter((r) => r.claim === 'overdue').length,
    };
    const stated = { completed: s.completed, inProgress: s.inProgress, overdue: s.overdue };
    const differs = (Object.keys(table) as (keyof typeof table)[]).some(
      (k) => stated[k] !== null && stated[k] !== table[k],
    );
    if (!differs) {
      continue;
    }
    const show = (v: number | null) => (v === null ? '–' : String(v));
    const head = /^(phụ lục\s+[\w.]+)/iu.exec(cleanText(info.title))?.[1] ?? info.title;
    out.push({
      kind: 'stated-totals-mismatch',
      taskId: null,
      message:
        `${info.fileName} (dòng ${s.line}) nêu ${show(s.completed)} hoàn thành / ${show(s.inProgress)} đang thực hiện trong hạn / ` +
        `${show(s.overdue)} quá hạn, nhưng bảng ${head} ghi ${table.completed} / ${table.inProgress} / ${table.overdue}.`,
      sources: [`${info.fileName} · dòng ${s.line}`, `${info.fileName} · ${head}`],
    });
  }
  return out;
}

async function loadEvaluationInput(
  deps: StatusDeps,
  scope: StatusScope,
  asOf: string,
): Promise<{ input: EvaluationInput; lists: Map<string, ListInfo> }> {
  const cutoff = endOfBusinessDay(asOf);
  const [taskRows, leadRows, recordRows, extensionRows, occurrenceRows] = await Promise.all([
    selectStatusTasks(deps.db, scope),
    selectLeadAssignments(deps.db, scope),
    selectLatestRecords(deps.db, scope, cutoff, asOf.slice(0, 7)),
    selectLatestExtensions(deps.db, scope, cutoff),
    selectStatusOccurrences(deps.db, scope),
  ]);
  const { statements, lists } = await buildStatements(deps.storage, occurrenceRows);
  const statementTasks = new Set(statements.map((s) => s.taskId));
  const agencyIds = [...new Set(leadRows.filter((l) => statementTasks.has(l.task_id)).map((l) => l.agency_id))];
  const names = await selectAgencyNames(deps.db, agencyIds);
  return {
    input: {
      asOf,
      tasks: taskRows.map((t) => ({
        id: t.id,
        directiveId: t.directive_id,
        due: t.deadline_due,
        recurring: t.deadline_kind === 'recurring',
      })),
      leads: leadRows.map((l) => ({ assignmentId: l.id, taskId: l.task_id, agencyId: l.agency_id })),
      records: recordRows.map(recordOf),
      extensions: extensionRows.map(extensionOf),
      statements,
      agencyNames: new Map(names.map((n) => [n.id, n.name])),
    },
    lists,
  };
}

/** Resolves `--directive ID_OR_NUMBER`; throws NOT_FOUND. */
export async function resolveDirective(db: DbOrTx, idOrNumber: string) {
  const directive = await findDirectiveByIdOrNumber(db, idOrNumber.trim());
  if (!directive) {
    throw new AppError('NOT_FOUND', `Không tìm thấy văn bản "${idOrNumber}".`);
  }
  return { id: directive.id, key: directive.stable_key, title: directive.title };
}

export type StatusSummaryOptions = { asOf: string; directive?: string | null; by?: GroupBy | null };

/**
 * The whole summary judged in TypeScript (every task through `evaluateTask`). The reference the SQL path is tested
 * against, and the path for tasks that documents speak about.
 */
export async function summarizeInTypeScript(
  deps: StatusDeps,
  scope: StatusScope,
  asOf: string,
  by: GroupBy | null,
): Promise<{ summary: StatusSummary; statements: TaskStatementRow[]; lists: Map<string, ListInfo> }> {
  const { input, lists } = await loadEvaluationInput(deps, scope, asOf);
  return { summary: summarizeStatus(input, by ? { by } : {}), statements: input.statements, lists };
}

/** Tasks in scope that documents speak about (judged in TypeScript), with their statements. */
async function statementTasksOf(deps: StatusDeps, scope: StatusScope) {
  const occurrences = await selectStatusOccurrences(deps.db, scope);
  const { statements, lists } = await buildStatements(deps.storage, occurrences);
  return { taskIds: [...new Set(statements.map((s) => s.taskId))], statements, lists };
}

/**
 * The same summary, with the tasks no document speaks about counted inside the database (status-sql.ts) and the
 * others judged in TypeScript; the two parts are added. Equal to {@link summarizeInTypeScript} (tested).
 */
export async function summarizeHybrid(
  deps: StatusDeps,
  scope: StatusScope,
  asOf: string,
  by: GroupBy | null,
): Promise<{ summary: StatusSummary; statements: TaskStatementRow[]; lists: Map<string, ListInfo> }> {
  const cutoff = endOfBusinessDay(asOf);
  const documented = await statementTasksOf(deps, scope);
  const sqlScope = {
    directiveId: scope.directiveId ?? null,
    excludeTaskIds: documented.taskIds,
    taskIds: scope.taskIds ?? null,
  };
  const [taskRows, leadRows] = await Promise.all([
    selectTaskCounts(deps.db, sqlScope, asOf, cutoff, by === 'directive'),
    by === 'agency' ? selectLeadCountsByAgency(deps.db, sqlScope, asOf, cutoff) : Promise.resolve([]),
  ]);
  const partial =
    documented.taskIds.length > 0
      ? (await summarizeInTypeScript(deps, { ...scope, taskIds: documented.taskIds }, asOf, by)).summary
      : summarizeStatus(
          { asOf, tasks: [], leads: [], records: [], extensions: [], statements: [], agencyNames: new Map() },
          by ? { by } : {},
        );
  const counts = { ...partial.counts };
  const againstOriginal = { ...partial.countsAgainstOriginal };
  const recurringPeriod = { ...partial.recurringPeriod };
  const groups = new Map((partial.groups ?? []).map((g) => [g.key, { ...g.counts }]));
  const bump = (key: string, category: StatusCategory, n: number) => {
    const g = groups.get(key) ?? emptyCounts();
    g[category] += n;
    groups.set(key, g);
  };
  let tasks = partial.tasks;
  for (const row of taskRows) {
    counts[row.category] += row.n;
    againstOriginal[row.category_orig] += row.n;
    tasks += row.n;
    if (row.category === 'recurring') {
      if (row.period_reported) {
        recurringPeriod.reported += row.n;
      } else {
        recurringPeriod.notReported += row.n;
      }
    }
    if (by === 'directive' && row.group_key) {
      bump(row.group_key, row.category, row.n);
    }
  }
  for (const row of leadRows) {
    bump(row.agency_id, row.category, row.n);
  }
  return {
    summary: {
      asOf,
      counts,
      countsAgainstOriginal: againstOriginal,
      tasks,
      groups: by
        ? [...groups.entries()].map(([key, c]) => ({
            key,
            counts: c,
            total: Object.values(c).reduce((a, b) => a + b, 0),
          }))
        : null,
      recurringPeriod,
      discrepancies: partial.discrepancies,
    },
    statements: documented.statements,
    lists: documented.lists,
  };
}

/**
 * Status of every confirmed task (and, with `by: 'agency'`, every lead assignment) as of the cut-off date, from what
 * was recorded by the end of that day in Asia/Ho_Chi_Minh: accepted reports, granted extensions and reclassifications,
 * and what imported documents stated as of their statement dates. Discrepancies between sources are listed, never
 * resolved silently. Throws NOT_FOUND for an unknown directive.
 */
export async function getStatusSummary(deps: StatusDeps, options: StatusSummaryOptions): Promise<StatusSummaryDto> {
  const directive = options.directive ? await resolveDirective(deps.db, options.directive) : null;
  const scope: StatusScope = { directiveId: directive?.id ?? null };
  const by = options.by ?? null;
  const { summary, statements, lists } = await summarizeHybrid(deps, scope, options.asOf, by);
  const discrepancies = [...statedTotalsDiscrepancies(statements, lists, options.asOf), ...summary.discrepancies];
  let groups: StatusSummaryDto['groups'];
  if (summary.groups) {
    const keys = summary.groups.map((g) => g.key);
    const names =
      by === 'agency'
        ? new Map((await selectAgencyNames(deps.db, keys)).map((a) => [a.id, a.name]))
        : new Map((await selectDirectiveNames(deps.db, keys)).map((d) => [d.id, `${d.stable_key} — ${d.title}`]));
    groups = summary.groups
      .map((g) => ({ key: g.key, name: names.get(g.key) ?? g.key, counts: g.counts, total: g.total }))
      .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'vi'));
  }
  return {
    ...summary.counts,
    asOf: options.asOf,
    directive,
    unit: 'task',
    tasks: summary.tasks,
    againstOriginal: summary.countsAgainstOriginal,
    recurringPeriod: summary.recurringPeriod,
    by,
    groupUnit: by === 'agency' ? 'assignment' : by === 'directive' ? 'task' : null,
    ...(groups ? { groups } : {}),
    discrepancies: discrepancies as DiscrepancyDto[],
  };
}

export type LeadStatus = {
  assignmentId: string;
  taskId: string;
  agencyId: string;
  category: StatusCategory;
  effectiveDue: string | null;
  open: boolean;
};

/**
 * Lead assignments as of the cut-off that are either closed (completed) or open with a deadline in a window —
 * what obligations and reminders act on — judged in SQL, and in TypeScript for tasks that documents speak about.
 */
export async function listLeadStatuses(
  deps: StatusDeps,
  scope: StatusScope,
  asOf: string,
  where: 'closed' | 'open-with-due-between',
  window?: { from: string; to: string },
): Promise<LeadStatus[]> {
  const documented = await statementTasksOf(deps, scope);
  const rows = await selectLeadStatuses(
    deps.db,
    { directiveId: scope.directiveId ?? null, excludeTaskIds: documented.taskIds, taskIds: scope.taskIds ?? null },
    asOf,
    endOfBusinessDay(asOf),
    where,
    window,
  );
  const out: LeadStatus[] = rows.map((r) => ({
    assignmentId: r.id,
    taskId: r.task_id,
    agencyId: r.agency_id,
    category: r.category,
    effectiveDue: r.eff_due,
    open: r.is_open,
  }));
  if (documented.taskIds.length > 0) {
    for (const e of await evaluateScope(deps, { ...scope, taskIds: documented.taskIds }, asOf)) {
      for (const lead of e.leads) {
        const open = lead.status.state !== 'completed';
        const due = lead.status.effectiveDue;
        const matches =
          where === 'closed' ? !open : open && !!due && !!window && due >= window.from && due <= window.to;
        if (matches) {
          out.push({
            assignmentId: lead.assignmentId,
            taskId: e.taskId,
            agencyId: lead.agencyId,
            category: lead.status.category,
            effectiveDue: due,
            open,
          });
        }
      }
    }
  }
  return out;
}

/**
 * Evaluations of every task in scope (per task: status, lead statuses, units not completed, discrepancies), for
 * services that act on statuses (obligations, reminders, click-through lists).
 */
export async function evaluateScope(deps: StatusDeps, scope: StatusScope, asOf: string): Promise<TaskEvaluation[]> {
  const { input } = await loadEvaluationInput(deps, scope, asOf);
  const leads = groupBy(input.leads, (l) => l.taskId);
  const records = groupBy(input.records, (r) => r.assignmentId);
  const extensions = groupBy(input.extensions, (e) => e.assignmentId);
  const statements = groupBy(input.statements, (s) => s.taskId);
  return input.tasks.map((task) =>
    evaluateTask(
      task,
      leads.get(task.id) ?? [],
      records,
      extensions,
      statements.get(task.id) ?? [],
      input.agencyNames,
      asOf,
    ),
  );
}

/**
 * One task as of the cut-off: per-assignment breakdown (leads judged, coordinators listed), the document statements
 * with whether they count by then, units not completed and discrepancies. Throws NOT_FOUND.
 */
export async function getTaskStatus(deps: StatusDeps, taskId: string, asOf: string): Promise<TaskStatusDto> {
  const header = await findTaskHeader(deps.db, taskId);
  if (!header) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy nhiệm vụ.');
  }
  const cutoff = endOfBusinessDay(asOf);
  const [assignmentRows, recordRows, extensionRows, occurrenceRows] = await Promise.all([
    selectTaskAssignments(deps.db, taskId),
    selectTaskRecordHistory(deps.db, taskId, cutoff),
    selectTaskExtensionHistory(deps.db, taskId, cutoff),
    selectStatusOccurrences(deps.db, { taskIds: [taskId] }),
  ]);
  const { statements, lists } = await buildStatements(deps.storage, occurrenceRows);
  const leads = assignmentRows
    .filter((a) => a.role === 'lead')
    .map((a) => ({ assignmentId: a.id, taskId, agencyId: a.agency_id }));
  const names = new Map(assignmentRows.map((a) => [a.agency_id, a.agency_name]));
  const evaluation = evaluateTask(
    {
      id: taskId,
      directiveId: header.directive_id,
      due: header.deadline_due,
      recurring: header.deadline_kind === 'recurring',
    },
    leads,
    groupBy(recordRows.map(recordOf), (r) => r.assignmentId),
    groupBy(extensionRows.map(extensionOf), (e) => e.assignmentId),
    statements,
    names,
    asOf,
  );
  const byAssignment = new Map(evaluation.leads.map((l) => [l.assignmentId, l.status]));
  const documentLabels = new Set(statements.map((s) => s.label));
  // The table totals are about whole lists: count every row of the lists this task appears in.
  const listRows = await selectStatusOccurrences(deps.db, { listIds: [...lists.keys()] });
  const whole = await buildStatements(deps.storage, listRows);
  const taskDiscrepancies = statedTotalsDiscrepancies(whole.statements, whole.lists, asOf);
  const { status } = evaluation;
  return {
    taskId,
    asOf,
    text: header.text,
    directiveKey: header.directive_key,
    deadline: { raw: header.deadline_raw, due: header.deadline_due, kind: header.deadline_kind },
    category: status.category,
    categoryAgainstOriginal: status.categoryAgainstOriginal,
    effectiveDue: status.effectiveDue,
    completedOn: status.completedOn,
    periodReported: status.periodReported,
    unitsNotCompleted: evaluation.unitsNotCompleted,
    assignments: assignmentRows.map((a) => {
      const s = byAssignment.get(a.id);
      return {
        assignmentId: a.id,
        agencyId: a.agency_id,
        agencyName: a.agency_name,
        role: a.role === 'lead' ? ('lead' as const) : ('coordinator' as const),
        category: s?.category ?? null,
        categoryAgainstOriginal: s?.categoryAgainstOriginal ?? null,
        effectiveDue: s?.effectiveDue ?? null,
        completedOn: s?.completedOn ?? null,
        state: s?.state ?? null,
        basis: s?.basis?.source ?? null,
        fromDocument: !!s?.basis?.source && documentLabels.has(s.basis.source),
        periodReported: s?.periodReported ?? null,
      };
    }),
    statements: statements.map((s) => ({
      source: s.label,
      statedOn: s.statedOn,
      claim: s.claim,
      statusText: s.statusText,
      unitsNotCompleted: s.unitsNotCompleted,
      completion: s.completion,
      counted: s.statedOn <= asOf,
    })),
    discrepancies: [...taskDiscrepancies, ...evaluation.discrepancies] as DiscrepancyDto[],
  };
}

/** Tasks of one category as of the cut-off (click-through from the counts), optionally for one lead agency. */
export async function listTasksInCategory(
  deps: StatusDeps,
  options: {
    asOf: string;
    directive?: string | null;
    agencyId?: string | null;
    category: StatusCategory;
    page: number;
    pageSize: number;
  },
) {
  const directive = options.directive ? await resolveDirective(deps.db, options.directive) : null;
  const scope: StatusScope = { directiveId: directive?.id ?? null };
  const documented = await statementTasksOf(deps, scope);
  const fromSql = await selectTaskIdsInCategory(
    deps.db,
    { directiveId: scope.directiveId ?? null, excludeTaskIds: documented.taskIds },
    options.asOf,
    endOfBusinessDay(options.asOf),
    { category: options.category, agencyId: options.agencyId ?? null },
  );
  const matching = fromSql.map((r) => ({ taskId: r.id, effectiveDue: r.eff_due, category: options.category }));
  if (documented.taskIds.length > 0) {
    for (const e of await evaluateScope(deps, { ...scope, taskIds: documented.taskIds }, options.asOf)) {
      const hit = options.agencyId
        ? e.leads.some((l) => l.agencyId === options.agencyId && l.status.category === options.category)
        : e.status.category === options.category;
      if (hit) {
        matching.push({ taskId: e.taskId, effectiveDue: e.status.effectiveDue, category: options.category });
      }
    }
  }
  const page = matching.slice((options.page - 1) * options.pageSize, options.page * options.pageSize);
  const headers = await Promise.all(page.map((e) => findTaskHeader(deps.db, e.taskId)));
  return {
    items: page.map((e, i) => ({
      taskId: e.taskId,
      text: headers[i]?.text ?? '',
      directiveKey: headers[i]?.directive_key ?? '',
      deadlineRaw: headers[i]?.deadline_raw ?? null,
      effectiveDue: e.effectiveDue,
      category: e.category,
    })),
    total: matching.length,
    page: options.page,
    pageSize: options.pageSize,
  };
}

/** Today's business date in Asia/Ho_Chi_Minh, the default cut-off. */
export function todayIn(clock: { now: () => Date }): string {
  return businessDateOf(clock.now());
}
