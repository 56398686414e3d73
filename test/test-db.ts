import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type DatabaseHandle, migrateDatabase, openDatabase, PGLITE_EXTENSIONS, wrapPglite } from '@server/db/client';
import { ensureReferenceAgencies } from '@server/modules/demo/reference-data';
import pg from 'pg';

const TEMPLATE_PATH = path.resolve('.tmp/test-template.tgz');

/** Which database the DB tier runs on in this project: `pglite` (default) or `postgres`. */
export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.TIENDO_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** True when this project cannot run here (no server configured) and it is allowed to skip. */
export function shouldSkipDbTests(): boolean {
  if (testDatabaseKind() !== 'postgres') {
    return false;
  }
  if (process.env.TIENDO_TEST_DATABASE_URL) {
    return false;
  }
  if (process.env.TIENDO_REQUIRE_PG === '1') {
    throw new Error('TIENDO_REQUIRE_PG=1 but TIENDO_TEST_DATABASE_URL is not set: the PostgreSQL suite cannot run.');
  }
  return true;
}

/**
 * Drops a throw-away database. WITH (FORCE) must stop every session on it, and an autovacuum worker that started on
 * a freshly written database is one the test role may not be allowed to signal: wait for it and try again.
 */
export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  const dropper = new pg.Client({ connectionString: adminUrl });
  await dropper.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 20 || (code !== '42501' && code !== '55006')) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await dropper.end();
  }
}

/**
 * A fresh, migrated database with the reference agency register, for one test file: a copy of the PGlite template, or a new database on the
 * PostgreSQL server named by TIENDO_TEST_DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (testDatabaseKind() === 'postgres') {
    const adminUrl = process.env.TIENDO_TEST_DATABASE_URL;
    if (!adminUrl) {
      throw new Error('TIENDO_TEST_DATABASE_URL is not set');
    }
    const name = `tiendo_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ dataDir: 'unused', databaseUrl: url.toString() });
    await migrateDatabase(handle);
    await ensureReferenceAgencies(handle.db);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await dropTestDatabase(adminUrl, name);
      },
    };
  }
  const dump = fs.readFileSync(TEMPLATE_PATH);
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: PGLITE_EXTENSIONS });
  const handle = wrapPglite(pglite, 'memory');
  // The template is migrated; this is a no-op unless a migration was added after it was built.
  await migrateDatabase(handle);
  return handle;
}
