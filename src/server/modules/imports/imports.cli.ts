import fs from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand } from '@server/cli/cli-context';
import { AppError } from '@server/lib/app-error';
import { systemClock } from '@server/lib/clock';
import { createLocalFileStorage } from '@server/lib/file-storage';
import { ensureReferenceAgencies } from '@server/modules/demo/reference-data';
import type { ImportResult } from '@shared/contracts/imports';
import { runImport } from './imports.service';

function describe(result: ImportResult): string {
  const s = result.summary;
  const lines = [
    `${result.dryRun ? 'CHẠY THỬ (không ghi dữ liệu)' : 'ĐÃ NHẬP'}: ${result.files.length} tệp`,
    `Nhiệm vụ: ${s.tasks} (tạo mới ${s.created}, cập nhật ${s.updated}, không đổi ${s.unchanged}); phân công mới: ${s.assignments}`,
    `Văn bản: ${result.directives.map((d) => d.key).join(', ') || '—'}`,
  ];
  for (const list of result.lists) {
    lines.push(
      `  • [${list.kind}] ${list.title} — ${list.tasks.length} nhiệm vụ${list.assignedBy ? ` (giao tại ${list.assignedBy})` : ''}`,
    );
  }
  if (result.problems.length > 0) {
    lines.push(`Vấn đề: ${s.errors} lỗi, ${s.warnings} cảnh báo`);
    for (const p of result.problems.slice(0, 50)) {
      const where = [p.line ? `dòng ${p.line}` : null, p.row ? `hàng ${p.row}` : null].filter(Boolean).join(', ');
      lines.push(
        `  ${p.severity === 'error' ? '✗' : '!'} ${p.file}${where ? ` (${where})` : ''} ${p.code}: ${p.message}`,
      );
    }
    if (result.problems.length > 50) {
      lines.push(`  … và ${result.problems.length - 50} vấn đề khác (dùng --json để xem hết)`);
    }
  }
  return lines.join('\n');
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Nhập văn bản (.txt, .md, .docx, .xlsx): danh sách nhiệm vụ, phân công, thời hạn',
  usage: 'tiendo import FILE… [--dry-run] [--json]',
  async run(ctx, args) {
    const dryRun = args.includes('--dry-run');
    const paths = args.filter((a) => !a.startsWith('--'));
    if (paths.length === 0) {
      ctx.io.err('Cần ít nhất một tệp. Cách dùng: tiendo import FILE… [--dry-run] [--json]');
      return 2;
    }
    const files = await Promise.all(
      paths.map(async (p) => ({ fileName: path.basename(p), bytes: await fs.readFile(p) })),
    );
    const handle = await ctx.openMigratedDatabase();
    try {
      await ensureReferenceAgencies(handle.db);
      const deps = { db: handle.db, storage: createLocalFileStorage(ctx.config.storageDir), clock: systemClock };
      let result: ImportResult;
      try {
        result = await runImport(deps, files, { dryRun });
      } catch (error) {
        if (error instanceof AppError && error.code === 'IMPORT_FAILED') {
          result = error.details as ImportResult;
          ctx.print(result, () => `${describe(result)}\nKhông nhập: có lỗi, cơ sở dữ liệu không thay đổi.`);
          return 1;
        }
        throw error;
      }
      ctx.print(result, () => describe(result));
      return result.summary.errors > 0 ? 1 : 0;
    } finally {
      await handle.close();
    }
  },
};
