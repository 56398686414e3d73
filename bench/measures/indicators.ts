import fs from 'node:fs';
import path from 'node:path';
import { type Db, migrateDatabase, openDatabase, queryRows } from '@server/db/client';
import { fixedClock } from '@server/lib/clock';
import { agencyKey } from '@server/modules/agencies/agency-key';
import { evaluateIndicators } from '@server/modules/indicators/evaluate-indicators';
import { importIndicatorFiles } from '@server/modules/indicators/import-indicator-files';
import { ensureIndicatorCatalogue } from '@server/modules/indicators/indicators.service';
import { foldText } from '@shared/lib/vn-text';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { BenchMeasure } from '../bench-context';
import { perSecond, round, summarizeLatencies } from '../lib/stats';

const AGENCIES = 3400;
const INDICATORS = 20;
const MONTHS = 12;
const ROUNDS = 2;
const SINGLE_INDICATOR_RUNS = 24;
const SHEET_ROWS = 3400;

/** Agency kinds in the proportions of the real register: ministries, provinces, then communes. */
function kindOf(n: number): { kind: string; prefix: string } {
  if (n <= 30) {
    return { kind: 'ministry', prefix: 'Bộ Thử nghiệm' };
  }
  if (n <= 64) {
    return { kind: 'province', prefix: 'Tỉnh Thử nghiệm' };
  }
  return { kind: 'commune', prefix: 'Xã Thử nghiệm' };
}

function agencyName(n: number): string {
  return `${kindOf(n).prefix} ${String(n).padStart(4, '0')}`;
}

/** 3,400 agencies with unique names (so that a sheet's names all resolve), written straight into the register. */
async function insertAgencies(db: Db): Promise<void> {
  for (let start = 1; start <= AGENCIES; start += 500) {
    const numbers = Array.from({ length: Math.min(500, AGENCIES + 1 - start) }, (_, i) => start + i);
    await db.execute(
      sql`insert into agencies (id, name, kind, name_folded) values ${sql.join(
        numbers.map(
          (n) => sql`(${`bench-agency-${n}`}, ${agencyName(n)}, ${kindOf(n).kind}, ${foldText(agencyName(n))})`,
        ),
        sql`, `,
      )}`,
    );
    await db.execute(
      sql`insert into agency_aliases (id, agency_id, alias, alias_folded, kind) values ${sql.join(
        numbers.map(
          (n) =>
            sql`(${`bench-alias-${n}`}, ${`bench-agency-${n}`}, ${agencyName(n)}, ${agencyKey(agencyName(n))}, 'official-name')`,
        ),
        sql`, `,
      )}`,
    );
  }
}

/** 20 monthly rate indicators; per agency, indicator and month a value with numerator/denominator and (mostly) a target. */
async function insertFigures(db: Db): Promise<{ values: number; targets: number }> {
  for (let i = 1; i <= INDICATORS; i++) {
    const code = `BENCH_${String(i).padStart(2, '0')}`;
    await db.execute(
      sql`insert into indicators (id, code, name, name_folded, unit, unit_label, direction, frequency, is_cumulative,
            numerator_label, denominator_label)
          values (${`bench-ind-${i}`}, ${code}, ${`Chỉ tiêu thử nghiệm ${i}`}, ${`chi tieu thu nghiem ${i}`}, 'percent', '%',
            'higher-better', 'monthly', true, 'Tử số', 'Mẫu số')`,
    );
  }
  for (let m = 1; m <= MONTHS; m++) {
    const period = `2025-${String(m).padStart(2, '0')}`;
    await db.execute(
      sql`insert into indicator_values (id, indicator_id, agency_id, period, year, version, is_current, value, numerator,
            denominator, source, entered_at)
          select md5(a.id || i.id || ${period})::uuid::text, i.id, a.id, ${period}, 2025, 1, true,
            round(n.num::numeric / d.den * 100, 6), n.num, d.den, 'api', now()
          from (select id, row_number() over (order by id) as rn from agencies where id like 'bench-agency-%') a
          cross join (select id, row_number() over (order by id) as ix from indicators where code like 'BENCH_%') i
          cross join lateral (select 100 + ((a.rn * 31 + i.ix * 7 + ${m} * 17) % 5000) as den) d
          cross join lateral (select (d.den * ((a.rn * 7 + i.ix * 3 + ${m} * 13) % 100) / 100)::int as num) n`,
    );
    await db.execute(
      sql`insert into indicator_targets (id, indicator_id, agency_id, period, year, value, version, state, source,
            requested_at)
          select md5('t' || a.id || i.id || ${period})::uuid::text, i.id, a.id, ${period}, 2025,
            20 + (a.rn + i.ix + ${m}) % 60, 1, 'active', 'import', now()
          from (select id, row_number() over (order by id) as rn from agencies where id like 'bench-agency-%') a
          cross join (select id, row_number() over (order by id) as ix from indicators where code like 'BENCH_%') i
          where (a.rn + i.ix * 3 + ${m}) % 10 <> 0`,
    );
  }
  const [counts] = await queryRows<{ values: number; targets: number }>(
    db,
    sql`select (select count(*)::int from indicator_values) as values, (select count(*)::int from indicator_targets) as targets`,
  );
  return counts ?? { values: 0, targets: 0 };
}

/** A Phụ lục 03-style sheet: one row per agency, June target, numerator, denominator, rate, note. */
async function writeSheet(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Hồ sơ trực tuyến toàn trình');
  sheet.addRow([
    'TT',
    'Tên cơ quan',
    'Đặt chỉ tiêu tháng 6',
    'Tử số tháng 6',
    'Mẫu số tháng 6',
    'Tỷ lệ đạt được tháng 6',
    'Ghi chú',
  ]);
  for (let n = 1; n <= SHEET_ROWS; n++) {
    const den = 200 + ((n * 37) % 9000);
    const num = Math.floor((den * ((n * 11) % 100)) / 100);
    sheet.addRow([
      n,
      agencyName(n),
      n % 9 === 0 ? '' : 20 + (n % 60),
      num,
      den,
      Math.round((num / den) * 10000) / 100,
      n % 9 === 0 ? 'Đặt chỉ tiêu từ tháng 7/2025' : '',
    ]);
  }
  const file = path.join(dir, `phu-luc-03-${SHEET_ROWS}-co-quan.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

/**
 * Indicator evaluation at national scale (3,400 agencies × 20 monthly rate indicators × 12 months: 816,000 values
 * with numerators/denominators, ~90 % with a target) on an embedded database, through the evaluation service the
 * API and CLI call: per month all 20 indicators (68,000 rows, p50/p99 over every month, twice), one indicator
 * (3,400 rows, the API's usual call), and the same with roll-up to today's agencies. Then the import of a
 * 3,400-row Phụ lục 03-style .xlsx (dry run and real).
 */
export const indicatorsMeasure: BenchMeasure = {
  name: 'indicators',
  description: `evaluation of ${AGENCIES} agencies × ${INDICATORS} indicators × ${MONTHS} months; import of a ${SHEET_ROWS}-row sheet`,
  async run(ctx) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateDatabase(handle);
      const db = handle.db;
      await ensureIndicatorCatalogue(db);
      const t0 = performance.now();
      await insertAgencies(db);
      const counts = await insertFigures(db);
      const loadMs = performance.now() - t0;
      ctx.log(`  indicators: ${counts.values} values, ${counts.targets} targets loaded in ${Math.round(loadMs)} ms`);

      const options = { today: '2025-07-18' };
      const allSamples: number[] = [];
      let rowsPerPeriod = 0;
      await evaluateIndicators(db, { period: '2025-01', rollUp: false }, options); // warm-up
      for (let round = 0; round < ROUNDS; round++) {
        for (let m = 1; m <= MONTHS; m++) {
          const start = performance.now();
          const result = await evaluateIndicators(
            db,
            { period: `2025-${String(m).padStart(2, '0')}`, rollUp: false },
            options,
          );
          allSamples.push(performance.now() - start);
          rowsPerPeriod = result.rows.length;
        }
      }
      const oneSamples: number[] = [];
      for (let i = 0; i < SINGLE_INDICATOR_RUNS; i++) {
        const m = (i % MONTHS) + 1;
        const start = performance.now();
        await evaluateIndicators(
          db,
          {
            period: `2025-${String(m).padStart(2, '0')}`,
            indicator: `BENCH_${String((i % INDICATORS) + 1).padStart(2, '0')}`,
            rollUp: false,
          },
          options,
        );
        oneSamples.push(performance.now() - start);
      }
      const rollStart = performance.now();
      await evaluateIndicators(db, { period: '2025-06', indicator: 'BENCH_01', rollUp: true }, options);
      const rollUpMs = performance.now() - rollStart;

      const sheet = await writeSheet(ctx.scratchDir);
      const bytes = fs.readFileSync(sheet);
      const file = { fileName: path.basename(sheet), bytes };
      const deps = { db, clock: fixedClock('2025-07-18T03:00:00Z') };
      const importOptions = { indicatorCode: 'DVC_TOAN_TRINH', year: 2025 };
      const dryStart = performance.now();
      const dry = await importIndicatorFiles(deps, [file], { dryRun: true, actor: null, options: importOptions });
      const dryMs = performance.now() - dryStart;
      const realStart = performance.now();
      const real = await importIndicatorFiles(deps, [file], { dryRun: false, actor: null, options: importOptions });
      const realMs = performance.now() - realStart;
      const againStart = performance.now();
      const again = await importIndicatorFiles(deps, [file], { dryRun: false, actor: null, options: importOptions });
      const againMs = performance.now() - againStart;
      return {
        database: 'pglite',
        dataset: { agencies: AGENCIES, indicators: INDICATORS, months: MONTHS, ...counts, loadMs: round(loadMs, 0) },
        evaluatePeriodAllIndicators: { rowsPerEvaluation: rowsPerPeriod, ...summarizeLatencies(allSamples) },
        evaluatePeriodOneIndicator: summarizeLatencies(oneSamples),
        evaluateRollUpOneIndicatorMs: round(rollUpMs, 1),
        importSheet: {
          rows: SHEET_ROWS,
          bytes: bytes.length,
          tables: real.tables.length,
          agencies: real.tables[0]?.agencies ?? 0,
          problems: real.problems.length,
          dryRunMs: round(dryMs, 1),
          dryRunValues: dry.values,
          ms: round(realMs, 1),
          rowsPerSecond: perSecond(SHEET_ROWS, realMs),
          values: real.values,
          targets: real.targets,
          reimportMs: round(againMs, 1),
          reimportUnchanged: again.values.unchanged,
        },
      };
    } finally {
      await handle.close();
    }
  },
};
