import type { CliCommand } from '@server/cli/cli-context';
import { formatNumber } from '@shared/lib/vn-format';
import {
  DEFAULT_GENERATE_OPTIONS,
  type GenerateOptions,
  GenerateTargetNotEmptyError,
  generateDataset,
} from './generate-dataset';

const USAGE = 'tiendo generate [--agencies 3400] [--tasks 20000] [--seed 1] [--data-dir DIR] [--json]';

/** Parses `--agencies N --tasks N --seed N` (also `--x=N`); throws on anything else. */
export function parseGenerateArgs(args: string[]): GenerateOptions {
  const options = { ...DEFAULT_GENERATE_OPTIONS };
  const limits: Record<keyof GenerateOptions, [number, number]> = {
    agencies: [1, 100_000],
    tasks: [0, 2_000_000],
    seed: [0, 2 ** 32 - 1],
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const match = /^--(agencies|tasks|seed)(?:=(.*))?$/.exec(arg);
    if (!match) {
      throw new Error(`Tham số không hợp lệ: ${arg}. Cách dùng: ${USAGE}`);
    }
    const key = match[1] as keyof GenerateOptions;
    const raw = match[2] ?? args[++i];
    const value = Number(raw);
    const [min, max] = limits[key];
    if (raw === undefined || !Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${key} phải là số nguyên từ ${min} đến ${max} (nhận được: ${raw ?? 'trống'}).`);
    }
    options[key] = value;
  }
  return options;
}

export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'Sinh bộ dữ liệu quy mô quốc gia (cơ quan, văn bản, nhiệm vụ) để thử tải',
  usage: USAGE,
  async run(ctx, args) {
    const options = parseGenerateArgs(args);
    const handle = await ctx.openMigratedDatabase();
    try {
      const result = await generateDataset(handle.db, options);
      ctx.print({ ok: true, database: handle.driver, location: handle.location, ...result }, () =>
        [
          `Đã sinh dữ liệu (seed ${options.seed}) vào ${handle.driver}: ${handle.location}`,
          `  cơ quan: ${formatNumber(result.counts.agencies)} (bí danh: ${formatNumber(result.counts.agencyAliases)})`,
          `  văn bản: ${formatNumber(result.counts.directives)} (mục: ${formatNumber(result.counts.directiveSections)})`,
          `  nhiệm vụ: ${formatNumber(result.counts.tasks)}, phân công: ${formatNumber(result.counts.assignments)}`,
          `  ${formatNumber(result.rows)} dòng trong ${formatNumber((result.buildMs + result.writeMs) / 1000, 1)} s ` +
            `(${formatNumber(result.rowsPerSecond)} dòng/s)`,
        ].join('\n'),
      );
      return 0;
    } catch (error) {
      if (error instanceof GenerateTargetNotEmptyError) {
        ctx.print({ ok: false, error: { code: error.code, message: error.message } }, () => `Lỗi: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      await handle.close();
    }
  },
};
