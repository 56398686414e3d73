import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '@server/app';
import { loadConfig } from '@server/config/env';
import { migrateDatabase, openDatabase, queryRows } from '@server/db/client';
import { fixedClock } from '@server/lib/clock';
import { createLocalFileStorage } from '@server/lib/file-storage';
import { newId } from '@server/lib/ids';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@server/modules/auth/session-cookies';
import { generateReport } from '@server/modules/reports/reports.service';
import { createSnapshot } from '@server/modules/snapshots/snapshots.service';
import { insertUsers } from '@server/modules/users/users.repo';
import { sql } from 'drizzle-orm';
import type { BenchMeasure } from '../bench-context';
import { round, summarizeLatencies } from '../lib/stats';

const AS_OF = '2025-09-30';
const DASHBOARD_RUNS = 15;

/** Peak RSS while `work` runs, sampled every 25 ms (the process-wide maxRSS cannot be reset between measures). */
async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; peakRssMb: number; baseRssMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const t0 = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      result,
      ms: performance.now() - t0,
      peakRssMb: round(peak / 2 ** 20, 0),
      baseRssMb: round(base / 2 ** 20, 0),
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Issue 7 figures on a copy of the national-scale generated dataset (3,400 agencies, 20,000 tasks; PGlite): snapshot
 * creation, the monthly report (Word + Excel) from that snapshot, and `GET /api/v1/dashboard` through the HTTP stack.
 */
export const reportsMeasure: BenchMeasure = {
  name: 'reports',
  description:
    'snapshot of every task and lead assignment, monthly report (docx + xlsx), dashboard API p50/p99 (20,000 tasks, PGlite)',
  async run(ctx) {
    const generated = await ctx.generatedDataDir();
    const dataDir = path.join(ctx.scratchDir, 'reports');
    fs.cpSync(generated.dataDir, dataDir, { recursive: true });
    fs.rmSync(path.join(dataDir, 'tiendo.lock'), { force: true });
    const storageDir = path.join(dataDir, 'files');
    const handle = await openDatabase({ dataDir });
    try {
      await migrateDatabase(handle);
      const db = handle.db;
      const storage = createLocalFileStorage(storageDir);
      const clock = fixedClock('2025-10-01T03:00:00Z');
      const deps = { db, storage, clock };
      const [scale] = await queryRows<{ tasks: number; leads: number; agencies: number }>(
        db,
        sql`select (select count(*)::int from tasks where status = 'confirmed') as tasks,
                   (select count(*)::int from assignments where role = 'lead' and is_active) as leads,
                   (select count(*)::int from agencies) as agencies`,
      );
      ctx.log('  reports: snapshot…');
      const snap = await withPeakRss(() => createSnapshot(deps, { asOf: AS_OF, createdByLabel: 'bench' }));
      ctx.log('  reports: monthly report from the snapshot…');
      const report = await withPeakRss(() => generateReport(deps, { kind: 'monthly', snapshotId: snap.result.id }));
      const bytes = Object.fromEntries(report.result.files.map((f) => [path.extname(f.name).slice(1), f.bytes.length]));
      const rows = Object.fromEntries(report.result.model.appendices.map((a) => [`PL${a.code}`, a.rows.length]));

      ctx.log('  reports: dashboard API…');
      const app = await buildApp({
        config: loadConfig({ dataDir, storageDir, webDistDir: undefined }),
        db,
        driver: handle.driver,
        clock,
        storage,
      });
      await app.ready();
      try {
        const [agency] = await queryRows<{ id: string }>(db, sql`select id from agencies limit 1`);
        const userId = newId();
        await insertUsers(db, [
          {
            id: userId,
            loginName: `bench.dashboard.${userId}`,
            displayName: 'Đo hiệu năng',
            agencyId: agency?.id ?? '',
            roles: ['viewer'],
            passwordHash: 'x',
            mustChangePassword: false,
            isDemo: false,
          },
        ]);
        const session = await app.auth.openTrustedSession(userId);
        const headers = {
          cookie: `${SESSION_COOKIE}=${session.token}; ${CSRF_COOKIE}=${session.csrfToken}`,
          [CSRF_HEADER]: session.csrfToken,
        };
        const url = `/api/v1/dashboard?asOf=${AS_OF}`;
        const warm = await app.inject({ method: 'GET', url, headers });
        if (warm.statusCode !== 200) {
          throw new Error(`dashboard answered ${warm.statusCode}: ${warm.body.slice(0, 200)}`);
        }
        const samples: number[] = [];
        for (let i = 0; i < DASHBOARD_RUNS; i++) {
          const t0 = performance.now();
          const res = await app.inject({ method: 'GET', url, headers });
          samples.push(performance.now() - t0);
          if (res.statusCode !== 200) {
            throw new Error(`dashboard answered ${res.statusCode}`);
          }
        }
        return {
          database: handle.driver,
          asOf: AS_OF,
          tasks: scale?.tasks ?? null,
          leadAssignments: scale?.leads ?? null,
          agencies: scale?.agencies ?? null,
          snapshot: {
            ms: round(snap.ms, 0),
            peakRssMb: snap.peakRssMb,
            baseRssMb: snap.baseRssMb,
            tasks: snap.result.taskCount,
            assignments: snap.result.assignmentCount,
          },
          monthlyReport: {
            ms: round(report.ms, 0),
            peakRssMb: report.peakRssMb,
            baseRssMb: report.baseRssMb,
            bytes,
            rows,
          },
          dashboardApi: { ...summarizeLatencies(samples), responseBytes: warm.body.length },
        };
      } finally {
        await app.close();
      }
    } finally {
      await handle.close();
    }
  },
};
