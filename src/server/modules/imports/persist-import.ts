import type { Tx } from '@server/db/client';
import { stableId } from '@server/lib/ids';
import type { ImportDirective, ImportList, ImportResult, ImportTask } from '@shared/contracts/imports';
import { parseDocumentReference } from '@shared/domain/document-reference';
import { cleanText, foldText } from '@shared/lib/vn-text';
import {
  deactivateAssignments,
  findDirectivesByKeys,
  findSourceFileBySha,
  findTaskIdsByKeys,
  findTasksByIds,
  insertDirective,
  insertSourceFile,
  insertTaskHistory,
  insertTaskKeys,
  insertTasks,
  listActiveAssignmentsOf,
  listPlacesInFilesNamed,
  listSectionIdsOfDirective,
  listTransfersOfTasks,
  type TaskInsert,
  type TaskRecord,
  updateDirective,
  updateTask,
  upsertAssignments,
  upsertFacts,
  upsertList,
  upsertOccurrences,
  upsertSection,
} from './imports.repo';

export type PersistFile = { fileName: string; sha256: string; bytes: number; mediaType: string; storageKey: string };

export type AgencyIdLookup = (canonicalName: string) => string | null;

export type PersistCounts = { created: number; updated: number; unchanged: number; assignments: number };

/** The identity key of a task: the directive that assigned it and its folded wording (as `taskIdOf` hashes it). */
export function taskIdentityKey(assignedBy: string | null, text: string): string {
  return `${assignedBy ?? ''}|${foldText(text)}`;
}

const SECTION_SEPARATOR = ' › ';
const SECTION_LABEL = /^((?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]?)\s+(.+)$/iu;

function splitSectionLabel(part: string): { label: string | null; title: string } {
  const match = SECTION_LABEL.exec(part);
  if (match?.[1] && match[2] && match[1].length <= 8) {
    return { label: match[1], title: match[2] };
  }
  return { label: null, title: part };
}

/** Fields a later import may fill or change; an empty cell never erases what an earlier list said. */
const MERGEABLE_FIELDS = [
  'text',
  'label',
  'product',
  'notes',
  'leadText',
  'coordinatorsText',
  'deadlineRaw',
  'deadlineKind',
  'deadlineDue',
  'deadlineStart',
  'deadlineRule',
  'sectionId',
] as const satisfies readonly (keyof TaskInsert)[];

function taskSnapshot(row: TaskRecord): Record<string, unknown> {
  const snapshot: Record<string, unknown> = { status: row.status, version: row.version };
  for (const field of MERGEABLE_FIELDS) {
    snapshot[field] = row[field];
  }
  return snapshot;
}

/** Merges the occurrences of one task within an import: the first occurrence wins, later ones fill gaps. */
function mergeOccurrences(list: ImportTask[]): ImportTask {
  const [first, ...rest] = list as [ImportTask, ...ImportTask[]];
  const merged: ImportTask = { ...first, facts: { ...first.facts } };
  for (const t of rest) {
    merged.product ??= t.product;
    merged.notes ??= t.notes;
    merged.label ??= t.label;
    merged.section ??= t.section;
    merged.leadRaw ??= t.leadRaw;
    merged.coordinatorsRaw ??= t.coordinatorsRaw;
    if (merged.lead.length === 0) {
      merged.lead = t.lead;
      merged.leadIds = t.leadIds;
      merged.leadGroups = t.leadGroups;
    }
    if (merged.coordinators.length === 0) {
      merged.coordinators = t.coordinators;
      merged.coordinatorIds = t.coordinatorIds;
    }
    if (merged.deadline.kind === 'none' && t.deadline.kind !== 'none') {
      merged.deadline = t.deadline;
    }
    if (merged.status === 'proposed' && t.status === 'confirmed') {
      merged.status = 'confirmed';
    }
  }
  return merged;
}

type PersistContext = {
  tx: Tx;
  now: Date;
  importRunId: string;
  actorUserId: string | null;
  agencyIdOf: AgencyIdLookup;
  fileIdByName: Map<string, string>;
  directiveIdByKey: Map<string, string>;
  sectionIds: Map<string, Set<string>>;
  sectionPosition: number;
};

async function ensureDirectives(ctx: PersistContext, result: Omit<ImportResult, 'summary'>) {
  const declared = new Map<string, ImportDirective>();
  for (const d of result.directives) {
    declared.set(d.key, d);
  }
  const referenced = new Set<string>();
  for (const list of result.lists) {
    for (const t of list.tasks) {
      referenced.add(t.assignedBy ?? fallbackDirectiveKey(list.file));
    }
  }
  for (const key of referenced) {
    if (!declared.has(key)) {
      const ref = parseDocumentReference(key);
      declared.set(key, {
        key,
        kind: ref?.kind ?? 'khac',
        number: ref?.number ?? null,
        issuedOn: ref?.issuedOn ?? null,
        issuer: ref?.issuer ?? null,
        title: key.startsWith('file:') ? `Chưa rõ văn bản giao nhiệm vụ (tệp ${key.slice(5)})` : key,
        status: 'reference',
        file: null,
        sections: [],
      });
    }
  }
  const existing = new Map((await findDirectivesByKeys(ctx.tx, [...declared.keys()])).map((d) => [d.stableKey, d]));
  for (const [key, d] of declared) {
    const found = existing.get(key);
    const sourceFileId = d.file ? (ctx.fileIdByName.get(d.file) ?? null) : null;
    if (!found) {
      const id = stableId('directive', key);
      await insertDirective(ctx.tx, {
        id,
        stableKey: key,
        kind: d.kind,
        number: d.number,
        issuedOn: d.issuedOn,
        issuer: d.issuer,
        title: d.title,
        status: d.status,
        sourceFileId,
        titleFolded: foldText(`${d.number ?? ''} ${d.title}`),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      ctx.directiveIdByKey.set(key, id);
    } else {
      ctx.directiveIdByKey.set(key, found.id);
      // A directive known only by citation becomes the real thing when its own file is imported.
      const upgrade = found.status === 'reference' && d.status !== 'reference';
      const patch: Partial<typeof found> = {};
      if (upgrade) {
        Object.assign(patch, { status: d.status, kind: d.kind, title: d.title, sourceFileId });
      }
      if (!found.issuedOn && d.issuedOn) {
        patch.issuedOn = d.issuedOn;
      }
      if (!found.issuer && d.issuer) {
        patch.issuer = d.issuer;
      }
      if (!found.number && d.number) {
        patch.number = d.number;
      }
      if (Object.keys(patch).length > 0) {
        const title = patch.title ?? found.title;
        const number = patch.number ?? found.number;
        await updateDirective(ctx.tx, found.id, {
          ...patch,
          titleFolded: foldText(`${number ?? ''} ${title}`),
          version: found.version + 1,
          updatedAt: ctx.now,
        });
      }
    }
    for (const s of d.sections) {
      const path = s.parent ? `${s.parent}${SECTION_SEPARATOR}${sectionText(s)}` : sectionText(s);
      await ensureSectionPath(ctx, key, path);
    }
  }
}

function sectionText(s: { label: string | null; title: string }): string {
  return s.label ? `${s.label} ${s.title}` : s.title;
}

/**
 * Tasks whose assigning directive is unknown are filed under a placeholder directive named after the file, so an
 * edited version of the same file lands on the same placeholder.
 */
export function fallbackDirectiveKey(fileName: string): string {
  return `file:${fileName}`;
}

/** Creates the chain of sections for "I. X › 1. Y" under a directive; returns the innermost section id. */
async function ensureSectionPath(ctx: PersistContext, directiveKey: string, path: string): Promise<string | null> {
  const directiveId = ctx.directiveIdByKey.get(directiveKey);
  if (!directiveId) {
    return null;
  }
  let known = ctx.sectionIds.get(directiveId);
  if (!known) {
    known = await listSectionIdsOfDirective(ctx.tx, directiveId);
    ctx.sectionIds.set(directiveId, known);
  }
  const parts = path
    .split(SECTION_SEPARATOR)
    .map((p) => cleanText(p))
    .filter(Boolean);
  let parentId: string | null = null;
  let prefix = '';
  for (const part of parts) {
    prefix = prefix ? `${prefix}${SECTION_SEPARATOR}${foldText(part)}` : foldText(part);
    const id = stableId('section', `${directiveKey}|${prefix}`);
    if (!known.has(id)) {
      const { label, title } = splitSectionLabel(part);
      await upsertSection(ctx.tx, { id, directiveId, parentId, label, title, position: ctx.sectionPosition++ });
      known.add(id);
    }
    parentId = id;
  }
  return parentId;
}

function cellsOf(task: ImportTask): Record<string, string> {
  const cells: Record<string, string> = {};
  const put = (name: string, value: string | null | undefined) => {
    if (value) {
      cells[name] = value;
    }
  };
  put('STT', task.label);
  put('Nhiệm vụ', task.text);
  put('Cơ quan chủ trì', task.leadRaw ?? task.lead.join(', '));
  put('Cơ quan phối hợp', task.coordinatorsRaw ?? task.coordinators.join(', '));
  put('Sản phẩm', task.product);
  put('Thời hạn', task.deadline.raw);
  put('Ghi chú', task.notes);
  put('Văn bản giao', task.assignedBy);
  put('Tình trạng', task.facts?.status);
  put('Kết quả', task.facts?.result);
  put('Mô tả', task.facts?.description);
  if (task.facts?.unitsNotCompleted?.length) {
    cells['Đơn vị chưa hoàn thành'] = task.facts.unitsNotCompleted.join(', ');
  }
  return cells;
}

type WantedAssignment = { agencyId: string; role: 'lead' | 'coordinator'; viaGroup: string | null };

function wantedAssignments(task: ImportTask, agencyIdOf: AgencyIdLookup): WantedAssignment[] {
  const wanted: WantedAssignment[] = [];
  const leadRawFolded = foldText(task.leadRaw ?? '');
  // The interpreter's ids are the agencies as named on the document's date; re-resolving a name today could pick
  // a namesake (e.g. the Bắc Ninh before and after 1/7/2025).
  for (const [i, name] of task.lead.entries()) {
    const agencyId = task.leadIds?.[i] || agencyIdOf(name);
    if (agencyId) {
      const named = leadRawFolded.includes(foldText(name));
      const viaGroup = !named && task.leadGroups?.length ? (task.leadGroups[0] ?? null) : null;
      wanted.push({ agencyId, role: 'lead', viaGroup });
    }
  }
  for (const [i, name] of task.coordinators.entries()) {
    const agencyId = task.coordinatorIds?.[i] || agencyIdOf(name);
    if (agencyId) {
      wanted.push({ agencyId, role: 'coordinator', viaGroup: null });
    }
  }
  return wanted;
}

/** Word-set overlap of two folded texts (0–1): enough to recognise an edited wording at the same place. */
function wordOverlap(a: string, b: string): number {
  const wa = new Set(a.split(' '));
  const wb = new Set(b.split(' '));
  let shared = 0;
  for (const w of wa) {
    if (wb.has(w)) {
      shared++;
    }
  }
  return shared / Math.max(1, Math.max(wa.size, wb.size));
}

/**
 * Writes an interpreted import inside the caller's transaction. Idempotent: the same input again changes
 * nothing. Tasks are matched by identity key (current or former wording), then by place (same file name,
 * list and row) so an edited re-import updates in place; every replaced version goes to task_history.
 * Returns the counts and the final id of every task (existing ids win over computed ones).
 */
export async function persistImport(
  tx: Tx,
  input: {
    result: Omit<ImportResult, 'summary'>;
    files: PersistFile[];
    importRunId: string;
    actorUserId: string | null;
    now: Date;
    agencyIdOf: AgencyIdLookup;
    /** Count everything but skip the bulk writes (the caller rolls the transaction back anyway). */
    dryRun?: boolean;
  },
): Promise<{ counts: PersistCounts; idMap: Map<string, string> }> {
  const ctx: PersistContext = {
    tx,
    now: input.now,
    importRunId: input.importRunId,
    actorUserId: input.actorUserId,
    agencyIdOf: input.agencyIdOf,
    fileIdByName: new Map(),
    directiveIdByKey: new Map(),
    sectionIds: new Map(),
    sectionPosition: 0,
  };
  for (const f of input.files) {
    const existing = await findSourceFileBySha(tx, f.sha256);
    const id = existing?.id ?? stableId('source-file', f.sha256);
    if (!existing) {
      await insertSourceFile(tx, {
        id,
        sha256: f.sha256,
        fileName: f.fileName,
        mediaType: f.mediaType,
        sizeBytes: f.bytes,
        storageKey: f.storageKey,
        createdAt: input.now,
      });
    }
    ctx.fileIdByName.set(f.fileName, id);
  }
  await ensureDirectives(ctx, input.result);

  // Lists, and the occurrences of every task grouped by its computed id.
  const occurrences = new Map<string, { task: ImportTask; list: ImportList; listId: string }[]>();
  const listPosition = new Map<string, number>();
  for (const list of input.result.lists) {
    const fileId = ctx.fileIdByName.get(list.file);
    if (!fileId) {
      continue;
    }
    const position = listPosition.get(fileId) ?? 0;
    listPosition.set(fileId, position + 1);
    const listId = stableId('source-list', `${fileId}|${position}`);
    await upsertList(tx, {
      id: listId,
      sourceFileId: fileId,
      position,
      kind: list.kind,
      title: list.title,
      line: list.line,
      reportedOn: list.reportedOn ?? null,
    });
    for (const task of list.tasks) {
      const group = occurrences.get(task.id) ?? [];
      group.push({ task, list, listId });
      occurrences.set(task.id, group);
    }
  }

  const counts: PersistCounts = { created: 0, updated: 0, unchanged: 0, assignments: 0 };
  const idMap = new Map<string, string>();
  const keyOf = (t: ImportTask) => taskIdentityKey(t.assignedBy, t.text);
  const keys = [...occurrences.values()].map((group) => keyOf((group[0] as { task: ImportTask }).task));
  const idsByKey = await findTaskIdsByKeys(tx, keys);
  const existingRows = await findTasksByIds(tx, [...new Set(idsByKey.values())]);
  // Places of earlier imports of files with the same names, fetched once: an edited re-import finds its tasks there.
  const unmatchedFiles = new Set<string>();
  for (const group of occurrences.values()) {
    const first = group[0] as { task: ImportTask; list: ImportList };
    if (!idsByKey.has(keyOf(first.task))) {
      unmatchedFiles.add(first.list.file);
    }
  }
  const places = await listPlacesInFilesNamed(tx, [...unmatchedFiles]);
  const placedIds = places.filter((p) => !existingRows.has(p.taskId)).map((p) => p.taskId);
  for (const [id, row] of await findTasksByIds(tx, [...new Set(placedIds)])) {
    existingRows.set(id, row);
  }

  const newTasks: TaskInsert[] = [];
  const taskKeyRows: { key: string; taskId: string }[] = [];
  const occurrenceRows: Parameters<typeof upsertOccurrences>[1] = [];
  const factRows: Parameters<typeof upsertFacts>[1] = [];
  const wantedByTask = new Map<
    string,
    { wanted: WantedAssignment[]; replace: { lead: boolean; coordinator: boolean } }
  >();

  for (const [computedId, group] of occurrences) {
    const first = group[0] as { task: ImportTask; list: ImportList; listId: string };
    const task = mergeOccurrences(group.map((g) => g.task));
    const directiveKey = task.assignedBy ?? fallbackDirectiveKey(first.list.file);
    const directiveId = ctx.directiveIdByKey.get(directiveKey);
    if (!directiveId) {
      continue;
    }
    const key = keyOf(task);
    const textFolded = foldText(task.text);
    const sectionId = task.section ? await ensureSectionPath(ctx, directiveKey, task.section) : null;
    let taskId = idsByKey.get(key) ?? null;
    if (!taskId && task.row !== null) {
      const place = places.find(
        (p) =>
          p.fileName === first.list.file &&
          p.listTitle === first.list.title &&
          p.row === task.row &&
          p.directiveId === directiveId &&
          wordOverlap(p.textFolded, textFolded) >= 0.4,
      );
      taskId = place?.taskId ?? null;
    }
    const existing = taskId ? (existingRows.get(taskId) ?? null) : null;
    const fields: Partial<TaskInsert> = {
      text: task.text,
      label: task.label ?? null,
      product: task.product,
      notes: task.notes ?? null,
      leadText: task.leadRaw ?? null,
      coordinatorsText: task.coordinatorsRaw ?? null,
      deadlineRaw: task.deadline.raw || null,
      deadlineKind: task.deadline.kind,
      deadlineDue: task.deadline.due,
      deadlineStart: task.deadline.start ?? null,
      deadlineRule: task.deadline.rule,
      sectionId,
    };
    let replace = { lead: true, coordinator: true };
    if (!existing) {
      taskId = computedId;
      newTasks.push({
        ...fields,
        id: taskId,
        identityKey: key,
        directiveId,
        position: first.task.row ?? first.task.line ?? 0,
        text: task.text,
        textFolded,
        status: task.status,
        provenance: {
          file: first.list.file,
          sourceFileId: ctx.fileIdByName.get(first.list.file),
          ...(task.line !== null ? { line: task.line } : {}),
          ...(task.row !== null ? { row: task.row } : {}),
          list: first.list.title,
        },
        createdAt: input.now,
        updatedAt: input.now,
      });
      counts.created++;
    } else {
      taskId = existing.id;
      const patch: Partial<TaskInsert> = {};
      for (const field of MERGEABLE_FIELDS) {
        const next = fields[field];
        if (next !== null && next !== undefined && next !== '' && next !== existing[field]) {
          // An unreadable or missing deadline never overwrites a readable one from another list.
          if (field.startsWith('deadline') && (task.deadline.kind === 'none' || task.deadline.kind === 'unreadable')) {
            continue;
          }
          (patch as Record<string, unknown>)[field] = next;
        }
      }
      if (existing.status === 'proposed' && task.status === 'confirmed') {
        patch.status = 'confirmed';
      }
      replace = { lead: 'leadText' in patch, coordinator: 'coordinatorsText' in patch };
      if (Object.keys(patch).length > 0) {
        await insertTaskHistory(tx, {
          id: stableId('task-history', `${taskId}|${existing.version}`),
          taskId,
          version: existing.version,
          before: taskSnapshot(existing),
          importRunId: ctx.importRunId,
          actorUserId: ctx.actorUserId,
          changedAt: input.now,
        });
        if (patch.text) {
          patch.textFolded = textFolded;
          patch.identityKey = key;
        }
        await updateTask(tx, taskId, { ...patch, version: existing.version + 1, updatedAt: input.now });
        counts.updated++;
      } else {
        counts.unchanged++;
      }
    }
    taskKeyRows.push({ key, taskId });
    idMap.set(computedId, taskId);
    wantedByTask.set(taskId, { wanted: wantedAssignments(task, ctx.agencyIdOf), replace });
    for (const occ of group) {
      // Prose tasks have no table row; their line keeps occurrences apart.
      const row = occ.task.row ?? occ.task.line ?? 0;
      occurrenceRows.push({
        id: stableId('task-occurrence', `${occ.listId}|${row}`),
        taskId,
        listId: occ.listId,
        row,
        line: occ.task.line,
        cells: cellsOf(occ.task),
      });
      for (const [kind, value] of Object.entries(occ.task.facts ?? {})) {
        if (value === undefined || (Array.isArray(value) && value.length === 0)) {
          continue;
        }
        factRows.push({
          id: stableId('reported-fact', `${taskId}|${occ.listId}|${kind}`),
          taskId,
          listId: occ.listId,
          kind,
          value,
          reportedOn: occ.list.reportedOn ?? null,
          createdAt: input.now,
        });
      }
    }
  }

  // A preview of a 10,000-row file must come back in seconds: the bulk rows are counted, not written.
  if (!input.dryRun) {
    await insertTasks(tx, newTasks);
    await insertTaskKeys(tx, taskKeyRows);
    await upsertOccurrences(tx, occurrenceRows);
    await upsertFacts(tx, factRows);
  }

  // Assignments: one read of what is active, then the differences in bulk.
  const transfers = await listTransfersOfTasks(tx, [...wantedByTask.keys()]);
  if (transfers.length > 0) {
    const successorOf = new Map(transfers.map((t) => [`${t.taskId}|${t.role}|${t.fromAgencyId}`, t.toAgencyId]));
    for (const [taskId, entry] of wantedByTask) {
      entry.wanted = entry.wanted.map((w) => {
        let agencyId = w.agencyId;
        // Follow chains (merged, then merged again) a bounded number of times.
        for (let hop = 0; hop < 5; hop++) {
          const next = successorOf.get(`${taskId}|${w.role}|${agencyId}`);
          if (!next) {
            break;
          }
          agencyId = next;
        }
        return { ...w, agencyId };
      });
    }
  }
  const active = await listActiveAssignmentsOf(tx, [...wantedByTask.keys()]);
  const activeByTask = new Map<string, typeof active>();
  for (const a of active) {
    const list = activeByTask.get(a.taskId) ?? [];
    list.push(a);
    activeByTask.set(a.taskId, list);
  }
  const stale: string[] = [];
  const upserts: Parameters<typeof upsertAssignments>[1] = [];
  for (const [taskId, { wanted, replace }] of wantedByTask) {
    const current = activeByTask.get(taskId) ?? [];
    for (const a of current) {
      if (
        replace[a.role as 'lead' | 'coordinator'] &&
        !wanted.some((w) => w.agencyId === a.agencyId && w.role === a.role)
      ) {
        stale.push(a.id);
      }
    }
    for (const w of wanted) {
      if (!current.some((a) => a.agencyId === w.agencyId && a.role === w.role)) {
        counts.assignments++;
        upserts.push({
          id: stableId('assignment', `${taskId}|${w.agencyId}|${w.role}`),
          taskId,
          agencyId: w.agencyId,
          role: w.role,
          viaGroup: w.viaGroup,
          createdAt: input.now,
        });
      }
    }
  }
  if (!input.dryRun) {
    await deactivateAssignments(tx, stale);
    await upsertAssignments(tx, upserts);
  }
  return { counts, idMap };
}
