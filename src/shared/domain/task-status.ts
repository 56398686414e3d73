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
 * 3. Completed without a completion date, or for a task without a due date: "completed, undated".
 * 4. Not completed and the deadline recurs (Thường xuyên, Hằng năm, Định kỳ): "recurring" (judged per period elsewhere).
 * 5. Not completed and no due date: "no deadline".
 * 6. Not completed and D ≤ due: "in progress within the deadline"; D > due: "overdue".
 * A task with several lead agencies is complete only when every lead is; its completion date is the latest
 * lead completion date; the leads not complete are listed ("Đơn vị chưa hoàn thành").
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

/** Status of one assignment as of `asOf` (ISO date). See the module comment for the rules. */
export function computeAssignmentStatus(input: AssignmentStatusInput, asOf: string): AssignmentStatus {
  const cutoff = endOfBusinessDay(asOf);
  const report = latestCounted(input.reports, cutoff, (r) => r.recordedAt);
  const extension = latestCounted(input.extensions ?? [], cutoff, (e) => e.grantedAt);
  const effectiveDue = extension?.newDue ?? input.deadline.due;
  const effective = judge(effectiveDue, input.deadline.recurring, asOf, report);
  const original = judge(input.deadline.due, input.deadline.recurring, asOf, report);
  return {
    category: effective.category,
    categoryAgainstOriginal: original.category,
    effectiveDue,
    completedOn: effective.completedOn,
    state: report?.state ?? null,
  };
}

export type TaskStatus = AssignmentStatus & {
  /** Lead agencies that have not completed, by the key the caller used (agency id or name). */
  notCompleted: string[];
};

/**
 * Status of a task from its lead assignments: complete only when every lead is complete (completion date =
 * the latest lead's); otherwise judged on the task deadline, listing the leads not complete.
 */
export function computeTaskStatus(
  leads: { key: string; input: AssignmentStatusInput }[],
  task: { deadline: StatusDeadline; extensions?: StatusExtension[] },
  asOf: string,
): TaskStatus {
  const perLead = leads.map((l) => ({ key: l.key, status: computeAssignmentStatus(l.input, asOf) }));
  const notCompleted = perLead.filter((l) => l.status.state !== 'completed').map((l) => l.key);
  if (perLead.length > 0 && notCompleted.length === 0) {
    const dates = perLead.map((l) => l.status.completedOn);
    const allDated = dates.every((d): d is string => d !== null);
    const completedOn = allDated ? dates.reduce((a, b) => (a > b ? a : b)) : null;
    const latestRecorded = new Date(
      Math.max(...leads.flatMap((l) => l.input.reports.map((r) => r.recordedAt.getTime()))),
    );
    const combined = computeAssignmentStatus(
      {
        deadline: task.deadline,
        extensions: task.extensions ?? [],
        reports: [{ recordedAt: latestRecorded, state: 'completed', completedOn }],
      },
      asOf,
    );
    return { ...combined, notCompleted: [] };
  }
  const open = computeAssignmentStatus(
    { deadline: task.deadline, extensions: task.extensions ?? [], reports: [] },
    asOf,
  );
  const anyReport = perLead.some((l) => l.status.state !== null);
  return { ...open, state: anyReport ? 'in-progress' : null, notCompleted };
}
