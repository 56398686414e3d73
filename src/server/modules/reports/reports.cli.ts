import fs from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand } from '@server/cli/cli-context';
import { AppError } from '@server/lib/app-error';
import { systemClock } from '@server/lib/clock';
import { createLocalFileStorage } from '@server/lib/file-storage';
import type { ReportKind } from '@shared/contracts/reports';
import { formatNumber } from '@shared/lib/vn-format';
import { generateReport } from './reports.service';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type ReportArgs = { asOf?: string; out?: string; snapshot?: string; agency?: string; directive?: string };

const FLAGS: Record<string, keyof ReportArgs> = {
  '--as-of': 'asOf',
  '--out': 'out',
  '--snapshot': 'snapshot',
  '--agency': 'agency',
  '--directive': 'directive',
};

/** Parses the flags of `tiendo report …` (also `--flag=value`); throws a usage message on anything else. */
export function parseReportArgs(args: string[]): ReportArgs {
  const out: ReportArgs = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') {
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const key = FLAGS[flag];
    if (!key) {
      throw new Error(`Tùy chọn không hợp lệ: ${arg}`);
    }
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new Error(`Thiếu giá trị cho ${flag}`);
    }
    if (key === 'asOf') {
      const d = new Date(`${value}T00:00:00Z`);
      if (!ISO_DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
        throw new Error(`Ngày không hợp lệ (cần YYYY-MM-DD): ${value}`);
      }
    }
    out[key] = value;
  }
  return out;
}

function reportCommand(kind: ReportKind, usage: string, summary: string): CliCommand {
  return {
    name: `report ${kind}`,
    summary,
    usage,
    async run(ctx, args) {
      let parsed: ReportArgs;
      try {
        parsed = parseReportArgs(args);
        if (!parsed.out) {
          throw new Error('Thiếu --out DIR');
        }
        if (!parsed.asOf && !parsed.snapshot) {
          throw new Error('Cần --as-of YYYY-MM-DD hoặc --snapshot ID');
        }
        if (kind === 'agency' && !parsed.agency) {
          throw new Error('Thiếu --agency NAME_OR_ID');
        }
        if (kind === 'directive' && !parsed.directive) {
          throw new Error('Thiếu --directive ID_OR_NUMBER');
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (ctx.json) {
          ctx.io.out(JSON.stringify({ ok: false, error: { code: 'USAGE', message } }));
        } else {
          ctx.io.err(`${message}\nCách dùng: ${usage}`);
        }
        return 2;
      }
      const handle = await ctx.openMigratedDatabase();
      try {
        const result = await generateReport(
          { db: handle.db, storage: createLocalFileStorage(ctx.config.storageDir), clock: systemClock },
          {
            kind,
            asOf: parsed.asOf,
            snapshotId: parsed.snapshot,
            agency: parsed.agency,
            directive: parsed.directive,
            createdByLabel: 'cli',
          },
        );
        const outDir = path.resolve(parsed.out as string);
        await fs.mkdir(outDir, { recursive: true });
        const written: string[] = [];
        for (const file of result.files) {
          const target = path.join(outDir, file.name);
          await fs.writeFile(target, file.bytes);
          written.push(target);
        }
        const appendices = result.model.appendices.map((a) => ({ code: a.code, title: a.title, rows: a.rows.length }));
        ctx.print(
          { ok: true, kind, snapshotId: result.snapshot.id, asOf: result.snapshot.asOf, files: written, appendices },
          () =>
            [
              `Đã lập báo cáo (số liệu chốt ngày ${result.snapshot.asOf}, bản chốt ${result.snapshot.id}):`,
              ...written.map((w) => `  ${w}`),
              ...appendices.map((a) => `  Phụ lục ${a.code}: ${formatNumber(a.rows)} dòng`),
            ].join('\n'),
        );
        return 0;
      } catch (error) {
        if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED')) {
          ctx.print({ ok: false, error: { code: error.code, message: error.message } }, () => error.message);
          return 1;
        }
        throw error;
      } finally {
        await handle.close();
      }
    },
  };
}

export const reportMonthlyCommand = reportCommand(
  'monthly',
  'tiendo report monthly --as-of YYYY-MM-DD --out DIR [--snapshot ID] [--json]',
  'Báo cáo tháng (Word + Excel, các phụ lục) từ bản chốt số liệu',
);
export const reportAgencyCommand = reportCommand(
  'agency',
  'tiendo report agency --agency NAME_OR_ID --as-of YYYY-MM-DD --out DIR [--json]',
  'Báo cáo của một cơ quan: đã hoàn thành, quá hạn, đến hạn kỳ tới',
);
export const reportDirectiveCommand = reportCommand(
  'directive',
  'tiendo report directive --directive ID_OR_NUMBER --as-of YYYY-MM-DD --out DIR [--json]',
  'Báo cáo theo một văn bản giao nhiệm vụ',
);
