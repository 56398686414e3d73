import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@server/app';
import { systemClock } from '@server/lib/clock';
import { createLocalFileStorage } from '@server/lib/file-storage';
import { loadDemoData } from '@server/modules/demo/demo-data';
import { ensureReferenceAgencies } from '@server/modules/demo/reference-data';
import { startExchangeWorker } from '@server/modules/exchange/exchange-worker';
import { ensureDemoAccounts } from '@server/modules/users/demo-accounts';
import type { CliCommand } from '../cli-context';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/web');

function readOption(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) {
    return args[index + 1];
  }
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Chạy máy chủ (giao diện web + API) — tải dữ liệu mẫu lần đầu với --demo',
  usage: 'tiendo serve [--port 3000] [--host 0.0.0.0] [--demo [--no-demo-data]] [--data-dir DIR]',
  async run(ctx, args) {
    const port = Number(readOption(args, '--port') ?? ctx.config.port);
    const host = readOption(args, '--host') ?? ctx.config.host;
    const handle = await ctx.openMigratedDatabase();
    const deps = {
      config: {
        ...ctx.config,
        webDistDir: ctx.config.webDistDir ?? WEB_DIST,
        // Demo accounts (documented passwords) may sign in only on a server started with --demo.
        demoMode: args.includes('--demo'),
      },
      db: handle.db,
      driver: handle.driver,
      clock: systemClock,
      storage: createLocalFileStorage(ctx.config.storageDir),
    };
    await ensureReferenceAgencies(handle.db);
    if (args.includes('--demo')) {
      // Every --demo start, so that data dirs made before the accounts existed get them too (idempotent).
      await ensureDemoAccounts(handle.db);
      const demo = args.includes('--no-demo-data') ? null : await loadDemoData(deps);
      if (demo) {
        ctx.io.err(`Đã tải dữ liệu mẫu: ${demo.files.length} văn bản, ${demo.tasks} nhiệm vụ.`);
      }
    }
    const app = await buildApp({ ...deps, logger: !ctx.json });
    // Pushes this system's changes to partner systems (transactional outbox) and retries parked inbound events.
    const exchangeWorker = await startExchangeWorker(
      deps,
      (error) => app.log.error({ err: error }, 'exchange worker'),
      handle.listen,
    );
    const shutdown = async (signal: string) => {
      ctx.io.err(`Nhận ${signal}, đang dừng…`);
      await exchangeWorker.stop();
      await app.close();
      await handle.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    const address = await app.listen({ port, host });
    ctx.print(
      { ok: true, address, database: handle.driver, location: handle.location },
      () =>
        `Tiến Độ đang chạy tại ${address.replace('0.0.0.0', 'localhost')} (CSDL ${handle.driver}: ${handle.location})`,
    );
    // Keep running until a signal arrives.
    await new Promise(() => {});
    return 0;
  },
};
