import type { CliCommand } from '../cli-context';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Tạo/cập nhật cấu trúc cơ sở dữ liệu (apply migrations)',
  usage: 'tiendo migrate [--json]',
  async run(ctx) {
    const handle = await ctx.openMigratedDatabase();
    await handle.close();
    ctx.print(
      { ok: true, database: handle.driver, location: handle.location },
      () => `Đã cập nhật cơ sở dữ liệu (${handle.driver}: ${handle.location}).`,
    );
    return 0;
  },
};
