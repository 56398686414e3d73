import type { Db, DbOrTx } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import type { Clock } from '@server/lib/clock';
import type { FileStorage } from '@server/lib/file-storage';
import { newId, sha256Hex, stableId } from '@server/lib/ids';
import type { Actor } from '@server/lib/request-context';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from '@server/modules/agencies/agency-resolver';
import { interpretDocuments } from '@server/modules/imports/build-import-result';
import { readSourceFile } from '@server/modules/imports/detect-format';
import { ImportReadError } from '@server/modules/imports/import-errors';
import type {
  CandidateListQuery,
  CheckCandidate,
  DecisionRequest,
  DraftCheckItem,
  DraftCheckReport,
  DraftTask,
  DuplicateCandidate,
  DuplicateCandidateDetail,
  DuplicateKind,
  DuplicateTaskRef,
  ScanResult,
  TaskDuplicates,
  TaskLink,
} from '@shared/contracts/duplicates';
import type { DeadlineKind } from '@shared/contracts/imports';
import { normalizeDeadline } from '@shared/domain/deadline';
import { buildCandidateIndex, type CandidateIndex, type StoredTask } from './candidate-index';
import {
  type CandidateRow,
  directiveExists,
  findCandidatesByPairs,
  getCandidate,
  getLink,
  insertAudit,
  insertCandidates,
  insertDecision,
  type LinkRow,
  linksOfTasks,
  listCandidates as listCandidateRows,
  listDecisions,
  loadStoredTasks,
  loadStoredTasksByIds,
  refreshPendingCandidate,
  setCandidateStatus,
  tasksFingerprint,
  updateLink,
  upsertLink,
} from './duplicates.repo';
import { prepareTask, SIMILARITY_THRESHOLDS } from './similarity';

export type DuplicatesDeps = { db: Db; clock: Clock; storage: FileStorage };

type ActorLike = Pick<Actor, 'userId' | 'agencyId'> & { ip?: string | null };

// ---------------------------------------------------------------------------------------------------------------
// The matcher over stored tasks (cached per database, rebuilt when the task table changes)

type CachedIndex = { fingerprint: string; index: CandidateIndex; builtMs: number };
const indexCache = new WeakMap<object, CachedIndex>();
const building = new WeakMap<object, Promise<CachedIndex>>();

/**
 * The candidate index over every stored task. Built on first use (about a second per 10,000 tasks) and reused
 * until the task table changes (count or last update): a check of a draft costs only the lookups.
 */
export async function getCandidateIndex(db: Db): Promise<CandidateIndex> {
  const fingerprint = await tasksFingerprint(db);
  const cached = indexCache.get(db);
  if (cached && cached.fingerprint === fingerprint) {
    return cached.index;
  }
  let pending = building.get(db);
  if (!pending) {
    pending = (async () => {
      const t0 = performance.now();
      const index = buildCandidateIndex(await loadStoredTasks(db));
      const entry = { fingerprint, index, builtMs: performance.now() - t0 };
      indexCache.set(db, entry);
      return entry;
    })().finally(() => building.delete(db));
    building.set(db, pending);
  }
  return (await pending).index;
}

/** Forgets the cached index of `db` (tests; after bulk changes). */
export function invalidateCandidateIndex(db: Db): void {
  indexCache.delete(db);
}

// ---------------------------------------------------------------------------------------------------------------
// Scan a directive → candidate pairs

const orderedPair = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

export function candidateIdOf(taskA: string, taskB: string): string {
  const [a, b] = orderedPair(taskA, taskB);
  return stableId('duplicate-pair', `${a}|${b}`);
}

/**
 * Finds candidate duplicates of every task of a directive, among its own tasks and every other stored task, and
 * records them for review. Business rule: a pair is stored once (ordered `task_a < task_b`); a pair a person
 * already decided is never proposed again, whatever later scans find; a pending pair gets its score refreshed.
 */
export async function scanDirective(
  deps: DuplicatesDeps,
  directiveId: string,
  actor: ActorLike | null,
): Promise<ScanResult> {
  const t0 = performance.now();
  if (!(await directiveExists(deps.db, directiveId))) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy văn bản.');
  }
  const index = await getCandidateIndex(deps.db);
  const own = index.tasks.filter((t) => t.directiveId === directiveId);
  const found = new Map<string, { a: string; b: string; score: number; kind: DuplicateKind; reasons: string[] }>();
  for (const task of own) {
    const i = index.indexOf(task.id);
    if (i === undefined) {
      continue;
    }
    for (const m of index.matches(index.prepared(i), { exclude: (t) => t.id === task.id })) {
      const [a, b] = orderedPair(task.id, m.task.id);
      const key = `${a}|${b}`;
      if (!found.has(key) && m.result.kind !== 'different') {
        found.set(key, { a, b, score: m.result.score, kind: m.result.kind, reasons: m.result.reasons });
      }
    }
  }
  const now = deps.clock.now();
  const pairs = [...found.values()];
  const result = await deps.db.transaction(async (tx) => {
    const existing = await findCandidatesByPairs(
      tx,
      pairs.map((p) => [p.a, p.b]),
    );
    let alreadyDecided = 0;
    const fresh = [];
    for (const p of pairs) {
      const row = existing.get(`${p.a}|${p.b}`);
      if (!row) {
        fresh.push({
          id: candidateIdOf(p.a, p.b),
          taskAId: p.a,
          taskBId: p.b,
          score: p.score,
          suggestedKind: p.kind,
          reasons: p.reasons,
          status: 'pending',
          detectedAt: now,
          lastScannedAt: now,
        });
      } else if (row.status === 'pending') {
        await refreshPendingCandidate(tx, row.id, {
          score: p.score,
          reasons: p.reasons,
          suggestedKind: p.kind,
          lastScannedAt: now,
        });
      } else {
        alreadyDecided++;
      }
    }
    await insertCandidates(tx, fresh);
    const summary: ScanResult = {
      directiveId,
      tasksScanned: own.length,
      pairsFound: pairs.length,
      newCandidates: fresh.length,
      alreadyDecided,
      threshold: SIMILARITY_THRESHOLDS.candidate,
      durationMs: Math.round(performance.now() - t0),
    };
    await insertAudit(tx, {
      at: now,
      actorUserId: actor?.userId ?? null,
      actorAgencyId: actor?.agencyId ?? null,
      action: 'duplicates.scan',
      entityType: 'directive',
      entityId: directiveId,
      before: null,
      after: { ...summary, durationMs: undefined },
      ip: actor?.ip ?? null,
    });
    return summary;
  });
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Review queue and decisions

function taskRefOf(t: StoredTask | undefined, id: string): DuplicateTaskRef {
  return {
    id,
    text: t?.text ?? '',
    directiveId: t?.directiveId ?? '',
    directiveKey: t?.directiveKey ?? '',
    directiveTitle: t?.directiveTitle ?? '',
    leads: [...(t?.leads ?? [])],
    product: t?.product ?? null,
    deadline: {
      raw: t?.deadline?.raw ?? null,
      kind: (t?.deadline?.kind ?? 'none') as DeadlineKind,
      due: t?.deadline?.due ?? null,
    },
  };
}

async function presentCandidates(db: DbOrTx, rows: CandidateRow[]): Promise<DuplicateCandidate[]> {
  const tasks = await loadStoredTasksByIds(db, [...new Set(rows.flatMap((r) => [r.taskAId, r.taskBId]))]);
  return rows.map((r) => ({
    id: r.id,
    score: r.score,
    suggestedKind: r.suggestedKind as DuplicateKind,
    reasons: r.reasons,
    status: r.status as DuplicateCandidate['status'],
    detectedAt: r.detectedAt.toISOString(),
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    taskA: taskRefOf(tasks.get(r.taskAId), r.taskAId),
    taskB: taskRefOf(tasks.get(r.taskBId), r.taskBId),
  }));
}

/** The review queue: candidate pairs with a status (default pending), best score first. */
export async function listCandidates(
  db: DbOrTx,
  query: CandidateListQuery,
): Promise<{ items: DuplicateCandidate[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await listCandidateRows(
    db,
    { status: query.status, directiveId: query.directiveId, taskId: query.taskId, minScore: query.minScore },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: await presentCandidates(db, rows), total, page: query.page, pageSize: query.pageSize };
}

function linkDto(link: LinkRow | null): DuplicateCandidateDetail['link'] {
  return link
    ? {
        id: link.id,
        kind: link.kind as DuplicateKind,
        active: link.active,
        reportsCountForLinked: link.reportsCountForLinked,
      }
    : null;
}

/** One candidate with its decision history and the resulting link. */
export async function getCandidateDetail(db: DbOrTx, id: string): Promise<DuplicateCandidateDetail> {
  const row = await getCandidate(db, id);
  if (!row) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy cặp nhiệm vụ.');
  }
  const [candidate] = await presentCandidates(db, [row]);
  const decisions = await listDecisions(db, id);
  return {
    ...(candidate as DuplicateCandidate),
    decisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision as DuplicateCandidateDetail['decisions'][number]['decision'],
      note: d.note,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt.toISOString(),
    })),
    link: linkDto(await getLink(db, id)),
  };
}

/**
 * A person's decision on a candidate pair. Business rules: every decision is a new row (history kept) and an
 * audit entry with before/after; "duplicate" or "overlap" links the two tasks (neither is deleted, each keeps its
 * directive and deadline); "different" deactivates the link; a later decision reverses an earlier one. By default
 * a report filed for one task counts for a duplicate, not for a partial overlap.
 */
export async function decideCandidate(
  deps: DuplicatesDeps,
  id: string,
  request: DecisionRequest,
  actor: ActorLike | null,
): Promise<DuplicateCandidateDetail> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await getCandidate(tx, id);
    if (!row) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy cặp nhiệm vụ.');
    }
    const linkBefore = await getLink(tx, id);
    await insertDecision(tx, {
      id: newId(),
      candidateId: id,
      decision: request.decision,
      note: request.note ?? null,
      decidedBy: actor?.userId ?? null,
      decidedByAgencyId: actor?.agencyId ?? null,
      decidedAt: now,
    });
    await setCandidateStatus(tx, id, request.decision, now);
    if (request.decision === 'different') {
      if (linkBefore) {
        await updateLink(tx, id, { active: false, updatedAt: now });
      }
    } else {
      await upsertLink(tx, {
        id,
        taskAId: row.taskAId,
        taskBId: row.taskBId,
        kind: request.decision,
        active: true,
        reportsCountForLinked: request.reportsCountForLinked ?? request.decision === 'duplicate',
        createdAt: linkBefore?.createdAt ?? now,
        updatedAt: now,
      });
    }
    const linkAfter = await getLink(tx, id);
    await insertAudit(tx, {
      at: now,
      actorUserId: actor?.userId ?? null,
      actorAgencyId: actor?.agencyId ?? null,
      action: 'duplicates.decide',
      entityType: 'duplicate_candidate',
      entityId: id,
      before: { status: row.status, link: linkDto(linkBefore) },
      after: { status: request.decision, note: request.note ?? null, link: linkDto(linkAfter) },
      ip: actor?.ip ?? null,
    });
  });
  return getCandidateDetail(deps.db, id);
}

/** Turns "a report filed for one task counts for the other" on or off for a link (audited). */
export async function setLinkReportsCount(
  deps: DuplicatesDeps,
  linkId: string,
  value: boolean,
  actor: ActorLike | null,
): Promise<TaskLink['reportsCountForLinked']> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const link = await getLink(tx, linkId);
    if (!link) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy liên kết nhiệm vụ.');
    }
    await updateLink(tx, linkId, { reportsCountForLinked: value, updatedAt: now });
    await insertAudit(tx, {
      at: now,
      actorUserId: actor?.userId ?? null,
      actorAgencyId: actor?.agencyId ?? null,
      action: 'duplicates.link.update',
      entityType: 'task_link',
      entityId: linkId,
      before: { reportsCountForLinked: link.reportsCountForLinked },
      after: { reportsCountForLinked: value },
      ip: actor?.ip ?? null,
    });
  });
  return value;
}

/**
 * The tasks for which a report filed on `taskId` also counts (for the reporting module): every task reachable
 * through active links whose "reports count for linked tasks" setting is on, transitively (A ≡ B ≡ C), without
 * `taskId` itself. A task with no such link gives [].
 */
export async function linkedTaskIds(db: DbOrTx, taskId: string): Promise<string[]> {
  const seen = new Set<string>([taskId]);
  let frontier = [taskId];
  while (frontier.length > 0) {
    const links = await linksOfTasks(db, frontier, true);
    const next: string[] = [];
    for (const l of links) {
      if (!l.reportsCountForLinked) {
        continue;
      }
      for (const other of [l.taskAId, l.taskBId]) {
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  seen.delete(taskId);
  return [...seen].sort();
}

/** Links of a task (active and reversed) and the pairs still waiting for review. */
export async function taskDuplicates(db: DbOrTx, taskId: string): Promise<TaskDuplicates> {
  const exists = await loadStoredTasksByIds(db, [taskId]);
  if (!exists.has(taskId)) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy nhiệm vụ.');
  }
  const links = await linksOfTasks(db, [taskId], false);
  const others = await loadStoredTasksByIds(
    db,
    links.map((l) => (l.taskAId === taskId ? l.taskBId : l.taskAId)),
  );
  const pending = await listCandidates(db, { status: 'pending', taskId, page: 1, pageSize: 100 });
  return {
    taskId,
    links: links.map((l) => {
      const otherId = l.taskAId === taskId ? l.taskBId : l.taskAId;
      return {
        id: l.id,
        kind: l.kind as DuplicateKind,
        reportsCountForLinked: l.reportsCountForLinked,
        active: l.active,
        other: taskRefOf(others.get(otherId), otherId),
      };
    }),
    pending: pending.items,
    linkedTaskIds: await linkedTaskIds(db, taskId),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Check a draft that is not imported

/** How many stored look-alikes a draft task lists at most. */
const MAX_CANDIDATES_PER_DRAFT_TASK = 5;

/** Reads a file with the importer's reader and interpreter (nothing is written) and returns its distinct tasks. */
export async function readDraftTasks(
  db: DbOrTx,
  file: { fileName: string; bytes: Buffer },
): Promise<{ tasks: DraftTask[]; problems: Array<{ code: string; message: string }> }> {
  let doc: Awaited<ReturnType<typeof readSourceFile>>;
  try {
    doc = await readSourceFile(file.fileName, file.bytes);
  } catch (error) {
    if (error instanceof ImportReadError) {
      throw new AppError('UNSUPPORTED_FILE', error.message);
    }
    throw error;
  }
  const resolver = createAgencyResolver(await loadAgencyRegisterSnapshot(db));
  const interpreted = interpretDocuments([doc], { resolver, normalizeDeadline });
  const seen = new Set<string>();
  const tasks: DraftTask[] = [];
  for (const list of interpreted.lists) {
    for (const t of list.tasks) {
      if (seen.has(t.id)) {
        continue;
      }
      seen.add(t.id);
      tasks.push({
        id: t.id,
        list: list.title,
        row: t.row,
        line: t.line,
        section: t.section,
        text: t.text,
        lead: t.lead,
        product: t.product,
        deadline: { raw: t.deadline.raw, kind: t.deadline.kind, due: t.deadline.due },
        assignedBy: t.assignedBy,
      });
    }
  }
  const problems = interpreted.problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({ code: p.code, message: p.message }));
  return { tasks, problems };
}

/** For each draft task, the stored tasks it repeats or overlaps, best first. */
export function matchDraftTasks(index: CandidateIndex, tasks: DraftTask[]): DraftCheckItem[] {
  return tasks.map((task) => {
    const probe = prepareTask({
      id: task.id,
      text: task.text,
      product: task.product,
      leads: task.lead,
      deadline: task.deadline,
      directiveKey: task.assignedBy,
    });
    const candidates: CheckCandidate[] = index
      .matches(probe)
      .filter((m) => m.result.kind !== 'different')
      .slice(0, MAX_CANDIDATES_PER_DRAFT_TASK)
      .map((m) => ({
        taskId: m.task.id,
        directive: m.task.directiveKey,
        directiveTitle: m.task.directiveTitle,
        text: m.task.text,
        lead: [...(m.task.leads ?? [])],
        deadline: { raw: m.task.deadline?.raw ?? null, due: m.task.deadline?.due ?? null },
        score: m.result.score,
        kind: m.result.kind as DuplicateKind,
        reasons: m.result.reasons,
      }));
    return { task, candidates };
  });
}

/**
 * "Check draft": reads a directive document that is not imported and lists, for each of its tasks, the stored
 * tasks it repeats or overlaps (with the reasons), for the drafter and the consultation. Nothing is written to the
 * database.
 */
export async function checkDraft(
  deps: Pick<DuplicatesDeps, 'db' | 'clock'>,
  file: { fileName: string; bytes: Buffer },
): Promise<DraftCheckReport> {
  const { tasks, problems } = await readDraftTasks(deps.db, file);
  const index = await getCandidateIndex(deps.db);
  const items = matchDraftTasks(index, tasks);
  return {
    uploadId: sha256Hex(file.bytes),
    fileName: file.fileName,
    checkedAt: deps.clock.now().toISOString(),
    threshold: SIMILARITY_THRESHOLDS.candidate,
    storedTasks: index.size,
    tasksWithCandidates: items.filter((i) => i.candidates.length > 0).length,
    items,
    problems,
  };
}

const reportKey = (uploadId: string) => `duplicate-checks/${uploadId}.json`;

/** Checks an uploaded draft and keeps the report, so that it can be exported to Word or Excel afterwards. */
export async function createDraftCheck(
  deps: DuplicatesDeps,
  file: { fileName: string; bytes: Buffer },
): Promise<DraftCheckReport> {
  const report = await checkDraft(deps, file);
  await deps.storage.put(reportKey(report.uploadId), Buffer.from(JSON.stringify(report)));
  return report;
}

/** A kept "check draft" report. Throws NOT_FOUND when the upload is unknown. */
export async function getDraftCheck(
  deps: Pick<DuplicatesDeps, 'storage'>,
  uploadId: string,
): Promise<DraftCheckReport> {
  if (!(await deps.storage.exists(reportKey(uploadId)))) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy kết quả kiểm tra dự thảo. Vui lòng tải tệp lên lại.');
  }
  return JSON.parse((await deps.storage.get(reportKey(uploadId))).toString('utf8')) as DraftCheckReport;
}
