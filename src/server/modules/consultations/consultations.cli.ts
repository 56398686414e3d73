import fs from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand } from '@server/cli/cli-context';
import { AppError } from '@server/lib/app-error';
import { consultationSynthesis } from './consultations.service';
import { synthesisToDocx, synthesisToXlsx } from './synthesis-export';

const USAGE = 'tiendo consultation synthesis --directive KEY --out DIR [--json]';

function option(args: string[], name: string): string | undefined {
  const index = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (index < 0) {
    return undefined;
  }
  const arg = args[index] as string;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
}

/**
 * `tiendo consultation synthesis --directive KEY --out DIR`: writes the synthesis table of comments (layout of seed
 * 000) as tong-hop-y-kien.docx and .xlsx. KEY is the draft directive's stable key or id, the consultation's id/key,
 * or, for an imported synthesis table, its source file name (e.g. 000_f39aca9c9f0984c3.txt).
 */
export const consultationSynthesisCommand: CliCommand = {
  name: 'consultation synthesis',
  summary: 'Xuất bảng tổng hợp ý kiến góp ý dự thảo (Word và Excel)',
  usage: USAGE,
  async run(ctx, args) {
    const key = option(args, '--directive');
    const out = option(args, '--out');
    if (!key || !out) {
      ctx.io.err(`Cách dùng: ${USAGE}`);
      return 2;
    }
    const handle = await ctx.openMigratedDatabase();
    try {
      const synthesis = await consultationSynthesis(handle.db, key);
      await fs.mkdir(out, { recursive: true });
      const docx = path.join(out, 'tong-hop-y-kien.docx');
      const xlsx = path.join(out, 'tong-hop-y-kien.xlsx');
      await fs.writeFile(docx, await synthesisToDocx(synthesis));
      await fs.writeFile(xlsx, await synthesisToXlsx(synthesis));
      const rows = synthesis.sections.reduce((n, s) => n + s.rows.length, 0);
      const answers = synthesis.sections.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.answer.length, 0), 0);
      ctx.print(
        { files: [docx, xlsx], sections: synthesis.sections.length, consultees: rows, answerParagraphs: answers },
        () => `Đã ghi ${docx} và ${xlsx}: ${rows} cơ quan, ${answers} đoạn tiếp thu/giải trình.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        ctx.io.err(`${error.code}: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      await handle.close();
    }
  },
};
