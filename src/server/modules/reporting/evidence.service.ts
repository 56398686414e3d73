import { AppError } from '@server/lib/app-error';
import { newId, sha256Hex } from '@server/lib/ids';
import type { Actor } from '@server/lib/request-context';
import { recordAudit } from '@server/modules/audit/audit.service';
import type { Evidence } from '@shared/contracts/reporting';
import { cleanText } from '@shared/lib/vn-text';
import { detectEvidenceType, EVIDENCE_MEDIA_TYPES, safeFileName } from './detect-evidence-type';
import { toEvidenceDto } from './reporting.mapper';
import { assertCanFile, canReadReport, readsAllAgencies } from './reporting.policy';
import {
  deleteEvidence,
  findEvidence,
  findReclassification,
  findReport,
  insertEvidence,
  isLeadOfTask,
} from './reporting.repo';
import type { ReportingDeps } from './reporting.service';

/** Largest evidence file accepted (the multipart limit of the server applies too). */
export const DEFAULT_MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export type EvidenceOwner = { reportId: string } | { reclassificationId: string };

/** The agency that owns the evidence target, after checking it may still receive evidence. */
async function ownerAgency(deps: ReportingDeps, actor: Actor, owner: EvidenceOwner): Promise<string> {
  if ('reportId' in owner) {
    const report = await findReport(deps.db, owner.reportId);
    if (!report) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy báo cáo.');
    }
    assertCanFile(actor, report.agencyId);
    if (report.workflowStatus !== 'draft') {
      throw new AppError('INVALID_TRANSITION', 'Chỉ bổ sung minh chứng vào bản nháp; hãy lập bản sửa.');
    }
    return report.agencyId;
  }
  const request = await findReclassification(deps.db, owner.reclassificationId);
  if (!request) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy đề nghị.');
  }
  assertCanFile(actor, request.agencyId);
  if (request.status !== 'pending') {
    throw new AppError('INVALID_TRANSITION', 'Đề nghị đã được quyết định.');
  }
  return request.agencyId;
}

function ownerColumns(owner: EvidenceOwner) {
  return 'reportId' in owner
    ? { reportId: owner.reportId, reclassificationId: null }
    : { reportId: null, reclassificationId: owner.reclassificationId };
}

/**
 * Stores an uploaded evidence file for a draft report (or a pending reclassification request). The type is detected
 * from the bytes (PDF, DOCX, XLSX, PNG, JPEG), never from the name: anything else is UNSUPPORTED_FILE; larger than
 * `maxBytes` is FILE_TOO_LARGE. Files are content-addressed (`evidence/<sha256>`), so the same file is stored once.
 */
export async function uploadEvidence(
  deps: ReportingDeps,
  actor: Actor,
  owner: EvidenceOwner,
  file: { fileName: string; bytes: Buffer },
  maxBytes = DEFAULT_MAX_EVIDENCE_BYTES,
): Promise<Evidence> {
  const agencyId = await ownerAgency(deps, actor, owner);
  if (file.bytes.length > maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `Tệp minh chứng vượt quá ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  }
  if (file.bytes.length === 0) {
    throw new AppError('UNSUPPORTED_FILE', 'Tệp rỗng.');
  }
  const type = detectEvidenceType(file.bytes);
  if (!type) {
    throw new AppError(
      'UNSUPPORTED_FILE',
      'Minh chứng phải là tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh PNG/JPEG (kiểm tra theo nội dung tệp).',
    );
  }
  const sha256 = sha256Hex(file.bytes);
  const storageKey = `evidence/${sha256}`;
  if (!(await deps.storage.exists(storageKey))) {
    await deps.storage.put(storageKey, file.bytes);
  }
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await insertEvidence(tx, {
      id: newId(),
      ...ownerColumns(owner),
      agencyId,
      kind: 'file',
      fileName: safeFileName(cleanText(file.fileName), type),
      storageKey,
      sha256,
      sizeBytes: file.bytes.length,
      detectedType: type,
      mediaType: EVIDENCE_MEDIA_TYPES[type],
      createdByUserId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      { userId: actor.userId, agencyId: actor.agencyId, ip: actor.ip },
      {
        action: 'evidence.upload',
        entityType: 'evidence',
        entityId: inserted.id,
        after: { ...ownerColumns(owner), sha256, sizeBytes: file.bytes.length, detectedType: type },
        at: now,
      },
    );
    return inserted;
  });
  return toEvidenceDto(row);
}

/**
 * Adds a link (http/https only) or a document reference ("Quyết định số 1169/QĐ-TTg ngày 16/6/2025") as evidence.
 * Throws VALIDATION_FAILED for other URL schemes or empty references.
 */
export async function addEvidenceReference(
  deps: ReportingDeps,
  actor: Actor,
  owner: EvidenceOwner,
  input: { kind: 'link' | 'document'; url?: string | undefined; referenceText?: string | undefined },
): Promise<Evidence> {
  const agencyId = await ownerAgency(deps, actor, owner);
  let url: string | null = null;
  let referenceText: string | null = null;
  if (input.kind === 'link') {
    let parsed: URL;
    try {
      parsed = new URL((input.url ?? '').trim());
    } catch {
      throw new AppError('VALIDATION_FAILED', 'Đường dẫn không hợp lệ.');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new AppError('VALIDATION_FAILED', 'Chỉ chấp nhận đường dẫn http:// hoặc https://.');
    }
    url = parsed.toString();
    referenceText = input.referenceText ? cleanText(input.referenceText) : null;
  } else {
    referenceText = cleanText(input.referenceText ?? '');
    if (referenceText.length < 3) {
      throw new AppError('VALIDATION_FAILED', 'Cần ghi số, ký hiệu và ngày của văn bản minh chứng.');
    }
  }
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await insertEvidence(tx, {
      id: newId(),
      ...ownerColumns(owner),
      agencyId,
      kind: input.kind,
      url,
      referenceText,
      createdByUserId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      { userId: actor.userId, agencyId: actor.agencyId, ip: actor.ip },
      { action: 'evidence.add', entityType: 'evidence', entityId: inserted.id, after: { url, referenceText }, at: now },
    );
    return inserted;
  });
  return toEvidenceDto(row);
}

/** Removes evidence from a draft (or a pending request). Throws FORBIDDEN, NOT_FOUND, INVALID_TRANSITION. */
export async function removeEvidence(deps: ReportingDeps, actor: Actor, evidenceId: string): Promise<void> {
  const row = await findEvidence(deps.db, evidenceId);
  if (!row) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy minh chứng.');
  }
  const owner: EvidenceOwner = row.reportId
    ? { reportId: row.reportId }
    : { reclassificationId: row.reclassificationId as string };
  await ownerAgency(deps, actor, owner);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await deleteEvidence(tx, evidenceId);
    await recordAudit(
      tx,
      { userId: actor.userId, agencyId: actor.agencyId, ip: actor.ip },
      { action: 'evidence.remove', entityType: 'evidence', entityId: evidenceId, before: toEvidenceDto(row), at: now },
    );
  });
}

/**
 * The bytes of an evidence file, if the actor may read the report (or request) it belongs to; otherwise NOT_FOUND
 * (the existence of other agencies' evidence is not revealed).
 */
export async function downloadEvidence(
  deps: ReportingDeps,
  actor: Actor,
  evidenceId: string,
): Promise<{ bytes: Buffer; fileName: string; mediaType: string; sha256: string }> {
  const row = await findEvidence(deps.db, evidenceId);
  if (row?.kind !== 'file' || !row.storageKey) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy minh chứng.');
  }
  let visible = readsAllAgencies(actor) || row.agencyId === actor.agencyId;
  if (!visible && row.reportId) {
    const report = await findReport(deps.db, row.reportId);
    visible = !!report && canReadReport(actor, report, await isLeadOfTask(deps.db, actor.agencyId, report.taskId));
  }
  if (!visible) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy minh chứng.');
  }
  return {
    bytes: await deps.storage.get(row.storageKey),
    fileName: row.fileName ?? 'minh-chung',
    mediaType: row.mediaType ?? 'application/octet-stream',
    sha256: row.sha256 ?? '',
  };
}
