import type { Db } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import type { Clock } from '@server/lib/clock';
import type { FileStorage } from '@server/lib/file-storage';
import { newId, sha256Hex, stableId } from '@server/lib/ids';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from '@server/modules/agencies/agency-resolver';
import { storeImportedConsultations } from '@server/modules/consultations/store-imported-consultations';
import { importIndicatorLists } from '@server/modules/indicators/import-indicator-tables';
import type { ImportResult, Problem } from '@shared/contracts/imports';
import { normalizeDeadline } from '@shared/domain/deadline';
import { interpretDocuments } from './build-import-result';
import { readSourceFile } from './detect-format';
import { ImportReadError } from './import-errors';
import { insertAudit, insertImportRun } from './imports.repo';
import { interpretCommentTables } from './interpret-comment-table';
import { type PersistFile, persistImport } from './persist-import';
import type { SourceDocument } from './source-document';

export type ImportFile = { fileName: string; bytes: Buffer };

export type ImportDeps = { db: Db; storage: FileStorage; clock: Clock };

export type ImportOptions = {
  dryRun: boolean;
  actor?: { userId: string | null; agencyId: string | null; ip?: string | null };
};

/** Thrown inside the transaction of a dry run so that everything it wrote is rolled back. */
class DryRunRollback extends Error {
  constructor(readonly payload: { result: ImportResult }) {
    super('dry run');
  }
}

const MEDIA_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  text: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
};

function summarize(problems: Problem[]) {
  return {
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
  };
}

/**
 * Reads, interprets and (unless `dryRun`) stores one or more files as one all-or-nothing import.
 * A dry run executes the very same writes in a transaction that is then rolled back, so its counts are exact.
 * Blocking problems (severity "error", e.g. an unreadable file) make a real import fail with IMPORT_FAILED and
 * leave the database unchanged. Importing the same files again changes nothing.
 */
export async function runImport(deps: ImportDeps, files: ImportFile[], options: ImportOptions): Promise<ImportResult> {
  const problems: Problem[] = [];
  const docs: SourceDocument[] = [];
  const persistFiles: PersistFile[] = [];
  const fileInfos: ImportResult['files'] = [];
  for (const file of files) {
    const sha256 = sha256Hex(file.bytes);
    try {
      const doc = await readSourceFile(file.fileName, file.bytes);
      docs.push(doc);
      persistFiles.push({
        fileName: file.fileName,
        sha256,
        bytes: file.bytes.length,
        mediaType: MEDIA_TYPES[doc.format] ?? 'application/octet-stream',
        storageKey: `sources/${sha256}`,
      });
      fileInfos.push({ file: file.fileName, format: doc.format, bytes: file.bytes.length, sha256 });
    } catch (error) {
      if (!(error instanceof ImportReadError)) {
        throw error;
      }
      fileInfos.push({ file: file.fileName, format: 'unknown', bytes: file.bytes.length, sha256 });
      problems.push({
        file: file.fileName,
        line: null,
        row: null,
        code: error.code,
        message: error.message,
        severity: 'error',
      });
    }
  }

  const snapshot = await loadAgencyRegisterSnapshot(deps.db);
  const resolver = createAgencyResolver(snapshot);
  const interpreted = interpretDocuments(docs, { resolver, normalizeDeadline });
  problems.push(...interpreted.problems);
  const consultations = docs.flatMap((doc) => interpretCommentTables(doc, { resolver }));
  const base = { ...interpreted, consultations, files: fileInfos, problems, dryRun: options.dryRun };
  const taskCount = new Set(interpreted.lists.flatMap((l) => l.tasks.map((t) => t.id))).size;
  const blocking = problems.some((p) => p.severity === 'error');
  if (blocking) {
    const result: ImportResult = {
      ...base,
      summary: { tasks: taskCount, created: 0, updated: 0, unchanged: 0, assignments: 0, ...summarize(problems) },
    };
    if (options.dryRun) {
      return result;
    }
    throw new AppError('IMPORT_FAILED', undefined, result);
  }

  const agencyIdOf = (name: string) => resolver.resolve(name).agency?.id ?? null;
  const now = deps.clock.now();
  const importRunId = newId();
  const apply = async () =>
    deps.db.transaction(async (tx) => {
      const { counts, idMap } = await persistImport(tx, {
        result: base,
        files: persistFiles,
        importRunId,
        actorUserId: options.actor?.userId ?? null,
        now,
        agencyIdOf,
        dryRun: options.dryRun,
      });
      // Indicator tables (the layout of seed 001 Phụ lục 03): targets and values, in the same transaction.
      const indicatorImport = await importIndicatorLists(tx, {
        lists: base.lists,
        docs,
        resolver,
        now,
        actor: options.actor ?? null,
        importRunId: null,
      });
      problems.push(...indicatorImport.problems);
      // Synthesis tables of comments (seed 000): consultees, comments and answers; idempotent by file hash.
      await storeImportedConsultations(tx, consultations, {
        sha256Of: (fileName) => persistFiles.find((f) => f.fileName === fileName)?.sha256 ?? null,
        agencyIdOf,
        now,
      });
      const lists = base.lists.map((list) => ({
        ...list,
        tasks: list.tasks.map((t) => ({ ...t, id: idMap.get(t.id) ?? t.id })),
      }));
      const result: ImportResult = {
        ...base,
        lists,
        summary: { tasks: taskCount, ...counts, ...summarize(problems) },
      };
      if (options.dryRun) {
        throw new DryRunRollback({ result });
      }
      // Written before commit: content-addressed, so a file left behind by a failed commit is harmless.
      for (const [index, pf] of persistFiles.entries()) {
        const bytes = files.find((f) => f.fileName === pf.fileName)?.bytes ?? files[index]?.bytes;
        if (bytes && !(await deps.storage.exists(pf.storageKey))) {
          await deps.storage.put(pf.storageKey, bytes);
        }
      }
      const firstFile = persistFiles[0];
      if (firstFile) {
        await insertImportRun(tx, {
          id: importRunId,
          sourceFileId: stableId('source-file', firstFile.sha256),
          actorUserId: options.actor?.userId ?? null,
          summary: { ...result.summary, files: fileInfos },
          createdAt: now,
        });
      }
      await insertAudit(tx, {
        at: now,
        actorUserId: options.actor?.userId ?? null,
        actorAgencyId: options.actor?.agencyId ?? null,
        action: 'import.apply',
        entityType: 'import_run',
        entityId: importRunId,
        before: null,
        after: { files: fileInfos, summary: result.summary },
        ip: options.actor?.ip ?? null,
      });
      return result;
    });

  try {
    return await apply();
  } catch (error) {
    if (error instanceof DryRunRollback) {
      return error.payload.result;
    }
    throw error;
  }
}
