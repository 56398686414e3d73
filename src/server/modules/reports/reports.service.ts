import type { Db } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import type { FileStorage } from '@server/lib/file-storage';
import type { Actor } from '@server/lib/request-context';
import { createSnapshot, loadSnapshot, type SnapshotData } from '@server/modules/snapshots/snapshots.service';
import { resolveDirective } from '@server/modules/status/status.service';
import type { ReportKind, Snapshot } from '@shared/contracts/reports';
import { cleanText, foldText } from '@shared/lib/vn-text';
import { renderReportDocx } from './render-docx';
import { renderReportXlsx } from './render-xlsx';
import { buildReportModel, type ReportModel, type ReportScope } from './report-model';

export type ReportDeps = { db: Db; storage: FileStorage; clock: { now: () => Date } };

export type ReportRequest = {
  kind: ReportKind;
  /** Make a new snapshot as of this date… */
  asOf?: string | undefined;
  /** …or generate from an existing snapshot (published figures never move). */
  snapshotId?: string | undefined;
  /** Agency report: id or name. */
  agency?: string | undefined;
  /** Directive report: id or number ("71/NQ-CP"). */
  directive?: string | undefined;
  actor?: Actor | null;
  createdByLabel?: string;
};

export type GeneratedFile = { name: string; bytes: Buffer };
export type GeneratedReport = { snapshot: Snapshot; model: ReportModel; files: GeneratedFile[] };

/** Finds the agency of an agency report among the snapshot's lead agencies, by id or by name (spelling-tolerant). */
function resolveAgency(data: SnapshotData, nameOrId: string): { agencyId: string; agencyName: string } {
  const wanted = foldText(cleanText(nameOrId));
  const byId = data.assignments.find((a) => a.agencyId === nameOrId);
  const found = byId ?? data.assignments.find((a) => foldText(a.agencyName) === wanted);
  if (!found) {
    throw new AppError('NOT_FOUND', `Không có nhiệm vụ chủ trì nào của cơ quan "${nameOrId}" trong bản chốt số liệu.`);
  }
  return { agencyId: found.agencyId, agencyName: found.agencyName };
}

async function resolveScope(deps: ReportDeps, data: SnapshotData, request: ReportRequest): Promise<ReportScope> {
  if (request.kind === 'agency') {
    if (!request.agency) {
      throw new AppError('VALIDATION_FAILED', 'Cần chọn cơ quan cho báo cáo theo cơ quan.');
    }
    return { kind: 'agency', ...resolveAgency(data, request.agency) };
  }
  if (request.kind === 'directive') {
    if (!request.directive) {
      throw new AppError('VALIDATION_FAILED', 'Cần chọn văn bản cho báo cáo theo văn bản.');
    }
    const directive = await resolveDirective(deps.db, request.directive);
    const label = data.tasks.find((t) => t.directiveId === directive.id)?.directiveLabel ?? directive.key;
    return { kind: 'directive', directiveId: directive.id, directiveLabel: label };
  }
  return { kind: 'monthly' };
}

/**
 * Generates a report (Word + Excel) from a snapshot: the one named, or a new one made as of `asOf`. The figures,
 * the wording and the appendices come only from the snapshot, so generating again later gives the same document
 * whatever was edited since. Throws NOT_FOUND (snapshot, agency, directive) and VALIDATION_FAILED.
 */
export async function generateReport(deps: ReportDeps, request: ReportRequest): Promise<GeneratedReport> {
  let snapshotId = request.snapshotId;
  if (!snapshotId) {
    if (!request.asOf) {
      throw new AppError('VALIDATION_FAILED', 'Cần ngày chốt số liệu (asOf) hoặc một bản chốt có sẵn.');
    }
    const made = await createSnapshot(deps, {
      asOf: request.asOf,
      actor: request.actor ?? null,
      createdByLabel: request.createdByLabel ?? 'report',
    });
    snapshotId = made.id;
  }
  const data = await loadSnapshot(deps.db, snapshotId);
  const scope = await resolveScope(deps, data, request);
  const model = buildReportModel(data, scope);
  const [docx, xlsx] = await Promise.all([renderReportDocx(model), renderReportXlsx(model)]);
  return {
    snapshot: data.snapshot,
    model,
    files: [
      { name: `${model.fileStem}.docx`, bytes: docx },
      { name: `${model.fileStem}.xlsx`, bytes: xlsx },
    ],
  };
}
