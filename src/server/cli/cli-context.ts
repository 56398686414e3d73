import { type AppConfig, loadConfig } from '@server/config/env';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '@server/db/client';

export type CliIo = {
  out: (text: string) => void;
  err: (text: string) => void;
};

export type CliContext = {
  config: AppConfig;
  json: boolean;
  io: CliIo;
  /** Opens the configured database and applies migrations. The caller closes it. */
  openMigratedDatabase: () => Promise<DatabaseHandle>;
  /** Prints a result: the JSON object with --json, else the human text. */
  print: (result: unknown, human: () => string) => void;
};

export type CliCommand = {
  name: string;
  summary: string;
  usage: string;
  run: (ctx: CliContext, args: string[]) => Promise<number>;
};

export function createCliContext(options: { dataDir?: string; json: boolean; io: CliIo }): CliContext {
  const config = loadConfig(options.dataDir ? { dataDir: options.dataDir } : {});
  return {
    config,
    json: options.json,
    io: options.io,
    async openMigratedDatabase() {
      const handle = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await migrateDatabase(handle);
      } catch (error) {
        await handle.close();
        throw error;
      }
      return handle;
    },
    print(result, human) {
      options.io.out(options.json ? JSON.stringify(result) : human());
    },
  };
}
