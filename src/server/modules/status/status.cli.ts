import type { CliCommand } from '@server/cli/cli-context';
import { AppError } from '@server/lib/app-error';
import { systemClock } from '@server/lib/clock';
import { createLocalFileStorage } from '@server/lib/file-storage';
import type { StatusSummaryDto } from '@shared/contracts/status';
import { STATUS_CATEGORIES, STATUS_LABELS } from '@shared/domain/task-status';
import { formatIsoDate, formatNumber } from '@shared/lib/vn-format';
import { getStatusSummary, todayIn } from './status.service';

const USAGE = 'tiendo status --as-of DATE [--directive ID_OR_NUMBER] [--by agency|directive] [--json]';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type StatusArgs = { asOf?: string; directive?: string; by?: 'agency' | 'directive' };

/** Parses the flags of `tiendo status` (also `--flag=value`); throws a usage message on anything else. */
export function parseStatusArgs(args: string[]): StatusArgs {
  const out: StatusArgs = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') {
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!['--as-of', '--directive', '--by'].includes(flag)) {
      throw new Error(`Tùy chọn không hợp lệ: ${arg}`);
    }
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new Error(`Thiếu giá trị cho ${flag}`);
    }
    if (flag === '--as-of') {
      const d = new Date(`${value}T00:00:00Z`);
      if (!ISO_DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
        throw new Error(`Ngày không hợp lệ (cần YYYY-MM-DD): ${value}`);
      }
      out.asOf = value;
    } else if (flag === '--directive') {
      out.directive = value;
    } else if (value === 'agency' || value === 'directive') {
      out.by = value;
    } else {
      throw new Error(`--by nhận "agency" hoặc "directive" (nhận được: ${value})`);
    }
  }
  return out;
}

function countsLine(counts: Record<string, number>): string {
  return STATUS_CATEGORIES.map((c) => `${STATUS_LABELS[c]}: ${formatNumber(counts[c] ?? 0)}`).join(' · ');
}

function describe(result: StatusSummaryDto): string {
  const lines = [
    `Tình trạng nhiệm vụ tính đến hết ngày ${formatIsoDate(result.asOf)}` +
      (result.directive ? ` — ${result.directive.key}` : '') +
      ` (${formatNumber(result.tasks)} nhiệm vụ)`,
  ];
  for (const c of STATUS_CATEGORIES) {
    const original = result.againstOriginal[c];
    const note = original !== result[c] ? ` (theo hạn ban đầu: ${formatNumber(original)})` : '';
    lines.push(`  ${STATUS_LABELS[c].padEnd(34)} ${formatNumber(result[c]).padStart(8)}${note}`);
  }
  if (result.recurring > 0) {
    lines.push(
      `  Thường xuyên — kỳ ${result.recurringPeriod.period}: đã báo cáo ${result.recurringPeriod.reported}, chưa ${result.recurringPeriod.notReported}`,
    );
  }
  for (const g of result.groups ?? []) {
    lines.push(`• ${g.name} (${formatNumber(g.total)}): ${countsLine(g.counts)}`);
  }
  if (result.discrepancies.length > 0) {
    lines.push(`Chênh lệch giữa các nguồn (${result.discrepancies.length}):`);
    for (const d of result.discrepancies.slice(0, 30)) {
      lines.push(`  ! ${d.message}${d.units?.length ? ` [${d.units.join(', ')}]` : ''}`);
    }
    if (result.discrepancies.length > 30) {
      lines.push(`  … và ${result.discrepancies.length - 30} chênh lệch khác (dùng --json để xem hết)`);
    }
  }
  return lines.join('\n');
}

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Tình trạng nhiệm vụ tính đến một ngày (đúng hạn, quá hạn, đang thực hiện…), theo văn bản/cơ quan',
  usage: USAGE,
  async run(ctx, args) {
    let parsed: StatusArgs;
    try {
      parsed = parseStatusArgs(args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (ctx.json) {
        ctx.io.out(JSON.stringify({ ok: false, error: { code: 'USAGE', message } }));
      } else {
        ctx.io.err(`${message}\nCách dùng: ${USAGE}`);
      }
      return 2;
    }
    const handle = await ctx.openMigratedDatabase();
    try {
      const result = await getStatusSummary(
        { db: handle.db, storage: createLocalFileStorage(ctx.config.storageDir) },
        { asOf: parsed.asOf ?? todayIn(systemClock), directive: parsed.directive ?? null, by: parsed.by ?? null },
      );
      ctx.print(result, () => describe(result));
      return 0;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        ctx.print({ ok: false, error: { code: error.code, message: error.message } }, () => error.message);
        return 1;
      }
      throw error;
    } finally {
      await handle.close();
    }
  },
};
