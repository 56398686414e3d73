import fs from 'node:fs/promises';
import type { CliCommand, CliContext } from '@server/cli/cli-context';
import type { DatabaseHandle } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import { systemClock } from '@server/lib/clock';
import { createLocalFileStorage } from '@server/lib/file-storage';
import { BUNDLE_EXTENSION, type BundleImportResult, type BundleProblem } from '@shared/contracts/exchange-bundle';
import { createBundle, findPartner, importBundle } from './bundle';
import { parseTypes } from './change-feed';
import type { ExchangeDeps } from './exchange.service';

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

function describeProblems(problems: readonly BundleProblem[]): string {
  return problems.map((p) => `  - [${p.code}] ${p.message}`).join('\n');
}

async function withUsage(ctx: CliContext, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      if (ctx.json) {
        ctx.io.out(JSON.stringify({ ok: false, error: { code: 'USAGE', message: error.message } }));
      } else {
        ctx.io.err(`${error.message}\nCách dùng: ${usage}`);
      }
      return 2;
    }
    if (error instanceof AppError) {
      const problems = (error.details as { problems?: BundleProblem[] } | undefined)?.problems;
      if (ctx.json) {
        ctx.io.out(
          JSON.stringify({
            ok: false,
            error: { code: error.code, message: error.message, ...(problems ? { problems } : {}) },
          }),
        );
      } else {
        ctx.io.err(`Lỗi: ${error.message}${problems ? `\n${describeProblems(problems)}` : ''}`);
      }
      return 1;
    }
    throw error;
  }
}

async function withDeps<T>(ctx: CliContext, body: (deps: ExchangeDeps) => Promise<T>): Promise<T> {
  const handle: DatabaseHandle = await ctx.openMigratedDatabase();
  try {
    return await body({
      db: handle.db,
      clock: systemClock,
      storage: createLocalFileStorage(ctx.config.storageDir),
      config: ctx.config.exchange,
    });
  } finally {
    await handle.close();
  }
}

const EXPORT_USAGE = `tiendo exchange export --out FILE${BUNDLE_EXTENSION} [--after N] [--types loại,loại] [--json]`;

/** `tiendo exchange export`: writes this system's changes after a cursor as a signed bundle for a partner without an API. */
export const exchangeExportCommand: CliCommand = {
  name: 'exchange export',
  summary: 'Xuất gói dữ liệu đã ký (.tdx) cho hệ thống đối tác không có API',
  usage: EXPORT_USAGE,
  run: (ctx, args) =>
    withUsage(ctx, EXPORT_USAGE, async () => {
      const flags = parseFlags(args, ['--out', '--after', '--types'], []);
      if (flags.positional.length > 0) {
        throw new UsageError(`Tham số thừa: ${flags.positional.join(' ')}`);
      }
      const out = flags.values.get('--out');
      if (!out) {
        throw new UsageError('Cần --out FILE.');
      }
      const afterText = flags.values.get('--after') ?? '0';
      if (!/^\d+$/.test(afterText)) {
        throw new UsageError(`--after phải là số nguyên không âm: ${afterText}`);
      }
      const built = await withDeps(ctx, (deps) =>
        createBundle(deps, { after: Number(afterText), types: parseTypes(flags.values.get('--types')) }),
      );
      await fs.writeFile(out, built.bytes);
      const events = Object.values(built.manifest.counts).reduce((a, b) => a + b, 0);
      const files = built.manifest.entries.length - 1;
      ctx.print(
        {
          ok: true,
          file: out,
          bytes: built.bytes.length,
          system: built.manifest.system,
          fromSeq: built.manifest.fromSeq,
          toSeq: built.manifest.toSeq,
          events,
          files,
          counts: built.manifest.counts,
          missingFiles: built.missingFiles,
        },
        () =>
          [
            `Đã xuất ${events} thay đổi (mốc ${built.manifest.fromSeq} → ${built.manifest.toSeq}) và ${files} tệp minh chứng vào ${out} (${built.bytes.length} byte).`,
            ...(built.missingFiles.length > 0
              ? [`Cảnh báo: không tìm thấy ${built.missingFiles.length} tệp minh chứng trong kho.`]
              : []),
            `Lần xuất tiếp theo: --after ${built.manifest.toSeq}`,
          ].join('\n'),
      );
      return 0;
    }),
};

const IMPORT_USAGE = `tiendo exchange import FILE${BUNDLE_EXTENSION} --partner MÃ_HỆ_THỐNG [--dry-run] [--json]`;

function describeImport(result: BundleImportResult): string {
  const counts = Object.entries(result.counts)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return [
    `${result.dryRun ? 'CHẠY THỬ (không ghi dữ liệu)' : 'ĐÃ NHẬP'}: gói của ${result.system} (mốc ${result.fromSeq} → ${result.toSeq}), ${result.events} thay đổi, ${result.files} tệp minh chứng.`,
    `Kết quả: ${counts || 'không có thay đổi'}`,
    ...result.attention.map((a) => `  - ${a.outcome} ${a.objectType} ${a.objectId}: ${a.reason ?? ''}`),
  ].join('\n');
}

/** `tiendo exchange import`: verifies a partner's bundle (signature, hashes) and applies it; re-importing is harmless. */
export const exchangeImportCommand: CliCommand = {
  name: 'exchange import',
  summary: 'Nhập gói dữ liệu (.tdx) của hệ thống đối tác (kiểm tra chữ ký và mã SHA-256; --dry-run để xem trước)',
  usage: IMPORT_USAGE,
  run: (ctx, args) =>
    withUsage(ctx, IMPORT_USAGE, async () => {
      const flags = parseFlags(args, ['--partner'], ['--dry-run']);
      const [file, ...extra] = flags.positional;
      if (!file || extra.length > 0) {
        throw new UsageError(file ? `Tham số thừa: ${extra.join(' ')}` : 'Cần đường dẫn tới gói dữ liệu.');
      }
      const partnerSystem = flags.values.get('--partner');
      if (!partnerSystem) {
        throw new UsageError('Cần --partner MÃ_HỆ_THỐNG (mã hệ thống đối tác đã đăng ký).');
      }
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(file);
      } catch (error) {
        throw new UsageError(`Không đọc được tệp ${file}: ${(error as Error).message}`);
      }
      const result = await withDeps(ctx, async (deps) => {
        const partner = await findPartner(deps.db, partnerSystem);
        return importBundle(deps, partner.id, bytes, { dryRun: flags.switches.has('--dry-run') });
      });
      ctx.print({ ok: true, ...result }, () => describeImport(result));
      return 0;
    }),
};
