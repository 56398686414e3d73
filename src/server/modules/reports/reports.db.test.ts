import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliContext } from '@server/cli/cli-context';
import { loadConfig } from '@server/config/env';
import { type DatabaseHandle, queryRows } from '@server/db/client';
import { fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage, type FileStorage } from '@server/lib/file-storage';
import { runImport } from '@server/modules/imports/imports.service';
import { compareSnapshots, createSnapshot } from '@server/modules/snapshots/snapshots.service';
import { createTestDatabase, shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERDUE_COLUMNS } from './report-model';
import { reportMonthlyCommand } from './reports.cli';
import { generateReport } from './reports.service';

const SEEDS = path.resolve('fixtures/seeds');
const AS_OF = '2025-07-18';

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

// CI sets TIENDO_REQUIRE_BROWSER=1: there a missing LibreOffice is a failure, not a skip.
const requireRender = process.env.TIENDO_REQUIRE_BROWSER === '1';
const canRender = hasCommand('libreoffice') && hasCommand('pdftoppm');

/** Rows of the table that follows a heading in mammoth's HTML, as arrays of cell texts. */
function tableAfter(html: string, marker: string): string[][] {
  const at = html.indexOf(marker);
  expect(at).toBeGreaterThan(-1);
  const start = html.indexOf('<table>', at);
  const end = html.indexOf('</table>', start);
  const table = html.slice(start, end);
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) =>
    [...(m[1] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) =>
      (c[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

describe.skipIf(shouldSkipDbTests())('monthly report from a snapshot of the demo data', () => {
  let handle: DatabaseHandle;
  let storage: FileStorage;
  let outDir: string;
  let pl02: { task_id: string; row: number; text: string }[];
  let overdueRows = 0;
  const clock = fixedClock('2025-07-20T02:00:00Z');

  beforeAll(async () => {
    handle = await createTestDatabase();
    storage = createMemoryFileStorage();
    const files = fs
      .readdirSync(SEEDS)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => ({ fileName: f, bytes: fs.readFileSync(path.join(SEEDS, f)) }));
    await runImport({ db: handle.db, storage, clock }, files, { dryRun: false });
    pl02 = await queryRows(
      handle.db,
      sql`select o.task_id, o.row, t.text from task_occurrences o join source_lists l on l.id = o.list_id
          join tasks t on t.id = o.task_id where l.title like 'PHỤ LỤC 02:%' order by o.row`,
    );
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-report-'));
  }, 180_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('`tiendo report monthly --as-of 2025-07-18 --out DIR` writes a .docx and an .xlsx', async () => {
    const printed: string[] = [];
    const ctx: CliContext = {
      config: loadConfig({ dataDir: 'memory://', storageDir: outDir }),
      json: true,
      io: { out: (t) => printed.push(t), err: (t) => printed.push(t) },
      openMigratedDatabase: async () => ({ ...handle, close: async () => {} }),
      print: (result) => printed.push(JSON.stringify(result)),
    };
    expect(await reportMonthlyCommand.run(ctx, ['--as-of', AS_OF, '--out', outDir, '--json'])).toBe(0);
    const result = JSON.parse(printed.at(-1) as string) as {
      ok: boolean;
      files: string[];
      appendices: { code: string; rows: number }[];
    };
    expect(result.ok).toBe(true);
    expect(fs.readdirSync(outDir).sort()).toEqual([`bao-cao-thang-${AS_OF}.docx`, `bao-cao-thang-${AS_OF}.xlsx`]);
    expect(result.appendices.map((a) => a.code)).toEqual(['01', '02', '03', '04', '05', '06']);
    expect(result.appendices.find((a) => a.code === '01')?.rows).toBeGreaterThanOrEqual(76);
  }, 120_000);

  it('the overdue appendix lists the 30 overdue tasks of seed 001 Phụ lục 02 with their units not completed', async () => {
    const { value: html } = await mammoth.convertToHtml({ path: path.join(outDir, `bao-cao-thang-${AS_OF}.docx`) });
    fs.writeFileSync(path.join(outDir, 'report.html'), html);
    const has = (s: string) => html.includes(s);
    expect(has('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe(true);
    expect(has('Độc lập - Tự do - Hạnh phúc')).toBe(true);
    expect(has('<strong>BÁO CÁO</strong>')).toBe(true);
    expect(has('<h1><strong>I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ</strong></h1>')).toBe(true);
    const rows = tableAfter(html, 'PHỤ LỤC 02');
    expect(rows[0]).toEqual(OVERDUE_COLUMNS.map((c) => c.header));
    const texts = rows.slice(1).map((r) => r[1] ?? '');
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    const missing = pl02.filter((t) => !texts.map(norm).includes(norm(t.text)));
    expect(missing.map((t) => t.row)).toEqual([]);
    // All 30 rows of seed 001 PL02 are overdue as of 18/7/2025; the other rows are tasks the status engine also
    // finds overdue by then (003 Phụ lục 1 tasks due Tháng 5/2025 with no later report).
    expect(rows.length - 1).toBeGreaterThanOrEqual(30);
    const row3 = rows.find(
      (r) => (r[1] ?? '').includes('107/2021/NĐ-CP') && (r[1] ?? '').includes('hạ tầng công nghệ thông tin'),
    );
    expect(row3?.[2]).toBe('71/NQ-CP');
    expect(row3?.[4]).toBe('31/5/2025');
    for (const unit of [
      'Bộ Nông nghiệp và Môi trường',
      'Bộ Tài chính',
      'Bộ Y tế',
      'Bộ Giáo dục và Đào tạo',
      'Bộ Dân tộc và Tôn giáo',
      'Tỉnh Đồng Nai',
      'Tỉnh Hà Tĩnh',
      'Tỉnh Bắc Ninh',
      'Tỉnh Thanh Hóa',
      'Tỉnh Ninh Bình',
    ]) {
      expect(row3?.[5]).toContain(unit);
    }
    const strategy = rows.find((r) => norm(r[1] ?? '').startsWith('Rà soát, cập nhật Chiến lược dữ liệu quốc gia'));
    expect(strategy?.[5]).toBe('Bộ Công an');
    // Appendix 01 and the landscape appendices exist with the seed's columns.
    expect(tableAfter(html, 'PHỤ LỤC 01')[0]).toEqual([
      'TT',
      'Tên nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Kết quả dự kiến',
      'Thời gian hoàn thành',
      'Kết quả thực hiện',
      'Mô tả',
    ]);
    expect(tableAfter(html, 'PHỤ LỤC 04')[0]).toEqual([
      'TT',
      'Tên nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Kết quả dự kiến',
      'Thời gian hoàn thành',
    ]);
    overdueRows = rows.length - 1;
  }, 60_000);

  it('the workbook has one sheet per appendix with the same rows, frozen headers, filters and real dates', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(outDir, `bao-cao-thang-${AS_OF}.xlsx`));
    expect(workbook.worksheets.map((w) => w.name).slice(0, 3)).toEqual([
      'PL01 Đã hoàn thành',
      'PL02 Quá hạn',
      'PL03 Chỉ tiêu',
    ]);
    const sheet = workbook.getWorksheet('PL02 Quá hạn') as ExcelJS.Worksheet;
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(OVERDUE_COLUMNS.map((c) => c.header));
    expect(sheet.rowCount - 3).toBe(overdueRows);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.autoFilter).toBeTruthy();
    const due = sheet.getRow(4).getCell(5);
    expect(due.value).toBeInstanceOf(Date);
    expect(due.numFmt).toBe('dd/mm/yyyy');
    const indicators = workbook.getWorksheet('PL03 Chỉ tiêu') as ExcelJS.Worksheet;
    expect(indicators.getColumn(5).numFmt).toBe('#,##0.0');
    const noiVu = indicators
      .getRows(4, indicators.rowCount - 3)
      ?.find((r) => r.getCell(2).value === 'Bộ Nội vụ' && r.getCell(4).value === '06/2025');
    expect(noiVu?.getCell(5).value).toBe(60);
    expect(noiVu?.getCell(6).value).toBe(67.44);
  });

  it.skipIf(!canRender && !requireRender)(
    'the .docx converts to PDF with LibreOffice and renders to several pages',
    () => {
      const docx = path.join(outDir, `bao-cao-thang-${AS_OF}.docx`);
      execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', outDir, docx], {
        timeout: 180_000,
        env: { ...process.env, HOME: outDir },
      });
      const pdf = path.join(outDir, `bao-cao-thang-${AS_OF}.pdf`);
      expect(fs.existsSync(pdf)).toBe(true);
      const pagesDir = path.resolve('.tmp/report-pages');
      fs.rmSync(pagesDir, { recursive: true, force: true });
      fs.mkdirSync(pagesDir, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(pagesDir, 'page')], { timeout: 120_000 });
      const pages = fs.readdirSync(pagesDir).filter((f) => f.endsWith('.png'));
      expect(pages.length).toBeGreaterThan(1);
    },
    240_000,
  );

  it('a report generated again from its snapshot is unchanged by later edits', async () => {
    const deps = { db: handle.db, storage, clock };
    const first = await generateReport(deps, { kind: 'monthly', asOf: AS_OF });
    const textOf = async (bytes: Buffer) => (await mammoth.extractRawText({ buffer: bytes })).value;
    const before = await textOf(first.files[0]?.bytes as Buffer);
    const target = pl02[2] as { task_id: string; text: string };
    await handle.db.execute(sql`update tasks set text = 'Nhiệm vụ đã sửa sau khi chốt' where id = ${target.task_id}`);
    const again = await generateReport(deps, { kind: 'monthly', snapshotId: first.snapshot.id });
    expect((await textOf(again.files[0]?.bytes as Buffer)) === before).toBe(true);
    const fresh = await generateReport(deps, { kind: 'monthly', asOf: AS_OF });
    const freshText = await textOf(fresh.files[0]?.bytes as Buffer);
    expect(freshText.includes('Nhiệm vụ đã sửa sau khi chốt')).toBe(true);
    expect(before.includes('Nhiệm vụ đã sửa sau khi chốt')).toBe(false);
    await handle.db.execute(sql`update tasks set text = ${target.text} where id = ${target.task_id}`);
  }, 60_000);

  it('agency and directive reports come from the same machinery', async () => {
    const deps = { db: handle.db, storage, clock };
    const agency = await generateReport(deps, { kind: 'agency', asOf: AS_OF, agency: 'bo cong an' });
    expect(agency.model.subject).toBe('Kết quả thực hiện nhiệm vụ của Bộ Công an');
    expect(agency.files.map((f) => f.name)).toEqual([`bao-cao-co-quan-${AS_OF}.docx`, `bao-cao-co-quan-${AS_OF}.xlsx`]);
    const own = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from snapshot_assignments where snapshot_id = ${agency.snapshot.id}
            and agency_name = 'Bộ Công an' and category = 'overdue'`,
    );
    expect(agency.model.appendices.find((a) => a.code === '02')?.rows).toHaveLength(own[0]?.n ?? -1);
    // Seed 001 PL02 row 30 ("Rà soát, cập nhật Chiến lược dữ liệu quốc gia") is led by Bộ Công an.
    const texts = agency.model.appendices.find((a) => a.code === '02')?.rows.map((r) => String(r[1])) ?? [];
    expect(texts.some((t) => t.startsWith('Rà soát, cập nhật Chiến lược dữ liệu quốc gia'))).toBe(true);
    const directive = await generateReport(deps, {
      kind: 'directive',
      snapshotId: agency.snapshot.id,
      directive: '71/NQ-CP',
    });
    expect(directive.model.subject).toBe('Kết quả thực hiện nhiệm vụ theo 71/NQ-CP');
    expect(directive.model.appendices.find((a) => a.code === '02')?.rows.every((r) => r[2] === '71/NQ-CP')).toBe(true);
    await expect(
      generateReport(deps, { kind: 'agency', snapshotId: agency.snapshot.id, agency: 'Bộ Không Có' }),
    ).rejects.toThrow(/Không có nhiệm vụ chủ trì/);
  }, 60_000);

  it('comparing 30/6 with 18/7 shows the 16 PL02 tasks that became overdue and the agencies that slipped', async () => {
    const deps = { db: handle.db, storage, clock };
    const june = await createSnapshot(deps, { asOf: '2025-06-30' });
    const july = await createSnapshot(deps, { asOf: AS_OF });
    expect(july.taskCount).toBe(june.taskCount);
    const diff = await compareSnapshots(handle.db, june.id, july.id);
    const pl02Ids = new Set(pl02.map((t) => t.task_id));
    const newlyOverdue = diff.newlyOverdue.filter((c) => pl02Ids.has(c.taskId));
    expect(newlyOverdue).toHaveLength(16);
    expect(newlyOverdue.every((c) => c.fromCategory === 'inProgress' && c.toCategory === 'overdue')).toBe(true);
    expect(diff.countsTo.overdue - diff.countsFrom.overdue).toBe(
      diff.newlyOverdue.length - diff.changedCategory.filter((c) => c.fromCategory === 'overdue').length,
    );
    expect(diff.agenciesSlipped.length).toBeGreaterThan(0);
    expect(diff.agenciesSlipped[0]?.overdueAfter).toBeGreaterThan(diff.agenciesSlipped[0]?.overdueBefore ?? 0);
    const reverse = await compareSnapshots(handle.db, july.id, june.id);
    expect(reverse.agenciesImproved.length).toBe(diff.agenciesSlipped.length);
  }, 120_000);
});
