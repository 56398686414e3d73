import type { AppDeps } from '@server/app-deps';
import { AppError } from '@server/lib/app-error';
import { sha256Hex } from '@server/lib/ids';
import type { ImportResult } from '@shared/contracts/imports';
import { runImport } from './imports.service';

type UploadMeta = { fileName: string; uploadedAt: string };

const bytesKey = (uploadId: string) => `uploads/${uploadId}`;
const metaKey = (uploadId: string) => `uploads/${uploadId}.json`;

/**
 * Keeps an uploaded file (so a weak connection uploads it once) and returns the dry-run preview.
 * The upload id is the file's SHA-256, so uploading the same file twice gives the same id.
 */
export async function createUpload(
  deps: AppDeps,
  file: { fileName: string; bytes: Buffer },
): Promise<{ uploadId: string; fileName: string; result: ImportResult }> {
  const uploadId = sha256Hex(file.bytes);
  await deps.storage.put(bytesKey(uploadId), file.bytes);
  const meta: UploadMeta = { fileName: file.fileName, uploadedAt: deps.clock.now().toISOString() };
  await deps.storage.put(metaKey(uploadId), Buffer.from(JSON.stringify(meta)));
  const result = await runImport(deps, [file], { dryRun: true });
  return { uploadId, fileName: file.fileName, result };
}

/** Imports a previously uploaded file for real. Throws NOT_FOUND for an unknown upload, IMPORT_FAILED on blocking problems. */
export async function applyUpload(
  deps: AppDeps,
  uploadId: string,
  actor: { userId: string | null; agencyId: string | null; ip?: string | null },
): Promise<ImportResult> {
  if (!(await deps.storage.exists(metaKey(uploadId)))) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy tệp đã tải lên. Vui lòng tải lại.');
  }
  const meta = JSON.parse((await deps.storage.get(metaKey(uploadId))).toString('utf8')) as UploadMeta;
  const bytes = await deps.storage.get(bytesKey(uploadId));
  return runImport(deps, [{ fileName: meta.fileName, bytes }], { dryRun: false, actor });
}
