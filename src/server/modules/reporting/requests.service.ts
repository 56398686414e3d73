import { AppError } from '@server/lib/app-error';
import { newId } from '@server/lib/ids';
import type { Actor } from '@server/lib/request-context';
import { recordAudit } from '@server/modules/audit/audit.service';
import { getTaskStatus } from '@server/modules/status/status.service';
import type {
  DecisionSchema,
  ExtensionRequestCreateSchema,
  ExtensionRequestSchema,
  ReclassificationCreateSchema,
  ReclassificationSchema,
} from '@shared/contracts/reporting';
import { businessDateOf, formatIsoDate } from '@shared/lib/vn-format';
import { cleanText } from '@shared/lib/vn-text';
import type { z } from 'zod';
import { toEvidenceDto } from './reporting.mapper';
import { assertCanFile, assertStandingOffice, readsAllAgencies } from './reporting.policy';
import {
  decideExtensionIf,
  decideReclassificationIf,
  type ExtensionRow,
  findAssignmentInfo,
  findExtension,
  findReclassification,
  insertEvidence,
  insertExtension,
  insertNotification,
  insertReclassification,
  listEvidenceOf,
  listExtensionRows,
  listReclassificationRows,
  type ReclassificationRow,
  selectAgencyNamesByIds,
} from './reporting.repo';
import { isUniqueViolation, type ReportingDeps } from './reporting.service';

type ExtensionDto = z.infer<typeof ExtensionRequestSchema>;
type ReclassificationDto = z.infer<typeof ReclassificationSchema>;
type Decision = z.infer<typeof DecisionSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const who = (actor: Actor) => ({ userId: actor.userId, agencyId: actor.agencyId, ip: actor.ip });

function toExtensionDto(row: ExtensionRow, names: Map<string, string>): ExtensionDto {
  return {
    id: row.id,
    assignmentId: row.assignmentId,
    taskId: row.taskId,
    agencyId: row.agencyId,
    agencyName: names.get(row.agencyId) ?? row.agencyId,
    originalDue: row.originalDue,
    requestedDue: row.requestedDue,
    grantedDue: row.grantedDue,
    reasons: row.reasons,
    status: row.status as ExtensionDto['status'],
    decisionReason: row.decisionReason,
    decidedAt: iso(row.decidedAt),
    createdAt: row.createdAt.toISOString(),
    rowVersion: row.rowVersion,
  };
}

async function loadAssignment(deps: ReportingDeps, actor: Actor, assignmentId: string) {
  const info = await findAssignmentInfo(deps.db, assignmentId);
  if (!info?.is_active || info.task_status !== 'confirmed') {
    throw new AppError('NOT_FOUND', 'Không tìm thấy nhiệm vụ được giao.');
  }
  assertCanFile(actor, info.agency_id);
  return info;
}

/**
 * An agency asks the issuing authority to extend its deadline, with reasons. The task's original deadline is kept;
 * one pending request per assignment (CONFLICT otherwise). The new date must be later than the original.
 */
export async function requestExtension(
  deps: ReportingDeps,
  actor: Actor,
  input: z.infer<typeof ExtensionRequestCreateSchema>,
): Promise<ExtensionDto> {
  const info = await loadAssignment(deps, actor, input.assignmentId);
  if (info.deadline_due && input.requestedDue <= info.deadline_due) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Thời hạn đề nghị phải sau thời hạn được giao (${formatIsoDate(info.deadline_due)}).`,
    );
  }
  const now = deps.clock.now();
  try {
    const row = await deps.db.transaction(async (tx) => {
      const inserted = await insertExtension(tx, {
        id: newId(),
        assignmentId: info.id,
        taskId: info.task_id,
        agencyId: info.agency_id,
        originalDue: info.deadline_due,
        requestedDue: input.requestedDue,
        reasons: cleanText(input.reasons),
        requestedByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, who(actor), {
        action: 'extension.request',
        entityType: 'extension_request',
        entityId: inserted.id,
        after: { requestedDue: inserted.requestedDue, originalDue: inserted.originalDue },
        at: now,
      });
      return inserted;
    });
    return toExtensionDto(row, new Map([[info.agency_id, info.agency_name]]));
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', 'Đã có đề nghị gia hạn đang chờ quyết định cho nhiệm vụ này.');
    }
    throw error;
  }
}

/**
 * The standing office grants (optionally to a different date) or refuses an extension; a refusal needs a reason.
 * From `decided_at` on, status is judged against the granted date, and against the original date alongside.
 */
export async function decideExtension(
  deps: ReportingDeps,
  actor: Actor,
  id: string,
  input: Decision,
): Promise<ExtensionDto> {
  assertStandingOffice(actor);
  const current = await findExtension(deps.db, id);
  if (!current) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy đề nghị gia hạn.');
  }
  if (current.status !== 'pending') {
    throw new AppError('INVALID_TRANSITION', 'Đề nghị đã được quyết định.');
  }
  const reason = input.reason ? cleanText(input.reason) : null;
  if (input.decision === 'refused' && !reason) {
    throw new AppError('VALIDATION_FAILED', 'Cần nêu lý do không đồng ý gia hạn.');
  }
  const grantedDue = input.decision === 'granted' ? (input.grantedDue ?? current.requestedDue) : null;
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const updated = await decideExtensionIf(tx, id, input.rowVersion, {
      status: input.decision,
      grantedDue,
      decisionReason: reason,
      decidedByUserId: actor.userId,
      decidedAt: now,
      updatedAt: now,
    });
    if (!updated) {
      throw new AppError('CONFLICT');
    }
    await recordAudit(tx, who(actor), {
      action: `extension.${input.decision === 'granted' ? 'grant' : 'refuse'}`,
      entityType: 'extension_request',
      entityId: id,
      before: { status: 'pending' },
      after: { status: updated.status, grantedDue, reason },
      at: now,
    });
    await insertNotification(tx, {
      id: newId(),
      agencyId: updated.agencyId,
      kind: 'extension-decided',
      title:
        input.decision === 'granted'
          ? `Đồng ý gia hạn đến ${formatIsoDate(grantedDue)}`
          : 'Không đồng ý đề nghị gia hạn',
      body: reason ?? '',
      link: `/tasks/${updated.taskId}`,
      createdAt: now,
      updatedAt: now,
    });
    return updated;
  });
  return toExtensionDto(row, await selectAgencyNamesByIds(deps.db, [row.agencyId]));
}

/** Extension requests visible to the actor (own agency's; all for the standing office and viewers). */
export async function listExtensions(
  deps: ReportingDeps,
  actor: Actor,
  filter: { status?: string | undefined; taskId?: string | undefined },
): Promise<ExtensionDto[]> {
  const rows = await listExtensionRows(deps.db, {
    agencyId: readsAllAgencies(actor) ? null : actor.agencyId,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.taskId ? { taskId: filter.taskId } : {}),
  });
  const names = await selectAgencyNamesByIds(deps.db, [...new Set(rows.map((r) => r.agencyId))]);
  return rows.map((r) => toExtensionDto(r, names));
}

async function toReclassificationDtos(
  deps: ReportingDeps,
  rows: ReclassificationRow[],
): Promise<ReclassificationDto[]> {
  const names = await selectAgencyNamesByIds(deps.db, [...new Set(rows.map((r) => r.agencyId))]);
  const evidence = await listEvidenceOf(deps.db, { reclassificationIds: rows.map((r) => r.id) });
  return rows.map((row) => ({
    id: row.id,
    assignmentId: row.assignmentId,
    taskId: row.taskId,
    agencyId: row.agencyId,
    agencyName: names.get(row.agencyId) ?? row.agencyId,
    fromCategory: row.fromCategory,
    toCategory: row.toCategory as ReclassificationDto['toCategory'],
    reasons: row.reasons,
    completedOn: row.completedOn,
    proposedDue: row.proposedDue,
    status: row.status as ReclassificationDto['status'],
    decisionReason: row.decisionReason,
    decidedAt: iso(row.decidedAt),
    createdAt: row.createdAt.toISOString(),
    rowVersion: row.rowVersion,
    evidence: evidence.filter((e) => e.reclassificationId === row.id).map(toEvidenceDto),
  }));
}

/**
 * An agency asks to move its task to another category (003 Phụ lục 3: "đã hoàn thành", "chưa tới hạn — thực hiện
 * theo lộ trình"), with reasons and evidence (links or document references here; files through the upload route).
 * The category at the time of asking is recorded as `fromCategory`.
 */
export async function requestReclassification(
  deps: ReportingDeps,
  actor: Actor,
  input: z.infer<typeof ReclassificationCreateSchema>,
): Promise<ReclassificationDto> {
  const info = await loadAssignment(deps, actor, input.assignmentId);
  const now = deps.clock.now();
  const today = businessDateOf(now);
  if (input.toCategory === 'completed' && (!input.completedOn || input.completedOn > today)) {
    throw new AppError('VALIDATION_FAILED', 'Cần ngày hoàn thành (không sau hôm nay).');
  }
  if (input.toCategory === 'inProgress' && (!input.proposedDue || input.proposedDue < today)) {
    throw new AppError('VALIDATION_FAILED', 'Cần thời hạn theo lộ trình (không trước hôm nay).');
  }
  const status = await getTaskStatus({ db: deps.db, storage: deps.storage }, info.task_id, today);
  const mine = status.assignments.find((a) => a.assignmentId === info.id);
  const fromCategory = mine?.category ?? status.category;
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await insertReclassification(tx, {
      id: newId(),
      assignmentId: info.id,
      taskId: info.task_id,
      agencyId: info.agency_id,
      fromCategory,
      toCategory: input.toCategory,
      reasons: cleanText(input.reasons),
      completedOn: input.toCategory === 'completed' ? (input.completedOn ?? null) : null,
      proposedDue: input.toCategory === 'inProgress' ? (input.proposedDue ?? null) : null,
      requestedByUserId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    for (const e of input.evidence ?? []) {
      const value = cleanText(e.value);
      if (e.kind === 'link' && !/^https?:\/\//i.test(value)) {
        throw new AppError('VALIDATION_FAILED', 'Chỉ chấp nhận đường dẫn http:// hoặc https://.');
      }
      await insertEvidence(tx, {
        id: newId(),
        reclassificationId: inserted.id,
        agencyId: info.agency_id,
        kind: e.kind,
        url: e.kind === 'link' ? value : null,
        referenceText: e.kind === 'document' ? value : null,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
    }
    await recordAudit(tx, who(actor), {
      action: 'reclassification.request',
      entityType: 'reclassification_request',
      entityId: inserted.id,
      after: { fromCategory, toCategory: input.toCategory },
      at: now,
    });
    return inserted;
  });
  const [dto] = await toReclassificationDtos(deps, [row]);
  return dto as ReclassificationDto;
}

/**
 * The standing office accepts ("granted") or refuses a reclassification; the reason is required either way and kept.
 * An accepted move to "completed" counts as a completion on the stated date from the decision on; an accepted
 * "not yet due" counts as a new deadline (like an extension; the original deadline stays visible).
 */
export async function decideReclassification(
  deps: ReportingDeps,
  actor: Actor,
  id: string,
  input: Decision,
): Promise<ReclassificationDto> {
  assertStandingOffice(actor);
  const current = await findReclassification(deps.db, id);
  if (!current) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy đề nghị.');
  }
  if (current.status !== 'pending') {
    throw new AppError('INVALID_TRANSITION', 'Đề nghị đã được quyết định.');
  }
  const reason = cleanText(input.reason ?? '');
  if (reason.length < 3) {
    throw new AppError('VALIDATION_FAILED', 'Cần nêu lý do của quyết định.');
  }
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const updated = await decideReclassificationIf(tx, id, input.rowVersion, {
      status: input.decision,
      decisionReason: reason,
      decidedByUserId: actor.userId,
      decidedAt: now,
      updatedAt: now,
    });
    if (!updated) {
      throw new AppError('CONFLICT');
    }
    await recordAudit(tx, who(actor), {
      action: `reclassification.${input.decision === 'granted' ? 'accept' : 'refuse'}`,
      entityType: 'reclassification_request',
      entityId: id,
      before: { status: 'pending' },
      after: { status: updated.status, reason },
      at: now,
    });
    await insertNotification(tx, {
      id: newId(),
      agencyId: updated.agencyId,
      kind: 'reclassification-decided',
      title:
        input.decision === 'granted'
          ? 'Đề nghị phân loại lại được chấp nhận'
          : 'Đề nghị phân loại lại không được chấp nhận',
      body: reason,
      link: `/tasks/${updated.taskId}`,
      createdAt: now,
      updatedAt: now,
    });
    return updated;
  });
  const [dto] = await toReclassificationDtos(deps, [row]);
  return dto as ReclassificationDto;
}

/** Reclassification requests visible to the actor. */
export async function listReclassifications(
  deps: ReportingDeps,
  actor: Actor,
  filter: { status?: string | undefined },
): Promise<ReclassificationDto[]> {
  const rows = await listReclassificationRows(deps.db, {
    agencyId: readsAllAgencies(actor) ? null : actor.agencyId,
    ...(filter.status ? { status: filter.status } : {}),
  });
  return toReclassificationDtos(deps, rows);
}
