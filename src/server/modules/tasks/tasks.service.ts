import type { DbOrTx } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import type { DeadlineKind } from '@shared/contracts/imports';
import type { TaskDetail, TaskListQuery, TaskSummary } from '@shared/contracts/tasks';
import {
  type AssignmentRow,
  findTaskRow,
  listAssignmentsOfTasks,
  listFactsOfTask,
  listHistoryOfTask,
  listOccurrencesOfTask,
  listTaskRows,
  type TaskRow,
} from './tasks.repo';

function sectionLabelOf(row: TaskRow): string | null {
  if (!row.sectionTitle) {
    return null;
  }
  return row.sectionLabel ? `${row.sectionLabel} ${row.sectionTitle}` : row.sectionTitle;
}

function toSummary(row: TaskRow, assignmentRows: AssignmentRow[]): TaskSummary {
  const mine = assignmentRows.filter((a) => a.taskId === row.id);
  return {
    id: row.id,
    directiveId: row.directiveId,
    directiveKey: row.directiveKey,
    directiveTitle: row.directiveTitle,
    section: sectionLabelOf(row),
    label: row.label,
    text: row.text,
    product: row.product,
    deadline: {
      raw: row.deadlineRaw,
      kind: row.deadlineKind as DeadlineKind,
      due: row.deadlineDue,
      start: row.deadlineStart,
      rule: row.deadlineRule,
    },
    leads: mine.filter((a) => a.role === 'lead').map((a) => a.agencyName),
    coordinators: mine.filter((a) => a.role === 'coordinator').map((a) => a.agencyName),
    status: row.status === 'proposed' ? 'proposed' : 'confirmed',
  };
}

/** A page of the task register, filtered and searched (search ignores diacritics and case). */
export async function listTasks(db: DbOrTx, query: TaskListQuery) {
  const { rows, total } = await listTaskRows(db, query);
  const assignmentRows = await listAssignmentsOfTasks(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => toSummary(row, assignmentRows)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One task with its assignments, provenance, every occurrence in source lists, reported facts and history. Throws NOT_FOUND. */
export async function getTask(db: DbOrTx, taskId: string): Promise<TaskDetail> {
  const row = await findTaskRow(db, taskId);
  if (!row) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy nhiệm vụ.');
  }
  const [assignmentRows, occurrences, facts, history] = await Promise.all([
    listAssignmentsOfTasks(db, [row.id]),
    listOccurrencesOfTask(db, row.id),
    listFactsOfTask(db, row.id),
    listHistoryOfTask(db, row.id),
  ]);
  return {
    ...toSummary(row, assignmentRows),
    notes: row.notes,
    leadText: row.leadText,
    coordinatorsText: row.coordinatorsText,
    assignments: assignmentRows.map((a) => ({
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      role: a.role === 'lead' ? 'lead' : 'coordinator',
      viaGroup: a.viaGroup,
    })),
    provenance: row.provenance,
    occurrences,
    facts,
    history: history.map((h) => ({ version: h.version, changedAt: h.changedAt.toISOString(), before: h.before })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
