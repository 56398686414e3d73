import type { Db } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import type { Clock } from '@server/lib/clock';
import { type Actor, isStandingOffice } from '@server/lib/request-context';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from '@server/modules/agencies/agency-resolver';
import { interpretDocuments } from '@server/modules/imports/build-import-result';
import { readSourceFile } from '@server/modules/imports/detect-format';
import { isImportReadError } from '@server/modules/imports/import-errors';
import type { SourceDocument } from '@server/modules/imports/source-document';
import type { Problem } from '@shared/contracts/imports';
import type { IndicatorImportResult } from '@shared/contracts/indicators';
import { normalizeDeadline } from '@shared/domain/deadline';
import { importIndicatorLists } from './import-indicator-tables';
import type { ReadOptions } from './read-indicator-table';

class DryRunRollback extends Error {
  constructor(readonly result: IndicatorImportResult) {
    super('dry run');
  }
}

/**
 * `tiendo indicators import` and `POST /indicator-imports`: reads .txt/.md/.docx/.xlsx files, finds their
 * indicator tables (the layout of seed 001 Phụ lục 03) and stores targets and values in one transaction. A dry run
 * performs the same writes and rolls them back, so its counts are exact. Only the standing office imports (the
 * CLI runs as the system, `actor` null). Unreadable files are problems; the rest of the import goes on.
 */
export async function importIndicatorFiles(
  deps: { db: Db; clock: Clock },
  files: { fileName: string; bytes: Buffer }[],
  options: { dryRun: boolean; actor: Actor | null; options?: ReadOptions },
): Promise<IndicatorImportResult> {
  if (options.actor && !isStandingOffice(options.actor)) {
    throw new AppError('FORBIDDEN');
  }
  const problems: Problem[] = [];
  const docs: SourceDocument[] = [];
  for (const file of files) {
    try {
      docs.push(await readSourceFile(file.fileName, file.bytes));
    } catch (error) {
      if (!isImportReadError(error)) {
        throw error;
      }
      problems.push(error.toProblem());
    }
  }
  const resolver = createAgencyResolver(await loadAgencyRegisterSnapshot(deps.db));
  // Only the indicator tables are used; the task lists of the same files are the task importer's business.
  const interpreted = interpretDocuments(docs, { resolver, normalizeDeadline });
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const outcome = await importIndicatorLists(tx, {
        lists: interpreted.lists,
        docs,
        resolver,
        now,
        actor: options.actor,
        importRunId: null,
        ...(options.options ? { options: options.options } : {}),
      });
      if (outcome.tables.length === 0 && docs.length > 0) {
        problems.push({
          file: docs.map((d) => d.fileName).join(', '),
          line: null,
          row: null,
          code: 'NO_INDICATOR_TABLE',
          message: 'Không tìm thấy bảng chỉ tiêu (cột “Đặt chỉ tiêu …”, “Tỷ lệ đạt được …”) trong tệp.',
          severity: 'warning',
        });
      }
      const result: IndicatorImportResult = {
        dryRun: options.dryRun,
        ...outcome,
        problems: [...problems, ...outcome.problems],
      };
      if (options.dryRun) {
        throw new DryRunRollback(result);
      }
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) {
      return error.result;
    }
    throw error;
  }
}
