import type { Db, DbOrTx } from '@server/db/client';
import type { SnapshotIndicatorRow } from '@server/db/schema/index';
import { AppError } from '@server/lib/app-error';
import type { FileStorage } from '@server/lib/file-storage';
import { newId } from '@server/lib/ids';
import type { Actor } from '@server/lib/request-context';
import { recordAudit } from '@server/modules/audit/audit.service';
import { evaluateIndicators } from '@server/modules/indicators/evaluate-indicators';
import { evaluateScope } from '@server/modules/status/status.service';
import type { ChangedTask, Snapshot, SnapshotComparison } from '@shared/contracts/reports';
import { STATUS_CATEGORIES, type StatusCategory } from '@shared/domain/task-status';
import { formatIsoDate } from '@shared/lib/vn-format';
import {
  type CategoryChangeRowDb,
  findSnapshot,
  insertSnapshot,
  insertSnapshotAssignments,
  insertSnapshotTasks,
  listSnapshotRows,
  type SnapshotAssignmentInsert,
  type SnapshotAssignmentRow,
  type SnapshotTaskInsert,
  type SnapshotTaskRow,
  selectAgencyBriefs,
  selectAgencyOverdue,
  selectSnapshotAssignments,
  selectSnapshotTasks,
  selectSnapshotTrend,
  selectTaskChanges,
  selectTaskHeaders,
} from './snapshots.repo';

export type SnapshotDeps = { db: Db; storage: FileStorage; clock: { now: () => Date } };

const COMPLETED = new Set<string>(['completedOnTime', 'completedLate', 'completedUndated']);

export function isCompletedCategory(category: string): boolean {
  return COMPLETED.has(category);
}

/** "2025-07" → "2025-06". */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Indicator evaluation of the cut-off's month and the month before, as frozen rows (empty when nothing is recorded). */
async function freezeIndicators(db: DbOrTx, asOf: string): Promise<SnapshotIndicatorRow[]> {
  const out: SnapshotIndicatorRow[] = [];
  for (const period of [previousPeriod(asOf.slice(0, 7)), asOf.slice(0, 7)]) {
    const result = await evaluateIndicators(db, { period, rollUp: false }, { today: asOf });
    const names = new Map(result.indicators.map((i) => [i.code, i]));
    for (const r of result.rows) {
      if (r.target === null && r.value === null) {
        continue;
      }
      const indicator = names.get(r.indicatorCode);
      out.push({
        indicatorCode: r.indicatorCode,
        indicatorName: indicator?.name ?? r.indicatorCode,
        unitLabel: indicator?.unitLabel ?? '',
        period: r.period,
        agencyId: r.agencyId,
        agencyName: r.agencyName,
        bloc: r.bloc,
        target: r.target,
        value: r.value,
        met: r.met,
        statusLabel: r.statusLabel,
        note: r.note,
      });
    }
  }
  return out;
}

function toSnapshotDto(row: {
  id: string;
  asOf: string;
  label: string;
  createdByUserId: string | null;
  createdByLabel: string | null;
  taskCount: number;
  assignmentCount: number;
  createdAt: Date;
}): Snapshot {
  return {
    id: row.id,
    asOf: row.asOf,
    label: row.label,
    createdByUserId: row.createdByUserId,
    createdByLabel: row.createdByLabel,
    taskCount: row.taskCount,
    assignmentCount: row.assignmentCount,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Freezes the status of every confirmed task and lead assignment as of `asOf` (category, category against the
 * original deadline, due dates, completion date, units not completed, discrepancies), the wording the reports print,
 * and the indicator evaluation of the cut-off's month and the month before; records who made it and when. Rows are
 * written in bulk in one transaction, with its audit row. Later edits to tasks or reports never change a snapshot.
 */
export async function createSnapshot(
  deps: SnapshotDeps,
  input: { asOf: string; label?: string | undefined; actor?: Actor | null; createdByLabel?: string },
): Promise<Snapshot> {
  const { db } = deps;
  const [evaluations, headers, agencies] = await Promise.all([
    evaluateScope({ db, storage: deps.storage }, {}, input.asOf),
    selectTaskHeaders(db, null),
    selectAgencyBriefs(db),
  ]);
  let indicators: SnapshotIndicatorRow[] | null;
  try {
    indicators = await freezeIndicators(db, input.asOf);
  } catch {
    // The indicator module may have no catalogue yet (fresh database): the appendix then says "chưa có số liệu".
    indicators = null;
  }
  const headerById = new Map(headers.map((h) => [h.id, h]));
  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  const id = newId();
  const tasks: SnapshotTaskInsert[] = [];
  const leads: SnapshotAssignmentInsert[] = [];
  for (const e of evaluations) {
    const h = headerById.get(e.taskId);
    if (!h) {
      continue;
    }
    tasks.push({
      snapshotId: id,
      taskId: e.taskId,
      directiveId: h.directive_id,
      directiveLabel: h.directive_label,
      position: h.position,
      text: h.text,
      // The document's own wording ("Các bộ, ngành, địa phương") is what the seeds' tables print; names otherwise.
      leadNames: h.lead_text ?? h.lead_names ?? '',
      coordinatorNames: h.coordinators_text ?? h.coordinator_names ?? '',
      product: h.product,
      deadlineRaw: h.deadline_raw,
      category: e.status.category,
      categoryAgainstOriginal: e.status.categoryAgainstOriginal,
      originalDue: h.deadline_due,
      effectiveDue: e.status.effectiveDue,
      completedOn: e.status.completedOn,
      basis: e.status.basis?.source ?? null,
      unitsNotCompleted: e.unitsNotCompleted.map((u) => u.name),
      discrepancies: e.discrepancies.map((d) => d.message),
    });
    for (const l of e.leads) {
      const agency = agencyById.get(l.agencyId);
      leads.push({
        snapshotId: id,
        assignmentId: l.assignmentId,
        taskId: e.taskId,
        agencyId: l.agencyId,
        agencyName: agency?.name ?? l.agencyId,
        agencyKind: agency?.kind ?? 'other',
        category: l.status.category,
        categoryAgainstOriginal: l.status.categoryAgainstOriginal,
        effectiveDue: l.status.effectiveDue,
        completedOn: l.status.completedOn,
      });
    }
  }
  const createdAt = deps.clock.now();
  const row = {
    id,
    asOf: input.asOf,
    label: input.label ?? `Số liệu tính đến hết ngày ${formatIsoDate(input.asOf)}`,
    createdByUserId: input.actor?.userId ?? null,
    createdByLabel: input.actor ? null : (input.createdByLabel ?? 'cli'),
    taskCount: tasks.length,
    assignmentCount: leads.length,
    indicators,
    createdAt,
    updatedAt: createdAt,
  };
  await db.transaction(async (tx) => {
    await insertSnapshot(tx, row);
    await insertSnapshotTasks(tx, tasks);
    await insertSnapshotAssignments(tx, leads);
    await recordAudit(tx, input.actor ?? null, {
      action: 'snapshot.create',
      entityType: 'snapshot',
      entityId: id,
      after: { asOf: input.asOf, label: row.label, tasks: tasks.length, assignments: leads.length },
      at: createdAt,
    });
  });
  return toSnapshotDto(row);
}

/** The latest snapshots first. */
export async function listSnapshots(db: DbOrTx, limit = 100): Promise<{ items: Snapshot[] }> {
  const rows = await listSnapshotRows(db, limit);
  return { items: rows.map(toSnapshotDto) };
}

export type SnapshotData = {
  snapshot: Snapshot;
  tasks: SnapshotTaskRow[];
  assignments: SnapshotAssignmentRow[];
  indicators: SnapshotIndicatorRow[] | null;
};

/** Everything a report is generated from. Throws NOT_FOUND. */
export async function loadSnapshot(db: DbOrTx, snapshotId: string): Promise<SnapshotData> {
  const row = await findSnapshot(db, snapshotId);
  if (!row) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy bản chốt số liệu.');
  }
  const [tasks, assignments] = await Promise.all([
    selectSnapshotTasks(db, snapshotId),
    selectSnapshotAssignments(db, snapshotId),
  ]);
  return { snapshot: toSnapshotDto(row), tasks, assignments, indicators: row.indicators ?? null };
}

async function getSnapshot(db: DbOrTx, id: string): Promise<Snapshot> {
  const row = await findSnapshot(db, id);
  if (!row) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy bản chốt số liệu.');
  }
  return toSnapshotDto(row);
}

const asCategory = (c: string | null) => (c === null ? null : (c as StatusCategory));

function toChanged(r: CategoryChangeRowDb): ChangedTask {
  return {
    taskId: r.task_id,
    text: r.text,
    directive: r.directive_label,
    fromCategory: asCategory(r.from_category),
    toCategory: r.to_category as StatusCategory,
    fromDue: r.from_due,
    toDue: r.to_due,
  };
}

async function countsOf(db: DbOrTx, id: string) {
  const rows = await selectSnapshotTasks(db, id);
  const counts = Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, 0])) as Record<StatusCategory, number>;
  for (const r of rows) {
    counts[r.category as StatusCategory]++;
  }
  return counts;
}

/**
 * What changed between two snapshots: tasks that changed category, newly overdue, newly completed, deadline changes,
 * tasks new in the later one, and agencies whose overdue lead assignments fell (improved) or rose (slipped).
 * Throws NOT_FOUND.
 */
export async function compareSnapshots(db: DbOrTx, fromId: string, toId: string): Promise<SnapshotComparison> {
  const [from, to] = await Promise.all([getSnapshot(db, fromId), getSnapshot(db, toId)]);
  const [changes, agencyRows, countsFrom, countsTo] = await Promise.all([
    selectTaskChanges(db, fromId, toId),
    selectAgencyOverdue(db, [fromId, toId]),
    countsOf(db, fromId),
    countsOf(db, toId),
  ]);
  const changed = changes.map(toChanged);
  const existing = changed.filter((c) => c.fromCategory !== null);
  const perAgency = new Map<
    string,
    { agencyId: string; agencyName: string; overdueBefore: number; overdueAfter: number }
  >();
  for (const r of agencyRows) {
    const entry = perAgency.get(r.agency_id) ?? {
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      overdueBefore: 0,
      overdueAfter: 0,
    };
    if (r.snapshot_id === fromId) {
      entry.overdueBefore = r.overdue;
    } else {
      entry.overdueAfter = r.overdue;
    }
    perAgency.set(r.agency_id, entry);
  }
  const moves = [...perAgency.values()];
  return {
    from,
    to,
    countsFrom,
    countsTo,
    changedCategory: existing.filter((c) => c.fromCategory !== c.toCategory),
    newlyOverdue: existing.filter((c) => c.toCategory === 'overdue' && c.fromCategory !== 'overdue'),
    newlyCompleted: existing.filter(
      (c) => isCompletedCategory(c.toCategory) && !isCompletedCategory(c.fromCategory ?? ''),
    ),
    deadlineChanged: existing.filter((c) => c.fromDue !== c.toDue),
    newTasks: changed.filter((c) => c.fromCategory === null),
    agenciesImproved: moves
      .filter((m) => m.overdueAfter < m.overdueBefore)
      .sort((a, b) => b.overdueBefore - b.overdueAfter - (a.overdueBefore - a.overdueAfter)),
    agenciesSlipped: moves
      .filter((m) => m.overdueAfter > m.overdueBefore)
      .sort((a, b) => b.overdueAfter - b.overdueBefore - (a.overdueAfter - a.overdueBefore)),
  };
}

/** Task counts per category of the latest `limit` snapshots up to a date (oldest first), for trend charts. */
export function listSnapshotTrend(db: DbOrTx, upTo: string, limit: number) {
  return selectSnapshotTrend(db, upTo, limit);
}
