import type { AppConfig } from '@server/config/env';
import type { Db } from '@server/db/client';
import type { Clock } from '@server/lib/clock';
import type { FileStorage } from '@server/lib/file-storage';

/** Everything a module needs, wired once in buildApp and passed explicitly (no DI container). */
export type AppDeps = {
  config: AppConfig;
  db: Db;
  driver: 'pglite' | 'postgres';
  clock: Clock;
  storage: FileStorage;
};
