import fs from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand, CliContext } from '@server/cli/cli-context';
import { AppError } from '@server/lib/app-error';
import { systemClock } from '@server/lib/clock';
import { ensureReferenceAgencies } from '@server/modules/demo/reference-data';
import {
  BlocSchema,
  type CliEvaluationRow,
  IndicatorCodeSchema,
  type IndicatorImportResult,
} from '@shared/contracts/indicators';
import {
  BLOC_LABELS,
  EVALUATION_STATUS_LABELS,
  NO_TARGET_LABEL,
  parsePeriod,
} from '@shared/domain/indicator-evaluation';
import { businessDateOf, formatNumber } from '@shared/lib/vn-format';
import { evaluateIndicators } from './evaluate-indicators';
import { importIndicatorFiles } from './import-indicator-files';
import { ensureIndicatorCatalogue } from './indicators.service';

class UsageError extends Error {}

type Flags = { positional: string[]; values: Map<string, string>; switches: Set<string> };

function parseFlags(args: string[], valued: readonly string[], switches: readonly string[]): Flags {
  const out: Flags = { positional: [], values: new Map(), switches: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      out.positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (switches.includes(flag)) {
      out.switches.add(flag);
      continue;
    }
    if (!valued.includes(flag)) {
      throw new UsageError(`Tùy chọn không hợp lệ: ${flag}`);
    }
    const value = inline ?? args[++i];
    if (value === undefined) {
      throw new UsageError(`Thiếu giá trị cho ${flag}`);
    }
    out.values.set(flag, value);
  }
  return out;
}

async function withUsage(ctx: CliContext, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const usageError = error instanceof UsageError;
    const appError = error instanceof AppError;
    if (!usageError && !appError) {
      throw error;
    }
    const code = usageError ? 'USAGE' : error.code;
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ ok: false, error: { code, message: error.message } }));
    } else {
      ctx.io.err(usageError ? `${error.message}\nCách dùng: ${usage}` : `Lỗi: ${error.message}`);
    }
    return usageError ? 2 : 1;
  }
}

function number(value: number | null, digits = 2): string {
  return value === null ? '—' : formatNumber(Math.round(value * 10 ** digits) / 10 ** digits);
}

const EVALUATE_USAGE =
  'tiendo indicators evaluate --period YYYY-MM [--indicator MÃ] [--bloc ministries|provinces] [--roll-up] [--json]';

/**
 * `tiendo indicators evaluate`: per agency and indicator of the period, `{agency, indicator, period, target, value,
 * met}` (met true/false, or null when no target is registered or no value reported). Stable shape.
 */
export const indicatorsEvaluateCommand: CliCommand = {
  name: 'indicators evaluate',
  summary: 'Đánh giá chỉ tiêu theo kỳ: từng cơ quan đạt / chưa đạt / chưa đăng ký chỉ tiêu / chưa có số liệu',
  usage: EVALUATE_USAGE,
  run: (ctx, args) =>
    withUsage(ctx, EVALUATE_USAGE, async () => {
      const flags = parseFlags(args, ['--period', '--indicator', '--bloc'], ['--roll-up']);
      if (flags.positional.length > 0) {
        throw new UsageError(`Tham số thừa: ${flags.positional.join(' ')}`);
      }
      const period = flags.values.get('--period');
      if (!period || !parsePeriod(period)) {
        throw new UsageError('Cần --period YYYY-MM (hoặc YYYY-Qn, YYYY).');
      }
      const indicator = flags.values.get('--indicator');
      if (indicator !== undefined && !IndicatorCodeSchema.safeParse(indicator).success) {
        throw new UsageError(`Mã chỉ tiêu không hợp lệ: ${indicator}`);
      }
      const blocText = flags.values.get('--bloc');
      const bloc = blocText === undefined ? undefined : BlocSchema.safeParse(blocText);
      if (bloc && !bloc.success) {
        throw new UsageError(`Khối không hợp lệ: ${blocText} (${BlocSchema.options.join(', ')})`);
      }
      const handle = await ctx.openMigratedDatabase();
      try {
        await ensureIndicatorCatalogue(handle.db);
        const result = await evaluateIndicators(
          handle.db,
          {
            period,
            rollUp: flags.switches.has('--roll-up'),
            ...(indicator ? { indicator } : {}),
            ...(bloc?.success ? { bloc: bloc.data } : {}),
          },
          { today: businessDateOf(new Date()) },
        );
        const rows: CliEvaluationRow[] = result.rows.map((r) => ({
          agency: r.agencyName,
          indicator: r.indicatorCode,
          period: r.period,
          target: r.target,
          value: r.value,
          met: r.met,
        }));
        ctx.print(rows, () => {
          const lines = result.rows.map((r) => {
            const target = r.target === null ? NO_TARGET_LABEL : `chỉ tiêu ${number(r.target)}`;
            const partial = r.asOf ? ` (đến ${r.asOf})` : '';
            return `${r.indicatorCode}  ${r.agencyName.padEnd(36)} ${target.padEnd(22)} đạt được ${number(r.value)}${partial} → ${EVALUATION_STATUS_LABELS[r.status]}`;
          });
          const blocs = result.blocs.map((b) => {
            const label = b.bloc === 'all' ? 'Tất cả' : BLOC_LABELS[b.bloc];
            return `${b.indicatorCode}  ${label}: ${b.met}/${b.agencies} đạt, ${b.notMet} chưa đạt, ${b.noTarget} chưa đăng ký chỉ tiêu, ${b.noData} chưa có số liệu; tổng hợp: ${number(b.value)}${b.reported !== null ? ` (báo cáo ghi ${number(b.reported)})` : ''} — ${b.explanation}`;
          });
          return [...lines, '', ...blocs, `Kỳ ${result.period}: ${result.rows.length} dòng.`].join('\n');
        });
        return 0;
      } finally {
        await handle.close();
      }
    }),
};

const IMPORT_USAGE = 'tiendo indicators import FILE… [--dry-run] [--indicator MÃ] [--year YYYY] [--json]';

function describeImport(result: IndicatorImportResult): string {
  const lines = [
    `${result.dryRun ? 'CHẠY THỬ (không ghi dữ liệu)' : 'ĐÃ NHẬP'}: ${result.tables.length} bảng chỉ tiêu`,
    ...result.tables.map(
      (t) =>
        `  • ${t.title} — ${t.indicatorCode ?? 'không rõ chỉ tiêu'}, ${t.rows} hàng, kỳ ${t.periods.join(', ') || '—'}: ` +
        `${t.targets} chỉ tiêu (${t.emptyTargets} ô trống: chưa đăng ký chỉ tiêu), ${t.values} số liệu ` +
        `(${t.valuesWithoutComponents} chỉ có tỷ lệ, không có tử số/mẫu số)`,
    ),
    `Chỉ tiêu đăng ký: thêm ${result.targets.created}, đổi ${result.targets.updated}, giữ nguyên ${result.targets.unchanged}`,
    `Số liệu: thêm ${result.values.created}, đính chính ${result.values.updated}, giữ nguyên ${result.values.unchanged}`,
  ];
  for (const p of result.problems.slice(0, 50)) {
    lines.push(
      `  ${p.severity === 'error' ? '✗' : '!'} ${p.file}${p.line ? ` (dòng ${p.line})` : ''} ${p.code}: ${p.message}`,
    );
  }
  return lines.join('\n');
}

/** `tiendo indicators import`: Phụ lục 03-style tables (targets and achieved rates per agency and month). */
export const indicatorsImportCommand: CliCommand = {
  name: 'indicators import',
  summary: 'Nhập bảng chỉ tiêu theo mẫu Phụ lục 03 (chỉ tiêu đăng ký, tỷ lệ đạt được theo tháng của từng cơ quan)',
  usage: IMPORT_USAGE,
  run: (ctx, args) =>
    withUsage(ctx, IMPORT_USAGE, async () => {
      const flags = parseFlags(args, ['--indicator', '--year'], ['--dry-run']);
      if (flags.positional.length === 0) {
        throw new UsageError('Cần ít nhất một tệp.');
      }
      const yearText = flags.values.get('--year');
      const year = yearText === undefined ? undefined : Number(yearText);
      if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
        throw new UsageError(`Năm không hợp lệ: ${yearText}`);
      }
      const indicator = flags.values.get('--indicator');
      const files = await Promise.all(
        flags.positional.map(async (p) => ({ fileName: path.basename(p), bytes: await fs.readFile(p) })),
      );
      const handle = await ctx.openMigratedDatabase();
      try {
        await ensureReferenceAgencies(handle.db);
        const result = await importIndicatorFiles({ db: handle.db, clock: systemClock }, files, {
          dryRun: flags.switches.has('--dry-run'),
          actor: null,
          options: { ...(indicator ? { indicatorCode: indicator } : {}), ...(year ? { year } : {}) },
        });
        ctx.print(result, () => describeImport(result));
        return result.problems.some((p) => p.severity === 'error') ? 1 : 0;
      } finally {
        await handle.close();
      }
    }),
};
