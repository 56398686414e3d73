import fs from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand } from '@server/cli/cli-context';
import { AppError } from '@server/lib/app-error';
import { systemClock } from '@server/lib/clock';
import { ensureReferenceAgencies } from '@server/modules/demo/reference-data';
import type { DraftCheckReport } from '@shared/contracts/duplicates';
import { exportDraftCheck } from './draft-check-export';
import { checkDraft } from './duplicates.service';

const USAGE = 'tiendo duplicates check FILE [--out REPORT.docx|REPORT.xlsx] [--json]';

function describe(report: DraftCheckReport): string {
  const lines = [
    `Dự thảo ${report.fileName}: ${report.items.length} nhiệm vụ; ${report.tasksWithCandidates} nhiệm vụ trùng hoặc chồng lấn ` +
      `với nhiệm vụ đã giao (so với ${report.storedTasks} nhiệm vụ đã lưu).`,
  ];
  for (const item of report.items) {
    if (item.candidates.length === 0) {
      continue;
    }
    lines.push(`• ${item.task.text.slice(0, 140)}`);
    for (const c of item.candidates) {
      lines.push(
        `    ${Math.round(c.score * 100)}% ${c.kind === 'duplicate' ? 'TRÙNG' : 'chồng lấn'} — ${c.directive}: ${c.text.slice(0, 100)}`,
      );
      lines.push(`      (${c.reasons.join('; ')})`);
    }
  }
  for (const p of report.problems) {
    lines.push(`! ${p.code}: ${p.message}`);
  }
  return lines.join('\n');
}

/**
 * `tiendo duplicates check FILE --json`: for each task of a draft that is not imported, the stored tasks it repeats
 * or overlaps. Prints an array of `{task, candidates: [{taskId, directive, score, reasons, …}]}` (stable shape).
 */
export const duplicatesCheckCommand: CliCommand = {
  name: 'duplicates check',
  summary: 'Kiểm tra dự thảo (chưa nhập): nhiệm vụ nào lặp lại nhiệm vụ đã giao; xuất Word/Excel với --out',
  usage: USAGE,
  async run(ctx, args) {
    const outIndex = args.findIndex((a) => a === '--out' || a.startsWith('--out='));
    let out: string | undefined;
    const rest = [...args];
    if (outIndex >= 0) {
      const arg = rest[outIndex] as string;
      out = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[outIndex + 1];
      rest.splice(outIndex, arg.includes('=') ? 1 : 2);
    }
    const files = rest.filter((a) => !a.startsWith('--'));
    const unknown = rest.filter((a) => a.startsWith('--'));
    if (files.length !== 1 || unknown.length > 0 || (out !== undefined && !/\.(docx|xlsx)$/i.test(out))) {
      ctx.io.err(`Cách dùng: ${USAGE}`);
      return 2;
    }
    const file = files[0] as string;
    const bytes = await fs.readFile(file);
    const handle = await ctx.openMigratedDatabase();
    try {
      await ensureReferenceAgencies(handle.db);
      let report: DraftCheckReport;
      try {
        report = await checkDraft({ db: handle.db, clock: systemClock }, { fileName: path.basename(file), bytes });
      } catch (error) {
        if (error instanceof AppError) {
          ctx.io.err(`${error.code}: ${error.message}`);
          return 1;
        }
        throw error;
      }
      if (out) {
        const format = out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'docx';
        await fs.writeFile(out, await exportDraftCheck(report, format));
      }
      ctx.print(report.items, () => `${describe(report)}${out ? `\nĐã ghi báo cáo: ${out}` : ''}`);
      return report.problems.length > 0 ? 1 : 0;
    } finally {
      await handle.close();
    }
  },
};
