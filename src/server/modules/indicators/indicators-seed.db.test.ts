import fs from 'node:fs';
import path from 'node:path';
import type { CliContext } from '@server/cli/cli-context';
import { loadConfig } from '@server/config/env';
import type { DatabaseHandle } from '@server/db/client';
import { fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { runImport } from '@server/modules/imports/imports.service';
import type { EvaluationResponse, EvaluationRow } from '@shared/contracts/indicators';
import { createTestDatabase, shouldSkipDbTests } from '@test/test-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateIndicators } from './evaluate-indicators';
import { importIndicatorFiles } from './import-indicator-files';
import { indicatorsEvaluateCommand } from './indicators.cli';
import { getIndicator, listTargets, listValues } from './indicators.service';

const SEED_001 = '001_da84f1939d876bb4.txt';
const seedFile = () => ({ fileName: SEED_001, bytes: fs.readFileSync(path.resolve('fixtures/seeds', SEED_001)) });
const CODE = 'DVC_TOAN_TRINH';
const TODAY = '2025-07-18';

const MINISTRY_NO_TARGET_MAY_JUNE = [
  'Bộ Công an',
  'Bộ Ngoại giao',
  'Bộ Nông nghiệp và Môi trường',
  'Bộ Văn hóa, Thể thao và Du lịch',
  'Bộ Xây dựng',
];

function names(rows: EvaluationRow[]): string[] {
  return rows.map((r) => r.agencyName).sort((a, b) => a.localeCompare(b, 'vi'));
}

function row(result: EvaluationResponse, agencyName: string): EvaluationRow {
  const found = result.rows.find((r) => r.agencyName === agencyName);
  if (!found) {
    throw new Error(`no row for ${agencyName}`);
  }
  return found;
}

describe.skipIf(shouldSkipDbTests())('seed 001 Phụ lục 03 imported and evaluated (facts 11–13)', () => {
  let handle: DatabaseHandle;
  const evaluations = new Map<string, EvaluationResponse>();
  const evaluation = (period: string) => evaluations.get(period) as EvaluationResponse;

  beforeAll(async () => {
    handle = await createTestDatabase();
    // The whole import pipeline: directives and tasks, and (the hook) the indicator tables.
    await runImport(
      { db: handle.db, storage: createMemoryFileStorage(), clock: fixedClock('2025-07-20T02:00:00Z') },
      [seedFile()],
      { dryRun: false },
    );
    for (const period of ['2025-04', '2025-05', '2025-06', '2025-07']) {
      evaluations.set(period, await evaluateIndicators(handle.db, { period, rollUp: false }, { today: TODAY }));
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('stores every row of the three tables: 268 reported rates and 221 registered targets', async () => {
    const values = await listValues(handle.db, CODE, { history: false });
    const targets = await listTargets(handle.db, CODE, { history: false });
    expect(values.items).toHaveLength(15 * 3 + 63 * 3 + 34);
    expect(targets.items).toHaveLength(29 + 181 + 11);
    expect(values.items.every((v) => v.source === 'import' && !v.hasComponents && v.numerator === null)).toBe(true);
    const noiVu = values.items.find((v) => v.agencyName === 'Bộ Nội vụ' && v.period === '2025-06');
    expect(noiVu).toMatchObject({
      value: 67.44,
      note: 'Đạt chỉ tiêu đặt ra theo tháng',
      sourceRef: `${SEED_001}, dòng 1048`,
    });
  });

  it('links the indicators to the tasks of the seed that name them', async () => {
    const dvc = await getIndicator(handle.db, CODE);
    const taskTexts = dvc.links.flatMap((l) => (l.taskText ? [l.taskText] : []));
    expect(taskTexts.length).toBeGreaterThanOrEqual(4);
    expect(taskTexts.every((text) => text.toLowerCase().includes('dịch vụ công trực tuyến toàn trình'))).toBe(true);
    const budget = await getIndicator(handle.db, 'CHI_NSNN_KHCN_CDS');
    expect(budget.links.map((l) => l.directiveKey).filter(Boolean)).toEqual(['57-NQ/TW']);
    expect(budget.links.some((l) => l.taskText?.includes('ít nhất 3% ngân sách'))).toBe(true);
  });

  it('changes nothing when the same file is imported again (through `tiendo indicators import`)', async () => {
    const again = await importIndicatorFiles(
      { db: handle.db, clock: fixedClock('2025-07-21T02:00:00Z') },
      [seedFile()],
      {
        dryRun: false,
        actor: null,
      },
    );
    expect(again.targets).toEqual({ created: 0, updated: 0, unchanged: 221 });
    expect(again.values).toEqual({ created: 0, updated: 0, unchanged: 268 });
    expect(again.tables.map((t) => t.emptyTargets)).toEqual([16, 8, 23]);
  });

  it('PL03a: only Bộ Nội vụ meets its target (June 67.44 against 60); five ministries have none in May and June', () => {
    for (const period of ['2025-04', '2025-05', '2025-06']) {
      const ministries = evaluation(period).rows.filter((r) => r.bloc === 'ministries');
      expect(ministries).toHaveLength(15);
      expect(names(ministries.filter((r) => r.met === true))).toEqual(['Bộ Nội vụ']);
    }
    const june = row(evaluation('2025-06'), 'Bộ Nội vụ');
    expect(june).toMatchObject({ target: 60, value: 67.44, met: true, status: 'met' });
    expect(june.gap).toBeCloseTo(7.44, 9);
    for (const period of ['2025-05', '2025-06']) {
      const noTarget = evaluation(period).rows.filter((r) => r.bloc === 'ministries' && r.target === null);
      expect(names(noTarget)).toEqual(MINISTRY_NO_TARGET_MAY_JUNE);
      expect(
        noTarget.every((r) => r.status === 'no-target' && r.met === null && r.statusLabel === 'Chưa đăng ký chỉ tiêu'),
      ).toBe(true);
    }
    const april = evaluation('2025-04').rows.filter((r) => r.bloc === 'ministries' && r.target === null);
    expect(names(april)).toEqual(
      [...MINISTRY_NO_TARGET_MAY_JUNE, 'Bộ Giáo dục và Đào tạo'].sort((a, b) => a.localeCompare(b, 'vi')),
    );
  });

  it('PL03b: April is met by Quảng Ninh (13.21 = 13.21, only under "≥"), Sơn La, Cần Thơ and Trà Vinh; May by Sơn La; June by none', () => {
    const provinces = (period: string) => evaluation(period).rows.filter((r) => r.bloc === 'provinces');
    expect(provinces('2025-04')).toHaveLength(63);
    expect(names(provinces('2025-04').filter((r) => r.met))).toEqual([
      'Thành phố Cần Thơ',
      'Tỉnh Quảng Ninh',
      'Tỉnh Sơn La',
      'Tỉnh Trà Vinh',
    ]);
    expect(row(evaluation('2025-04'), 'Tỉnh Quảng Ninh')).toMatchObject({
      target: 13.21,
      value: 13.21,
      met: true,
      gap: 0,
    });
    expect(names(provinces('2025-05').filter((r) => r.met))).toEqual(['Tỉnh Sơn La']);
    expect(provinces('2025-06').filter((r) => r.met)).toEqual([]);
    const noTarget = provinces('2025-04').filter((r) => r.status === 'no-target');
    expect(noTarget).toHaveLength(8);
    expect(new Set(noTarget.map((r) => r.note))).toEqual(new Set(['Đặt chỉ tiêu từ tháng 5/2025']));
    expect(noTarget.map((r) => r.target)).toEqual(Array(8).fill(null));
  });

  it('PL03c: July targets only for the 11 non-merged provinces, none met, values to 09/7; Tuyên Quang has none registered', () => {
    const july = evaluation('2025-07');
    expect(july.rows).toHaveLength(34);
    expect(july.rows.filter((r) => r.target !== null)).toHaveLength(11);
    expect(july.rows.filter((r) => r.met === true)).toEqual([]);
    expect(row(july, 'Thành phố Hà Nội')).toMatchObject({ target: 35, value: 0.91, met: false, asOf: '2025-07-09' });
    expect(row(july, 'Tỉnh Tuyên Quang')).toMatchObject({
      target: null,
      value: 19.53,
      met: null,
      status: 'no-target',
      note: 'Tỉnh mới sau sáp nhập, chưa đăng ký tỷ lệ',
    });
  });

  it('does not aggregate rates without numerators and denominators, and shows the totals the report states', () => {
    const june = evaluation('2025-06');
    const bloc = (name: string) => june.blocs.find((b) => b.bloc === name);
    expect(bloc('ministries')).toMatchObject({
      agencies: 15,
      met: 1,
      noTarget: 5,
      value: null,
      included: 0,
      excludedWithoutComponents: 15,
      reported: 51.7,
    });
    expect(bloc('provinces')).toMatchObject({
      agencies: 63,
      met: 0,
      value: null,
      excludedWithoutComponents: 63,
      reported: 15.5,
    });
    expect(bloc('all')).toMatchObject({ agencies: 78, reported: 40.1 });
    expect(bloc('ministries')?.explanation).toContain('không lấy trung bình cộng các tỷ lệ');
    expect(june.indicators[0]).toMatchObject({ code: CODE, nationalTarget: 80, isCumulative: true });
  });

  it('ranks agencies within their bloc and flags misses that lack an explanation', () => {
    const june = evaluation('2025-06');
    expect(row(june, 'Tỉnh Kiên Giang').rank).toBe(1);
    expect(row(june, 'Bộ Nội vụ').rank).toBe(1);
    expect(row(june, 'Bộ Ngoại giao').rank).toBe(14);
    expect(row(june, 'Bộ Dân tộc và Tôn giáo').rank).toBe(14);
    expect(row(june, 'Bộ Y tế')).toMatchObject({ met: false, explanationRequired: true, explanationMissing: true });
    expect(row(june, 'Bộ Công an')).toMatchObject({ explanationRequired: false, explanationMissing: false });
  });

  it('rolls values up to today’s provinces: pass-through for unmerged ones, no invented rate for merged ones', async () => {
    const rolled = await evaluateIndicators(
      handle.db,
      { period: '2025-06', rollUp: true, bloc: 'provinces' },
      { today: TODAY },
    );
    expect(rolled.rows).toHaveLength(34);
    expect(row(rolled, 'Tỉnh Quảng Ninh')).toMatchObject({ target: 25, value: 12.82, met: false });
    const thaiNguyen = row(rolled, 'Tỉnh Thái Nguyên');
    expect(thaiNguyen.value).toBeNull();
    expect(thaiNguyen.target).toBeNull();
    expect(thaiNguyen.targetRule).toBe('denominator-weighted');
    expect(thaiNguyen.rolledUpFrom?.map((a) => a.agencyName).sort()).toEqual(['Tỉnh Bắc Kạn', 'Tỉnh Thái Nguyên']);
    expect(thaiNguyen.note).toContain('không có tử số/mẫu số');
  });

  it('prints `tiendo indicators evaluate --json` as {agency, indicator, period, target, value, met}', async () => {
    const out: string[] = [];
    const ctx: CliContext = {
      config: loadConfig({ dataDir: 'memory://' }),
      json: true,
      io: { out: (t) => out.push(t), err: (t) => out.push(t) },
      openMigratedDatabase: async () => ({ ...handle, close: async () => {} }),
      print: (result) => out.push(JSON.stringify(result)),
    };
    expect(await indicatorsEvaluateCommand.run(ctx, ['--period', '2025-04', '--indicator', CODE])).toBe(0);
    const printed = JSON.parse(out.join('')) as Record<string, unknown>[];
    expect(printed).toHaveLength(78);
    expect(Object.keys(printed[0] ?? {})).toEqual(['agency', 'indicator', 'period', 'target', 'value', 'met']);
    expect(printed.find((p) => p.agency === 'Tỉnh Quảng Ninh')).toEqual({
      agency: 'Tỉnh Quảng Ninh',
      indicator: CODE,
      period: '2025-04',
      target: 13.21,
      value: 13.21,
      met: true,
    });
    expect(printed.find((p) => p.agency === 'Bộ Công an')).toMatchObject({ target: null, value: 49.79, met: null });
    expect(await indicatorsEvaluateCommand.run(ctx, ['--period', '04/2025'])).toBe(2);
  });
});
