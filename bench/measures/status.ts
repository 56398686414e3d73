import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildApp } from '@server/app';
import { loadConfig } from '@server/config/env';
import { type Db, migrateDatabase, openDatabase, queryRows } from '@server/db/client';
import { runReminderSweep } from '@server/jobs/reminder-sweep.job';
import { type Clock, fixedClock } from '@server/lib/clock';
import { createLocalFileStorage } from '@server/lib/file-storage';
import { newId } from '@server/lib/ids';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@server/modules/auth/session-cookies';
import { generateDataset } from '@server/modules/generator/generate-dataset';
import { getStatusSummary } from '@server/modules/status/status.service';
import { insertUsers } from '@server/modules/users/users.repo';
import { sql } from 'drizzle-orm';
import type { BenchMeasure } from '../bench-context';
import { perSecond, round, summarizeLatencies } from '../lib/stats';

/** About 5.6 assignments per generated task: this many tasks gives ≈ 500,000 assignments. */
const TASKS = 89_200;
const AGENCIES = 3_400;
const AS_OF = '2025-09-30';
const STATUS_RUNS = 7;
const SUBMISSIONS = 40;
const EVIDENCE_BYTES = 1.5 * 1024 * 1024;

/**
 * Progress on top of the generated register, so that the engine has records to judge: an accepted report for about
 * 40% of lead assignments (half of them "completed", with dates around the deadline), a granted extension for 3%.
 */
async function seedProgress(db: Db): Promise<{ reports: number; extensions: number }> {
  await db.execute(sql`
    insert into progress_reports (id, assignment_id, task_id, agency_id, role, period, version, state, narrative,
      completed_on, workflow_status, submitted_at, leader_approved_at, accepted_at, row_version)
    select 'bench-r-' || a.id, a.id, a.task_id, a.agency_id, 'lead', '2025-07', 1,
      case when abs(hashtext(a.id)) % 2 = 0 then 'completed' else 'in-progress' end, 'Báo cáo định kỳ',
      case when abs(hashtext(a.id)) % 2 = 0
        then coalesce(t.deadline_due, date '2025-07-15') + ((abs(hashtext(a.id || 'd')) % 41) - 20) end,
      'accepted', timestamptz '2025-07-20 03:00+00', timestamptz '2025-07-21 03:00+00',
      timestamptz '2025-07-22 03:00+00' + make_interval(secs => abs(hashtext(a.id || 's')) % 86400), 4
    from assignments a join tasks t on t.id = a.task_id
    where a.role = 'lead' and abs(hashtext(a.id || 'r')) % 10 < 4`);
  await db.execute(sql`
    insert into extension_requests (id, assignment_id, task_id, agency_id, original_due, requested_due, granted_due,
      reasons, status, decided_at)
    select 'bench-e-' || a.id, a.id, a.task_id, a.agency_id, t.deadline_due, t.deadline_due + 60, t.deadline_due + 60,
      'Đề nghị gia hạn', 'granted', timestamptz '2025-06-15 03:00+00'
    from assignments a join tasks t on t.id = a.task_id
    where a.role = 'lead' and t.deadline_due is not null and abs(hashtext(a.id || 'e')) % 100 < 3`);
  const [counts] = await queryRows<{ reports: number; extensions: number }>(
    db,
    sql`select (select count(*)::int from progress_reports) as reports,
               (select count(*)::int from extension_requests) as extensions`,
  );
  return counts ?? { reports: 0, extensions: 0 };
}

/** A 1.5 MB file that is a PDF by content (and distinct each time, so storage really writes it). */
function evidencePdf(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(EVIDENCE_BYTES - 9)]);
}

function multipart(fileName: string, bytes: Buffer) {
  const boundary = `----bench${newId()}`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

async function timeStatus(db: Db, storageDir: string, by: 'agency' | 'directive' | null) {
  const deps = { db, storage: createLocalFileStorage(storageDir) };
  await getStatusSummary(deps, { asOf: AS_OF, by });
  const samples: number[] = [];
  let last: Awaited<ReturnType<typeof getStatusSummary>> | null = null;
  for (let i = 0; i < STATUS_RUNS; i++) {
    const t0 = performance.now();
    last = await getStatusSummary(deps, { asOf: AS_OF, by });
    samples.push(performance.now() - t0);
  }
  return {
    ...summarizeLatencies(samples),
    groups: last?.groups?.length ?? null,
    counts: last
      ? {
          completedOnTime: last.completedOnTime,
          completedLate: last.completedLate,
          completedUndated: last.completedUndated,
          inProgress: last.inProgress,
          overdue: last.overdue,
          recurring: last.recurring,
          noDeadline: last.noDeadline,
        }
      : null,
  };
}

/**
 * Report submissions through the whole HTTP stack (in-process `inject`: routing, auth, CSRF, multipart, content-type
 * detection, SHA-256, file storage on disk, transactions and audit): save draft → upload 1.5 MB PDF → submit.
 */
async function timeSubmissions(db: Db, dataDir: string, storageDir: string) {
  const clock: Clock = fixedClock('2025-09-20T03:00:00Z');
  const app = await buildApp({
    config: loadConfig({ dataDir, storageDir, webDistDir: undefined }),
    db,
    driver: 'pglite',
    clock,
    storage: createLocalFileStorage(storageDir),
  });
  await app.ready();
  try {
    const [agency] = await queryRows<{ agency_id: string }>(
      db,
      sql`select a.agency_id from assignments a join tasks t on t.id = a.task_id and t.status = 'confirmed'
          where a.is_active group by a.agency_id having count(*) >= ${SUBMISSIONS} order by count(*) desc limit 1`,
    );
    if (!agency) {
      throw new Error('no agency with enough assignments');
    }
    const userId = newId();
    await insertUsers(db, [
      {
        id: userId,
        loginName: `bench.reporter.${userId.slice(0, 8)}`,
        displayName: 'Cán bộ báo cáo (bench)',
        agencyId: agency.agency_id,
        roles: ['reporter'],
        passwordHash: 'not-used-trusted-session',
        mustChangePassword: false,
      },
    ]);
    const assignmentIds = (
      await queryRows<{ id: string }>(
        db,
        sql`select a.id from assignments a join tasks t on t.id = a.task_id and t.status = 'confirmed'
            where a.agency_id = ${agency.agency_id} and a.is_active order by a.id limit ${SUBMISSIONS}`,
      )
    ).map((r) => r.id);
    const session = await app.auth.openTrustedSession(userId);
    const headers = {
      cookie: `${SESSION_COOKIE}=${session.token}; ${CSRF_COOKIE}=${session.csrfToken}`,
      [CSRF_HEADER]: session.csrfToken,
    };
    const samples: number[] = [];
    let failures = 0;
    const started = performance.now();
    for (const assignmentId of assignmentIds) {
      const t0 = performance.now();
      const draft = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers,
        payload: { assignmentId, period: '2025-09', state: 'in-progress', narrative: 'Đang triển khai theo kế hoạch.' },
      });
      const report = draft.json() as { id?: string; rowVersion?: number };
      const mp = multipart('bao-cao-tien-do.pdf', evidencePdf());
      const up = await app.inject({
        method: 'POST',
        url: `/api/v1/reports/${report.id}/evidence`,
        headers: { ...headers, 'content-type': mp.contentType },
        payload: mp.body,
      });
      const submit = await app.inject({
        method: 'POST',
        url: `/api/v1/reports/${report.id}/submit`,
        headers,
        payload: { rowVersion: report.rowVersion ?? 1 },
      });
      samples.push(performance.now() - t0);
      if (draft.statusCode !== 200 || up.statusCode !== 201 || submit.statusCode !== 200) {
        failures++;
        if (failures === 1) {
          throw new Error(
            `submission failed: ${draft.statusCode}/${up.statusCode}/${submit.statusCode} ${up.body.slice(0, 200)}`,
          );
        }
      }
    }
    const elapsed = performance.now() - started;
    return {
      submissions: samples.length,
      failures,
      evidenceMB: round(EVIDENCE_BYTES / 1024 / 1024, 2),
      submissionsPerSecond: perSecond(samples.length, elapsed, 2),
      evidenceMBPerSecond: perSecond((samples.length * EVIDENCE_BYTES) / 1024 / 1024, elapsed, 1),
      ...summarizeLatencies(samples),
    };
  } finally {
    await app.close();
  }
}

async function timeSweep(db: Db, storageDir: string) {
  const deps = { db, storage: createLocalFileStorage(storageDir), clock: fixedClock('2025-09-23T01:00:00Z') };
  const t0 = performance.now();
  const first = await runReminderSweep(deps, { asOf: '2025-09-23' });
  const firstMs = performance.now() - t0;
  const t1 = performance.now();
  const second = await runReminderSweep(deps, { asOf: '2025-09-23' });
  const secondMs = performance.now() - t1;
  return {
    firstRunMs: round(firstMs, 0),
    agenciesNotified: first.agencies,
    remindersSent: first.sent,
    notifications: first.notifications,
    secondRunMs: round(secondMs, 0),
    secondRunSent: Object.values(second.sent).reduce((a, b) => a + b, 0),
  };
}

/**
 * Issue #5 figures on a national-scale dataset of ≈ 500,000 assignments (3,400 agencies): status as of a date
 * (totals, by agency, by directive) p50/p99; report submissions with 1.5 MB evidence; the reminder sweep.
 */
export const statusMeasure: BenchMeasure = {
  name: 'status',
  description: `status of ~500,000 assignments as of ${AS_OF} (totals / by agency / by directive), report submissions with 1.5 MB evidence, reminder sweep over ${AGENCIES} agencies`,
  async run(ctx) {
    const dataDir = path.join(ctx.scratchDir, 'status-500k');
    const storageDir = path.join(dataDir, 'files');
    const handle = await openDatabase({ dataDir });
    try {
      await migrateDatabase(handle);
      ctx.log(`  status: generating ${TASKS} tasks / ${AGENCIES} agencies…`);
      const generated = await generateDataset(handle.db, { agencies: AGENCIES, tasks: TASKS, seed: 5 });
      const progress = await seedProgress(handle.db);
      const [scale] = await queryRows<{ assignments: number; leads: number }>(
        handle.db,
        sql`select count(*)::int as assignments, count(*) filter (where role = 'lead')::int as leads from assignments`,
      );
      ctx.log('  status: timing status summaries…');
      const totals = await timeStatus(handle.db, storageDir, null);
      const byAgency = await timeStatus(handle.db, storageDir, 'agency');
      const byDirective = await timeStatus(handle.db, storageDir, 'directive');
      ctx.log('  status: timing report submissions…');
      const submissions = await timeSubmissions(handle.db, dataDir, storageDir);
      ctx.log('  status: timing the reminder sweep…');
      const sweep = await timeSweep(handle.db, storageDir);
      return {
        database: handle.driver,
        asOf: AS_OF,
        tasks: generated.counts.tasks,
        agencies: generated.counts.agencies,
        assignments: scale?.assignments ?? null,
        leadAssignments: scale?.leads ?? null,
        acceptedReports: progress.reports,
        grantedExtensions: progress.extensions,
        p50Ms: byAgency.p50Ms,
        p99Ms: byAgency.p99Ms,
        totals,
        byAgency,
        byDirective,
        submissions,
        reminderSweep: sweep,
      };
    } finally {
      await handle.close();
    }
  },
};
