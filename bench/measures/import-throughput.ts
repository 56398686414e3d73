import fs from 'node:fs';
import path from 'node:path';
import { type Db, migrateDatabase, openDatabase } from '@server/db/client';
import { systemClock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { buildDataset } from '@server/modules/generator/generate-dataset';
import ExcelJS from 'exceljs';
import type { BenchContext, BenchMeasure } from '../bench-context';
import { perSecond, round } from '../lib/stats';

const XLSX_ROWS = 10_000;
const SEED_RUNS = 3;
export const XLSX_HEADERS = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời hạn'];

/** Writes a task list of `rows` generated tasks with the usual six columns; returns its path. */
export async function writeTaskWorkbook(dir: string, rows: number): Promise<string> {
  const data = buildDataset({ agencies: 3400, tasks: rows, seed: 11 });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh mục nhiệm vụ');
  sheet.addRow(XLSX_HEADERS);
  data.tasks.forEach((task, i) => {
    sheet.addRow([
      i + 1,
      task.text,
      task.leadText ?? '',
      task.coordinatorsText ?? '',
      task.product ?? '',
      task.deadlineRaw ?? '',
    ]);
  });
  const file = path.join(dir, `danh-muc-${rows}-nhiem-vu.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

type RunImport = typeof import('@server/modules/imports/imports.service').runImport;
type ImportOutcome = Awaited<ReturnType<RunImport>>;

function listRows(result: ImportOutcome): number {
  return result.lists.reduce((sum, list) => sum + list.tasks.length, 0);
}

async function loadRegister(db: Db, ctx: BenchContext): Promise<string> {
  // The reference register loader is optional here: without it names stay unresolved, which costs little.
  const specifier = '@server/modules/demo/reference-data';
  try {
    const mod = (await import(specifier)) as { ensureReferenceAgencies?: (db: Db) => Promise<unknown> };
    if (mod.ensureReferenceAgencies) {
      await mod.ensureReferenceAgencies(db);
      return 'reference';
    }
  } catch (error) {
    ctx.log(`  importThroughput: no reference register (${(error as Error).message.slice(0, 120)})`);
  }
  return 'empty';
}

/**
 * Import throughput (dry run through the whole pipeline: read, interpret, resolve, write and roll back) on the
 * five seed documents and on a generated 10,000-row .xlsx: MB/s and task rows/s.
 */
export const importThroughputMeasure: BenchMeasure = {
  name: 'importThroughput',
  description: `runImport dry run: the 5 seeds (median of ${SEED_RUNS}) and a generated ${XLSX_ROWS}-row .xlsx`,
  async run(ctx) {
    const { runImport } = await import('@server/modules/imports/imports.service');
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateDatabase(handle);
      const register = await loadRegister(handle.db, ctx);
      const deps = { db: handle.db, storage: createMemoryFileStorage(), clock: systemClock };
      const time = async (files: { fileName: string; bytes: Buffer }[]) => {
        const t0 = performance.now();
        const result = await runImport(deps, files, { dryRun: true });
        return { ms: performance.now() - t0, result };
      };

      const seedDir = path.join(ctx.repoDir, 'fixtures/seeds');
      const seeds = fs
        .readdirSync(seedDir)
        .filter((n) => n.endsWith('.txt'))
        .sort()
        .map((fileName) => ({ fileName, bytes: fs.readFileSync(path.join(seedDir, fileName)) }));
      const perFile: Record<string, unknown> = {};
      let totalMs = 0;
      let totalBytes = 0;
      let totalRows = 0;
      for (const seed of seeds) {
        await time([seed]); // warm-up
        const runs: { ms: number; result: ImportOutcome }[] = [];
        for (let i = 0; i < SEED_RUNS; i++) {
          runs.push(await time([seed]));
        }
        runs.sort((a, b) => a.ms - b.ms);
        const median = runs[Math.floor(runs.length / 2)] as { ms: number; result: ImportOutcome };
        const rows = listRows(median.result);
        totalMs += median.ms;
        totalBytes += seed.bytes.length;
        totalRows += rows;
        perFile[seed.fileName] = {
          bytes: seed.bytes.length,
          rows,
          tasks: median.result.summary.tasks,
          problems: median.result.problems.length,
          ms: round(median.ms, 1),
        };
      }

      const xlsxPath = await writeTaskWorkbook(ctx.scratchDir, XLSX_ROWS);
      const xlsxBytes = fs.readFileSync(xlsxPath);
      const xlsxRun = await time([{ fileName: path.basename(xlsxPath), bytes: xlsxBytes }]);
      const xlsxRows = listRows(xlsxRun.result);
      return {
        register,
        seeds: {
          files: seeds.length,
          bytes: totalBytes,
          rows: totalRows,
          ms: round(totalMs, 1),
          mbPerSecond: perSecond(totalBytes / 1e6, totalMs, 3),
          rowsPerSecond: perSecond(totalRows, totalMs),
          perFile,
        },
        xlsx: {
          rowsWritten: XLSX_ROWS,
          bytes: xlsxBytes.length,
          rows: xlsxRows,
          tasks: xlsxRun.result.summary.tasks,
          problems: xlsxRun.result.problems.length,
          ms: round(xlsxRun.ms, 1),
          mbPerSecond: perSecond(xlsxBytes.length / 1e6, xlsxRun.ms, 3),
          rowsPerSecond: perSecond(xlsxRows, xlsxRun.ms),
        },
      };
    } finally {
      await handle.close();
    }
  },
};
