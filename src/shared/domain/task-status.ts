/**
 * The status rules: what the Government's reports call "hoàn thành đúng hạn", "hoàn thành quá hạn",
 * "đang thực hiện trong hạn", "quá hạn" (seed 001 Phụ lục 01/02/06; seed 003 Phụ lục 1), judged AS OF a
 * cut-off date from what had been recorded by then. Pure: no I/O, no clock, no time zone of the process.
 *
 * Rules (in order), for one assignment as of cut-off date D (a calendar day in Asia/Ho_Chi_Minh):
 * 1. Only reports recorded no later than the end of D (23:59:59 Asia/Ho_Chi_Minh) count; the latest one wins.
 * 2. Completed with a completion date and a due date: on time when completedOn ≤ due, else late.
 *    The due date is the extended one when an extension was granted by D, else the original; the verdict
 *    against the ORIGINAL deadline is always reported alongside, so an extension can never hide lateness.
 *    When only an upper bound is known ("completed by" = the date a document states the task done), the
 *    task is on time if that bound is ≤ due; otherwise its lateness is unknown and rule 3 applies.
 * 3. Completed without a completion date, or for a task without a due date: "completed, undated".
 * 4. Not completed and the deadline recurs (Thường xuyên, Hằng năm, Định kỳ): "recurring" (judged per period elsewhere).
 * 5. Not completed and no due date: "no deadline".
 * 6. Not completed and D ≤ due: "in progress within the deadline"; D > due: "overdue".
 * A task with several lead agencies is complete only when every lead is; its completion date is the latest
 * lead completion date; the leads not complete are listed ("Đơn vị chưa hoàn thành").
 * Recurring assignments (Thường xuyên, Hằng năm, Định kỳ) are judged per monthly period as well: "reported in the
 * period of D" when a counted report belongs to that period.
 */

export const StatusCategory = {
  completedOnTime: 'completedOnTime',
  completedLate: 'completedLate',
  completedUndated: 'completedUndated',
  inProgress: 'inProgress',
  overdue: 'overdue',
  recurring: 'recurring',
  noDeadline: 'noDeadline',
} as const;
export type StatusCategory = (typeof StatusCategory)[keyof typeof StatusCategory];

export const STATUS_CATEGORIES = Object.values(StatusCategory);

export const STATUS_LABELS: Record<StatusCategory, string> = {
  completedOnTime: 'Hoàn thành đúng hạn',
  completedLate: 'Hoàn thành quá hạn',
  completedUndated: 'Hoàn thành (không xác định hạn)',
  inProgress: 'Đang thực hiện trong hạn',
  overdue: 'Quá hạn',
  recurring: 'Thường xuyên/định kỳ',
  noDeadline: 'Chưa có thời hạn',
};

export type ProgressState = 'not-started' | 'in-progress' | 'completed' | 'cannot-complete';

export type StatusReport = {
  /** When the report became part of the record (accepted, or imported from a document); an instant. */
  recordedAt: Date;
  state: ProgressState;
  /** Calendar date the work was completed (ISO), when state is completed. */
  completedOn?: string | null;
  /** Completed no later than this date (ISO) when the exact date is unknown (a document listing the task as done). */
  completedBy?: string | null;
  /** Reporting period 'YYYY-MM' the report belongs to; defaults to the month it was recorded in (Hanoi time). */
  period?: string | null;
  /** Where the record comes from (report id, document list), passed through for tracing. */
  source?: string;
};

export type StatusDeadline = {
  /** Original due date (ISO) or null. */
  due: string | null;
  recurring: boolean;
};

export type StatusExtension = { grantedAt: Date; newDue: string };

export type AssignmentStatusInput = {
  deadline: StatusDeadline;
  reports: StatusReport[];
  extensions?: StatusExtension[];
};

export type AssignmentStatus = {
  category: StatusCategory;
  /** The same judgement against the original deadline, ignoring extensions. */
  categoryAgainstOriginal: StatusCategory;
  /** The due date used for `category`. */
  effectiveDue: string | null;
  completedOn: string | null;
  /** The latest counted report, if any. */
  state: ProgressState | null;
  /** The record the judgement rests on (latest counted report), for tracing a number to its source. */
  basis: StatusReport | null;
  /** Recurring assignments only: whether a counted report belongs to the period (month) of D; else null. */
  periodReported: boolean | null;
};

/** End of the business day D, as an instant: 23:59:59.999 in Asia/Ho_Chi_Minh (UTC+7, no DST). */
export function endOfBusinessDay(isoDate: string): Date {
  return new Date(`${isoDate}T23:59:59.999+07:00`);
}

function latestCounted<T extends { recordedAt?: Date; grantedAt?: Date }>(
  items: T[],
  cutoff: Date,
  at: (t: T) => Date,
) {
  let latest: T | null = null;
  for (const item of items) {
    const when = at(item);
    if (when.getTime() <= cutoff.getTime() && (!latest || when.getTime() >= at(latest).getTime())) {
      latest = item;
    }
  }
  return latest;
}

function judge(
  due: string | null,
  recurring: boolean,
  asOf: string,
  report: StatusReport | null,
): { category: StatusCategory; completedOn: string | null } {
  if (report?.state === 'completed') {
    const completedOn = report.completedOn ?? null;
    if (!completedOn && due && report.completedBy && report.completedBy <= due) {
      return { category: 'completedOnTime', completedOn };
    }
    if (!completedOn || !due) {
      return { category: 'completedUndated', completedOn };
    }
    return { category: completedOn <= due ? 'completedOnTime' : 'completedLate', completedOn };
  }
  if (recurring) {
    return { category: 'recurring', completedOn: null };
  }
  if (!due) {
    return { category: 'noDeadline', completedOn: null };
  }
  return { category: asOf <= due ? 'inProgress' : 'overdue', completedOn: null };
}

/** The reporting period ('YYYY-MM') a business date or an instant falls in, in Asia/Ho_Chi_Minh. */
export function periodOf(when: string | Date): string {
  if (typeof when === 'string') {
    return when.slice(0, 7);
  }
  // UTC+7 all year (no daylight saving in Vietnam since 1975).
  return new Date(when.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
}

/** Status of one assignment as of `asOf` (ISO date). See the module comment for the rules. */
export function computeAssignmentStatus(input: AssignmentStatusInput, asOf: string): AssignmentStatus {
  const cutoff = endOfBusinessDay(asOf);
  const report = latestCounted(input.reports, cutoff, (r) => r.recordedAt);
  const extension = latestCounted(input.extensions ?? [], cutoff, (e) => e.grantedAt);
  const effectiveDue = extension?.newDue ?? input.deadline.due;
  const effective = judge(effectiveDue, input.deadline.recurring, asOf, report);
  const original = judge(input.deadline.due, input.deadline.recurring, asOf, report);
  let periodReported: boolean | null = null;
  if (input.deadline.recurring) {
    const period = periodOf(asOf);
    periodReported = input.reports.some(
      (r) => r.recordedAt.getTime() <= cutoff.getTime() && (r.period ?? periodOf(r.recordedAt)) === period,
    );
  }
  return {
    category: effective.category,
    categoryAgainstOriginal: original.category,
    effectiveDue,
    completedOn: effective.completedOn,
    state: report?.state ?? null,
    basis: report,
    periodReported,
  };
}

export type TaskStatus = AssignmentStatus & {
  /** Lead agencies that have not completed, by the key the caller used (agency id or name). */
  notCompleted: string[];
};

const COMPLETED_RANK: Partial<Record<StatusCategory, number>> = {
  completedOnTime: 0,
  completedUndated: 1,
  completedLate: 2,
};

function worstCompleted(categories: StatusCategory[]): StatusCategory {
  return categories.reduce((a, b) => ((COMPLETED_RANK[b] ?? 0) > (COMPLETED_RANK[a] ?? 0) ? b : a), 'completedOnTime');
}

// Open leads share the task's deadline and differ only by their extensions: the worst one decides, in this order.
const OPEN_ORDER: StatusCategory[] = ['overdue', 'inProgress', 'noDeadline', 'recurring'];

function worstOpen(categories: StatusCategory[]): StatusCategory {
  return OPEN_ORDER.find((c) => categories.includes(c)) ?? 'noDeadline';
}

function maxDate(dates: (string | null)[]): string | null {
  let best: string | null = null;
  for (const d of dates) {
    if (d !== null && (best === null || d > best)) {
      best = d;
    }
  }
  return best;
}

/**
 * Status of a task from its lead assignments.
 * - Complete only when every lead is complete; then the completion date is the latest lead's, and the task is late
 *   when any lead completed late against its own (possibly extended) deadline, "undated" when any lead's lateness
 *   is unknown, else on time.
 * - Otherwise judged on the leads not complete, each against its own deadline and extensions: overdue when any of
 *   them is overdue, else in progress when any is, else no deadline / recurring; the leads not complete are listed (`notCompleted`, seed 001 PL02 "Đơn vị chưa hoàn thành").
 * - A task without lead assignments is judged on its own deadline with the task-level records in `task.reports`.
 * `task.extensions` apply to every lead (an extension of the whole task).
 */
export function computeTaskStatus(
  leads: { key: string; input: AssignmentStatusInput }[],
  task: { deadline: StatusDeadline; extensions?: StatusExtension[]; reports?: StatusReport[] },
  asOf: string,
): TaskStatus {
  const taskExtensions = task.extensions ?? [];
  if (leads.length === 0) {
    const alone = computeAssignmentStatus(
      { deadline: task.deadline, extensions: taskExtensions, reports: task.reports ?? [] },
      asOf,
    );
    return { ...alone, notCompleted: [] };
  }
  const perLead = leads.map((l) => ({
    key: l.key,
    status: computeAssignmentStatus(
      { ...l.input, extensions: [...taskExtensions, ...(l.input.extensions ?? [])] },
      asOf,
    ),
  }));
  const open = perLead.filter((l) => l.status.state !== 'completed');
  const effectiveDue = maxDate(perLead.map((l) => l.status.effectiveDue));
  const recurring = task.deadline.recurring;
  const periodReported = recurring ? perLead.every((l) => l.status.periodReported === true) : null;
  if (open.length === 0) {
    const dates = perLead.map((l) => l.status.completedOn);
    const completedOn = dates.every((d) => d !== null) ? maxDate(dates) : null;
    const latest = perLead.reduce<StatusReport | null>((acc, l) => {
      const b = l.status.basis;
      return b && (!acc || b.recordedAt.getTime() >= acc.recordedAt.getTime()) ? b : acc;
    }, null);
    return {
      category: worstCompleted(perLead.map((l) => l.status.category)),
      categoryAgainstOriginal: worstCompleted(perLead.map((l) => l.status.categoryAgainstOriginal)),
      effectiveDue,
      completedOn,
      state: 'completed',
      basis: latest,
      periodReported,
      notCompleted: [],
    };
  }
  const anyReport = perLead.some((l) => l.status.state !== null);
  return {
    category: worstOpen(open.map((l) => l.status.category)),
    categoryAgainstOriginal: worstOpen(open.map((l) => l.status.categoryAgainstOriginal)),
    effectiveDue,
    completedOn: null,
    state: anyReport ? 'in-progress' : null,
    basis: null,
    periodReported,
    notCompleted: open.map((l) => l.key),
  };
}
