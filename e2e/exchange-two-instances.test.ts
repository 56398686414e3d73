import { dropTestDatabase } from '@test/test-db';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runExchangeDemo } from '../demo/exchange/run-exchange-demo';

async function withDatabases<T>(adminUrl: string, run: (urls: { party: string; government: string }) => Promise<T>) {
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const names = [`tiendo_x57_${suffix}`, `tiendo_x71_${suffix}`];
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const name of names) {
      await admin.query(`create database ${name}`);
    }
    const urlOf = (name: string) => {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    };
    return await run({ party: urlOf(names[0] as string), government: urlOf(names[1] as string) });
  } finally {
    await admin.end();
    for (const name of names) {
      await dropTestDatabase(adminUrl, name);
    }
  }
}

/** Progress on stderr with timestamps: if a run is slow in CI, the log says which phase. */
const log = (line: string) => process.stderr.write(`[demo ${new Date().toISOString()}] ${line}\n`);

function expectEverythingArrivedOnce(summary: Awaited<ReturnType<typeof runExchangeDemo>>) {
  expect(summary.outage.changes).toBeGreaterThanOrEqual(1000);
  expect(summary.changes).toBeGreaterThanOrEqual(summary.outage.changes);
  expect(summary.delivered).toBe(summary.changes);
  expect(summary.lost).toBe(0);
  expect(summary.duplicates).toBe(0);
  expect(summary.objectsCompared).toBeGreaterThan(100);
  expect(summary.steady.events).toBeGreaterThan(0);
}

describe('two Tiến Độ instances exchange data (issue #8)', () => {
  it('a report entered once in the Party system is seen in the Government system; after an outage of one of them, 1,000+ changes arrive once', async () => {
    const summary = await runExchangeDemo({ outageChanges: 1000, steadyChanges: 20, log });
    expectEverythingArrivedOnce(summary);
  }, 600_000);

  const pgUrl = process.env.TIENDO_TEST_DATABASE_URL;
  it.skipIf(!pgUrl && process.env.TIENDO_REQUIRE_PG !== '1')(
    'the same on PostgreSQL servers',
    async () => {
      if (!pgUrl) {
        throw new Error('TIENDO_REQUIRE_PG=1 but TIENDO_TEST_DATABASE_URL is not set');
      }
      const summary = await withDatabases(pgUrl, (databaseUrls) =>
        runExchangeDemo({ outageChanges: 1000, steadyChanges: 20, databaseUrls, log }),
      );
      expectEverythingArrivedOnce(summary);
    },
    600_000,
  );
});
