import fs from 'node:fs';
import path from 'node:path';
import { fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { runImport } from '@server/modules/imports/imports.service';
import type { Dashboard, ReportJob, Snapshot, SnapshotComparison } from '@shared/contracts/reports';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUserAndLogin, type TestLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SEED_001 = '001_da84f1939d876bb4.txt';

describe.skipIf(shouldSkipDbTests())('snapshots, report jobs and the dashboard over HTTP', () => {
  let t: TestApp;
  let office: TestLogin;
  let reporter: TestLogin;

  beforeAll(async () => {
    t = await buildTestApp({ clock: fixedClock('2025-07-20T02:00:00Z') });
    await runImport(
      { db: t.handle.db, storage: createMemoryFileStorage(), clock: fixedClock('2025-07-20T02:00:00Z') },
      [{ fileName: SEED_001, bytes: fs.readFileSync(path.resolve('fixtures/seeds', SEED_001)) }],
      { dryRun: false },
    );
    const most = await agencyIdByName(t.handle.db, 'Bộ Khoa học và Công nghệ');
    office = await createUserAndLogin(t.app, t.handle.db, { role: 'standing-office', agencyId: most });
    reporter = await createUserAndLogin(t.app, t.handle.db, { role: 'reporter', agencyId: most });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('freezes figures, compares two snapshots and refuses agency staff', async () => {
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/snapshots',
      headers: reporter.headers,
      payload: { asOf: '2025-06-30' },
    });
    expect(denied.statusCode).toBe(403);
    const june = await t.app.inject({
      method: 'POST',
      url: '/api/v1/snapshots',
      headers: office.headers,
      payload: { asOf: '2025-06-30' },
    });
    expect(june.statusCode).toBe(201);
    const july = await t.app.inject({
      method: 'POST',
      url: '/api/v1/snapshots',
      headers: office.headers,
      payload: { asOf: '2025-07-18' },
    });
    const a = june.json<Snapshot>();
    const b = july.json<Snapshot>();
    expect(a.createdByUserId).toBe(office.user.id);
    expect(b.taskCount).toBe(a.taskCount);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/snapshots', headers: reporter.headers });
    expect(list.json<{ items: Snapshot[] }>().items.map((s) => s.asOf)).toEqual(['2025-07-18', '2025-06-30']);
    const diff = await t.app.inject({
      method: 'GET',
      url: `/api/v1/snapshots/compare?from=${a.id}&to=${b.id}`,
      headers: reporter.headers,
    });
    expect(diff.statusCode).toBe(200);
    // Seed 001 PL02: 16 tasks still within their deadline on 30/6 are overdue by 18/7.
    expect(diff.json<SnapshotComparison>().newlyOverdue).toHaveLength(16);
  }, 60_000);

  it('POST /report-jobs answers 202 with a job id; the job ends with two downloadable files', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/report-jobs',
      headers: office.headers,
      payload: { kind: 'monthly', asOf: '2025-07-18' },
    });
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json<{ jobId: string }>();
    let job: ReportJob | null = null;
    for (let i = 0; i < 100; i++) {
      job = (
        await t.app.inject({ method: 'GET', url: `/api/v1/report-jobs/${jobId}`, headers: office.headers })
      ).json<ReportJob>();
      if (job.status === 'done' || job.status === 'failed') {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(job?.status).toBe('done');
    expect(job?.files.map((f) => f.name)).toEqual(['bao-cao-thang-2025-07-18.docx', 'bao-cao-thang-2025-07-18.xlsx']);
    const file = await t.app.inject({ method: 'GET', url: job?.files[0]?.url as string, headers: office.headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
  }, 60_000);

  it('GET /dashboard gives counts with the filters behind them, the overdue league and the trend', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dashboard?asOf=2025-07-18',
      headers: reporter.headers,
    });
    expect(res.statusCode).toBe(200);
    const d = res.json<Dashboard>();
    const overdue = d.totals.cells.overdue;
    expect(overdue?.count).toBe(30);
    expect(overdue?.drill).toEqual({ asOf: '2025-07-18', category: 'overdue' });
    expect(d.totals.cells.completedOnTime?.count).toBeGreaterThan(0);
    expect(d.byAgencyGroup.map((g) => g.key)).toContain('ministries');
    expect(d.overdueLeague[0]?.overdue).toBeGreaterThanOrEqual(d.overdueLeague[1]?.overdue ?? 0);
    expect(d.overdueLeague[0]?.drill.category).toBe('overdue');
    expect(d.trend.map((p) => p.asOf)).toContain('2025-06-30');
    expect(d.indicators[0]?.indicatorCode).toBe('DVC_TOAN_TRINH');
    const coordinator = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dashboard?asOf=2025-07-18&role=coordinator&agencyMode=rolled-up',
      headers: reporter.headers,
    });
    expect(coordinator.statusCode).toBe(200);
    expect(coordinator.json<Dashboard>().role).toBe('coordinator');
  }, 60_000);
});
