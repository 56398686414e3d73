import { buildApp } from '@server/app';
import { type AppConfig, loadConfig } from '@server/config/env';
import type { DatabaseHandle } from '@server/db/client';
import { type Clock, fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage, type FileStorage } from '@server/lib/file-storage';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from './test-db';

export type TestApp = {
  app: FastifyInstance;
  handle: DatabaseHandle;
  storage: FileStorage;
  close: () => Promise<void>;
};

/** The real app on a fresh test database, with a fixed clock and in-memory file storage; `config` overrides settings. */
export async function buildTestApp(options: { clock?: Clock; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const handle = await createTestDatabase();
  const storage = createMemoryFileStorage();
  const app = await buildApp({
    config: loadConfig({ dataDir: 'memory://', webDistDir: undefined, ...options.config }),
    db: handle.db,
    driver: handle.driver,
    clock: options.clock ?? fixedClock('2025-07-18T03:00:00Z'),
    storage,
  });
  await app.ready();
  return {
    app,
    handle,
    storage,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}
