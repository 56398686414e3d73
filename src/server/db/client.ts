import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is underneath. Repos take this (or a transaction) explicitly. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; inside `db.transaction`, use only this (on PGlite a call on `db` deadlocks). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either a database or a transaction: what repo functions accept. */
export type DbOrTx = Db | Tx;

export type DatabaseHandle = {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Human-readable location for logs and `tiendo status`. */
  location: string;
  close: () => Promise<void>;
  /** PGlite only: the raw instance (for clone/dump in tests). */
  pglite?: PGlite;
  /**
   * LISTEN on a channel: `onNotify` runs after each transaction that notified it commits. Resolves to the function
   * that stops listening. PostgreSQL: a dedicated connection (a lost one is reported through `onError`).
   */
  listen: (channel: string, onNotify: () => void, onError?: (error: Error) => void) => Promise<() => Promise<void>>;
};

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/** ltree must be loaded before pg_trgm: in the other order PGlite silently returns no rows for `%` (stack-notes §2). */
export const PGLITE_EXTENSIONS = { ltree, unaccent, pg_trgm };

const EXTENSION_NAMES = ['ltree', 'unaccent', 'pg_trgm'] as const;

export type OpenDatabaseOptions = {
  /** Directory of the embedded database; `memory://` for an in-memory instance. */
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Skip the inter-process lock (only for a PGlite instance that no other process can see). */
  skipLock?: boolean;
};

/** Opens the embedded database (default) or the PostgreSQL server named by `databaseUrl`. Does not migrate. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection dropped by the server (restart, failover, admin termination) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (error) => {
      process.stderr.write(`PostgreSQL: mất kết nối rảnh (${error.message}); sẽ kết nối lại khi cần.\n`);
    });
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
    const url = new URL(options.databaseUrl);
    const connectionString = options.databaseUrl;
    return {
      db,
      driver: 'postgres',
      location: `postgresql://${url.host}${url.pathname}`,
      close: () => pool.end(),
      async listen(channel, onNotify, onError) {
        if (!CHANNEL_NAME.test(channel)) {
          throw new Error(`invalid channel name: ${channel}`);
        }
        const client = new pg.Client({ connectionString });
        client.on('error', (error) => onError?.(error));
        client.on('notification', () => onNotify());
        await client.connect();
        await client.query(`listen ${channel}`);
        return async () => {
          await client.end().catch(() => undefined);
        };
      },
    };
  }
  const inMemory = options.dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  if (!inMemory && !options.skipLock) {
    lock = acquireDataDirLock(options.dataDir);
  }
  try {
    const pgDir = inMemory ? undefined : path.join(options.dataDir, 'pg');
    const pglite = await PGlite.create({ dataDir: pgDir, extensions: PGLITE_EXTENSIONS });
    return wrapPglite(pglite, inMemory ? 'memory' : path.resolve(options.dataDir), lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

export function wrapPglite(pglite: PGlite, location: string, lock?: DataDirLock): DatabaseHandle {
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    location,
    pglite,
    close: async () => {
      await pglite.close();
      lock?.release();
    },
    async listen(channel, onNotify) {
      if (!CHANNEL_NAME.test(channel)) {
        throw new Error(`invalid channel name: ${channel}`);
      }
      const stop = await pglite.listen(channel, () => onNotify());
      return async () => {
        await stop();
      };
    },
  };
}

/** Creates the extensions, then applies every pending migration in `drizzle/`. Idempotent. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  for (const name of EXTENSION_NAMES) {
    await handle.db.execute(sql.raw(`create extension if not exists ${name}`));
  }
  if (handle.driver === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific database type
    await migratePglite(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific database type
    await migrateNodePg(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

/** Runs raw SQL and returns its rows, on either driver (both return `{ rows }`). */
export async function queryRows<T = Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
