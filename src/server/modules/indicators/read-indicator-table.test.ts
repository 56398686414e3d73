import fs from 'node:fs';
import path from 'node:path';
import {
  buildAgencyRegisterSnapshotFromReference,
  createAgencyResolver,
} from '@server/modules/agencies/agency-resolver';
import { interpretDocuments } from '@server/modules/imports/build-import-result';
import { readTextDocument } from '@server/modules/imports/read-text';
import type { ImportList } from '@shared/contracts/imports';
import { normalizeDeadline } from '@shared/domain/deadline';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_SEEDS } from './indicator-catalogue';
import {
  type CatalogueEntry,
  type ReadIndicatorTable,
  readIndicatorTable,
  type TableCell,
} from './read-indicator-table';

const resolver = createAgencyResolver(buildAgencyRegisterSnapshotFromReference(), { today: () => '2025-07-18' });
const catalogue: CatalogueEntry[] = CATALOGUE_SEEDS.map((s) => ({
  id: s.code,
  code: s.code,
  name: s.name,
  unit: s.unit,
  matchPhrases: s.matchPhrases,
  numeratorLabel: s.numeratorLabel ?? null,
  denominatorLabel: s.denominatorLabel ?? null,
}));

function cell(table: ReadIndicatorTable, name: string, period: string): TableCell {
  const found = table.cells.find((c) => c.nameAsWritten === name && c.period === period);
  if (!found) {
    throw new Error(`no cell ${name} ${period}`);
  }
  return found;
}

describe('readIndicatorTable on seed 001 Phụ lục 03', () => {
  let tables: ReadIndicatorTable[];

  beforeAll(() => {
    const dir = path.resolve('fixtures/seeds');
    const name = fs.readdirSync(dir).find((f) => f.startsWith('001_')) as string;
    const doc = readTextDocument(name, fs.readFileSync(path.join(dir, name), 'utf8'));
    const lists = interpretDocuments([doc], { resolver, normalizeDeadline }).lists.filter(
      (l: ImportList) => l.kind === 'indicator-table',
    );
    tables = lists.map((list) => readIndicatorTable(list, { doc, catalogue, resolver }));
  });

  it('reads the three tables with every row resolved: 15 ministries, 63 pre-merger and 34 post-merger provinces', () => {
    expect(tables.map((t) => [t.rows, t.agencies, t.indicator?.code, t.year])).toEqual([
      [15, 15, 'DVC_TOAN_TRINH', 2025],
      [63, 63, 'DVC_TOAN_TRINH', 2025],
      [34, 34, 'DVC_TOAN_TRINH', 2025],
    ]);
    expect(tables.map((t) => t.periods)).toEqual([
      ['2025-04', '2025-05', '2025-06'],
      ['2025-04', '2025-05', '2025-06'],
      ['2025-07'],
    ]);
    expect(tables.flatMap((t) => t.problems)).toEqual([]);
  });

  it('keeps every target and rate as written, an empty target as "no target" (never 0)', () => {
    const [ministries, provinces, merged] = tables as [ReadIndicatorTable, ReadIndicatorTable, ReadIndicatorTable];
    expect(ministries.cells).toHaveLength(45);
    expect(ministries.cells.filter((c) => c.target !== null)).toHaveLength(29);
    expect(cell(ministries, 'Bộ Nội vụ', '2025-06')).toMatchObject({
      target: 60,
      value: 67.44,
      note: 'Đạt chỉ tiêu đặt ra theo tháng',
    });
    expect(cell(ministries, 'Bộ Công an', '2025-04')).toMatchObject({
      target: null,
      value: 49.79,
      hasTargetColumn: true,
    });
    expect(cell(ministries, 'Bộ Dân tộc và Tôn giáo', '2025-05')).toMatchObject({ target: 94.44, value: 0 });
    expect(cell(ministries, 'Bộ Ngoại giao', '2025-06')).toMatchObject({ target: null, value: 0 });
    expect(provinces.cells).toHaveLength(189);
    const emptyApril = provinces.cells.filter((c) => c.period === '2025-04' && c.target === null);
    expect(emptyApril.map((c) => c.nameAsWritten).sort()).toEqual(
      ['Hà Nam', 'Hưng Yên', 'Nghệ An', 'Quảng Nam', 'TP Hà Nội', 'TP Hồ Chí Minh', 'Vĩnh Phúc', 'Đắk Lắk'].sort(),
    );
    expect(new Set(emptyApril.map((c) => c.note))).toEqual(new Set(['Đặt chỉ tiêu từ tháng 5/2025']));
    expect(cell(provinces, 'Quảng Ninh', '2025-04')).toMatchObject({ target: 13.21, value: 13.21 });
    expect(cell(provinces, 'Ninh Bình', '2025-06')).toMatchObject({ target: 86.95, value: 10.2 });
    expect(cell(provinces, 'Đắk Lắk', '2025-06')).toMatchObject({ target: 39, value: 3.15 });
    expect(merged.cells.filter((c) => c.target !== null).map((c) => c.row)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    expect(cell(merged, 'Thành phố Hà Nội', '2025-07')).toMatchObject({ target: 35, value: 0.91, asOf: '2025-07-09' });
    expect(cell(merged, 'Tuyên Quang', '2025-07')).toMatchObject({
      target: null,
      value: 19.53,
      note: 'Tỉnh mới sau sáp nhập, chưa đăng ký tỷ lệ',
    });
  });

  it('stores rates without numerator/denominator (the seed gives none) and traces each row to its line', () => {
    expect(tables.flatMap((t) => t.cells).every((c) => c.numerator === null && c.denominator === null)).toBe(true);
    expect(cell(tables[0] as ReadIndicatorTable, 'Bộ Công an', '2025-04').line).toBe(998);
    expect(cell(tables[2] as ReadIndicatorTable, 'Thành phố Hà Nội', '2025-07').line).toBe(1799);
  });

  it('resolves names as constituted at the table date: PL03b pre-merger provinces, PL03c post-merger ones', () => {
    const before = cell(tables[1] as ReadIndicatorTable, 'Bắc Kạn', '2025-04');
    expect(before.agencyName).toBe('Tỉnh Bắc Kạn');
    const oldThaiNguyen = cell(tables[1] as ReadIndicatorTable, 'Thái Nguyên', '2025-06').agencyId;
    const newThaiNguyen = cell(tables[2] as ReadIndicatorTable, 'Thái Nguyên', '2025-07').agencyId;
    expect(oldThaiNguyen).not.toBe(newThaiNguyen);
    expect(resolver.rollUp(before.agencyId, '2025-07-18').map((a) => a.id)).toEqual([newThaiNguyen]);
  });

  it('keeps the bloc totals the report states as reported facts (40.1 %, 51,7 %, 15.5 % for June)', () => {
    expect(tables[0]?.reportedAggregates.map((a) => [a.scope, a.period, a.value])).toEqual([
      ['national', '2025-06', 40.1],
      ['ministries', '2025-06', 51.7],
      ['provinces', '2025-06', 15.5],
    ]);
    expect(tables[1]?.reportedAggregates).toEqual([]);
  });
});

describe('readIndicatorTable on other layouts', () => {
  const list = (
    columns: string[],
    rows: string[][],
    title = 'Bảng số liệu hồ sơ trực tuyến toàn trình năm 2025',
  ): ImportList => ({
    file: 'bang.xlsx',
    kind: 'indicator-table',
    title,
    line: 1,
    assignedBy: null,
    columns,
    tasks: [],
    rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? '']))),
  });

  it('reads numerator and denominator columns, comma decimals and reports unknown agencies and bad numbers', () => {
    const table = readIndicatorTable(
      list(
        [
          'STT',
          'Tên cơ quan',
          'Đặt chỉ tiêu tháng 6',
          'Tử số tháng 6',
          'Mẫu số tháng 6',
          'Tỷ lệ đạt được tháng 6',
          'Ghi chú',
        ],
        [
          ['1', 'Bộ Tư pháp', '86', '6.077', '10.000', '60,77', ''],
          ['2', 'Bộ Không Tồn Tại', '50', '1', '2', '50', ''],
          ['3', 'Tỉnh Hà Tĩnh', '40', '', '', 'không rõ', ''],
          ['', 'Tổng cộng', '', '', '', '41,2', ''],
        ],
      ),
      { catalogue, resolver },
    );
    expect(table.cells).toHaveLength(2);
    expect(table.cells[0]).toMatchObject({
      period: '2025-06',
      target: 86,
      numerator: 6077,
      denominator: 10000,
      value: 60.77,
    });
    expect(table.cells[1]).toMatchObject({ agencyName: 'Tỉnh Hà Tĩnh', target: 40, value: null });
    expect(table.problems.map((p) => p.code)).toEqual(['UNKNOWN_AGENCY', 'VALUE_UNREADABLE']);
  });

  it('asks for the indicator when the title does not name one, and for the year when nothing gives it', () => {
    const unknown = readIndicatorTable(
      list(['TT', 'Tỉnh', 'Đặt chỉ tiêu tháng 4'], [['1', 'Sơn La', '30']], 'Bảng 1'),
      {
        catalogue,
        resolver,
      },
    );
    expect(unknown.problems.map((p) => p.code)).toEqual(['INDICATOR_UNKNOWN']);
    const noYear = readIndicatorTable(list(['TT', 'Tỉnh', 'Đặt chỉ tiêu tháng 4'], [['1', 'Sơn La', '30']], 'Bảng 1'), {
      catalogue,
      resolver,
      options: { indicatorCode: 'DVC_TOAN_TRINH' },
    });
    expect(noYear.problems.map((p) => p.code)).toEqual(['INDICATOR_YEAR_UNKNOWN']);
    const withYear = readIndicatorTable(
      list(['TT', 'Tỉnh', 'Đặt chỉ tiêu tháng 4'], [['1', 'Sơn La', '30']], 'Bảng 1'),
      {
        catalogue,
        resolver,
        options: { indicatorCode: 'DVC_TOAN_TRINH', year: 2025 },
      },
    );
    expect(withYear.cells).toMatchObject([{ period: '2025-04', target: 30, value: null }]);
  });
});
