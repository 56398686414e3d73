import { queryRows } from '@server/db/client';
import { EXCHANGE_OBJECT_TYPES } from '@shared/contracts/exchange';
import {
  createTaskIn,
  type Instance,
  linkInstances,
  pullAll,
  startEmptyInstance,
  startInstance,
} from '@test/exchange-instances';
import { agencyIdByName, createUserAndLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChangeFeed } from './change-feed';
import { listConflicts, resolveConflict, upsertOwnershipRule } from './exchange.service';
import { canonicalJson, listObjectIds, loadObjects } from './object-codec';
import { signRequest } from './request-signing';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

function multipart(fileName: string, bytes: Buffer) {
  const boundary = `----tiendo${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function changeCount(instance: Instance): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    instance.handle.db,
    sql`select count(*) as n from exchange_changes`,
  );
  return Number(row?.n ?? 0);
}

describe.skipIf(shouldSkipDbTests())('exchange between two instances', () => {
  let a: Instance;
  let b: Instance;
  let agencyId: string;
  let link: Awaited<ReturnType<typeof linkInstances>>;

  beforeAll(async () => {
    a = await startInstance('he-thong-57');
    b = await startInstance('he-thong-71');
    link = await linkInstances(a, b);
    agencyId = await agencyIdByName(a.handle.db, 'Bộ Công an');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('pages the change feed in order, without gaps or repeats', async () => {
    await createTaskIn(a, agencyId);
    const all = await queryRows<{ seq: string | number }>(
      a.handle.db,
      sql`select seq from exchange_changes order by seq`,
    );
    const seen: number[] = [];
    let after = 0;
    for (let i = 0; i < 10_000; i++) {
      const page = await readChangeFeed(a.handle.db, a.systemId, { after, limit: 700 });
      seen.push(...page.events.map((e) => e.seq));
      after = page.nextCursor;
      if (!page.hasMore) {
        break;
      }
    }
    expect(seen).toEqual(all.map((r) => Number(r.seq)));
  });

  it('a report filed with evidence in one system appears in the other, once, without re-entry', async () => {
    const { assignmentId, taskId } = await createTaskIn(a, agencyId);
    expect((await b.dispatch()).failed).toBe(0);
    await a.dispatch();
    expect((await loadObjects(b.handle.db, 'task', [taskId])).has(taskId)).toBe(true);

    const reporter = await createUserAndLogin(a.app, a.handle.db, { role: 'reporter', agencyId });
    const draft = await a.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: reporter.headers,
      payload: {
        assignmentId,
        period: '2025-07',
        state: 'in-progress',
        narrative: 'Đã kết nối thử nghiệm hai hệ thống.',
      },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const report = draft.json() as { id: string; rowVersion: number };
    const file = multipart('minh-chung.pdf', PDF);
    const upload = await a.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${report.id}/evidence`,
      headers: { ...reporter.headers, 'content-type': file.contentType },
      payload: file.body,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const submit = await a.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${report.id}/submit`,
      headers: reporter.headers,
      payload: { rowVersion: report.rowVersion },
    });
    expect(submit.statusCode, submit.body).toBe(200);

    const pushed = await a.dispatch();
    expect(pushed.failed).toBe(0);
    expect(pushed.delivered).toBeGreaterThan(0);
    const there = (await loadObjects(b.handle.db, 'progress_report', [report.id])).get(report.id);
    const here = (await loadObjects(a.handle.db, 'progress_report', [report.id])).get(report.id);
    expect(there).toBeDefined();
    expect(canonicalJson(there)).toBe(canonicalJson(here));
    expect(there?.workflowStatus).toBe('submitted');
    const [ev] = await queryRows<{ storage_key: string; sha256: string }>(
      b.handle.db,
      sql`select storage_key, sha256 from evidence where report_id = ${report.id}`,
    );
    expect(ev).toBeDefined();
    expect((await b.storage.get(ev?.storage_key as string)).equals(PDF)).toBe(true);
    // People in B see where it was entered (so nobody enters it again); in A it was entered here.
    const officerB = await createUserAndLogin(b.app, b.handle.db, { role: 'standing-office', agencyId });
    const viewB = await b.app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}`, headers: officerB.headers });
    expect(viewB.json().enteredIn).toEqual({ systemId: 'he-thong-57', name: 'he-thong-57' });
    const viewA = await a.app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}`, headers: reporter.headers });
    expect(viewA.json().enteredIn).toBeNull();

    // Nothing bounces back: B applied A's changes as A's, so it has nothing to push to A.
    const before = await changeCount(a);
    await b.dispatch();
    expect(await changeCount(a)).toBe(before);

    // A redelivery (dead letters replayed, a retry after a lost answer) is answered as a duplicate, not applied.
    await a.handle.db.execute(
      sql`update exchange_deliveries set status = 'pending', next_attempt_at = '2025-01-01T00:00:00Z'`,
    );
    const changesInB = await changeCount(b);
    await a.dispatch();
    expect(await changeCount(b)).toBe(changesInB);
    const outcomes = await queryRows<{ outcome: string }>(
      a.handle.db,
      sql`select distinct outcome from exchange_deliveries`,
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(['duplicate']);
  });

  it('refuses unsigned, tampered, stale, replayed and out-of-scope requests, changing nothing', async () => {
    const before = await changeCount(b);
    const url = '/api/exchange/v1/events';
    const body = JSON.stringify({ events: [] });
    const now = new Date('2025-07-18T03:00:00Z');
    const call = (headers: Record<string, string>, payload = body) =>
      b.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload });
    const reasonOf = (res: { json: () => unknown }) =>
      (res.json() as { details?: { reason?: string } }).details?.reason;

    const unsigned = await call({});
    expect(unsigned.statusCode).toBe(401);
    expect(reasonOf(unsigned)).toBe('missing-headers');

    const good = signRequest(link.keyForA, { method: 'POST', pathWithQuery: url, body }, now);
    const tampered = await call(good, JSON.stringify({ events: [], extra: 1 }));
    expect(reasonOf(tampered)).toBe('bad-signature');

    const stale = signRequest(
      link.keyForA,
      { method: 'POST', pathWithQuery: url, body },
      new Date(now.getTime() - 10 * 60_000),
    );
    expect(reasonOf(await call(stale))).toBe('stale-timestamp');

    const first = await call(good);
    expect(first.statusCode, first.body).toBe(200);
    const replay = await call(good);
    expect(replay.statusCode).toBe(401);
    expect(reasonOf(replay)).toBe('replayed-nonce');

    const feedPath = '/api/exchange/v1/changes?after=0&limit=1';
    const unknownKey = signRequest(
      `tdk_nokey.${link.keyForA.split('.')[1]}`,
      { method: 'GET', pathWithQuery: feedPath, body: '' },
      now,
    );
    const unknown = await b.app.inject({ method: 'GET', url: feedPath, headers: unknownKey });
    expect(reasonOf(unknown)).toBe('unknown-key');

    expect(await changeCount(b)).toBe(before);
    // The log line is written by an onResponse hook, after the answer has gone: give the last one a moment.
    const refusedLogged = async () =>
      Number(
        (
          await queryRows<{ n: string | number }>(
            b.handle.db,
            sql`select count(*) as n from exchange_log where direction = 'in' and http_status = 401`,
          )
        )[0]?.n,
      );
    for (let i = 0; i < 100 && (await refusedLogged()) < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await refusedLogged()).toBeGreaterThanOrEqual(5);
  });

  it('records a conflict instead of overwriting when this system owns the reports, and a person decides', async () => {
    const { directiveId, assignmentId } = await createTaskIn(a, agencyId);
    await a.dispatch();
    await upsertOwnershipRule(b.deps, null, link.aInB.id, {
      directiveId,
      tasksSource: 'shared',
      reportsSource: 'local',
    });
    const reporter = await createUserAndLogin(a.app, a.handle.db, { role: 'reporter', agencyId });
    const draft = await a.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: reporter.headers,
      payload: { assignmentId, period: '2025-07', state: 'in-progress', narrative: 'Báo cáo nhập ở hệ thống 57.' },
    });
    const report = draft.json() as { id: string };
    await a.dispatch();
    expect((await loadObjects(b.handle.db, 'progress_report', [report.id])).has(report.id)).toBe(false);
    const conflicts = await listConflicts(b.deps, 'open');
    const conflict = conflicts.find((c) => c.objectId === report.id);
    expect(conflict?.reason).toMatch(/nguồn chính thức/);

    const officer = await createUserAndLogin(b.app, b.handle.db, { role: 'standing-office', agencyId });
    const resolved = await resolveConflict(
      b.deps,
      { userId: officer.user.id, agencyId, roles: ['standing-office'], ip: null },
      conflict?.id as string,
      'accept-theirs',
    );
    expect(resolved.status).toBe('accepted-theirs');
    expect((await loadObjects(b.handle.db, 'progress_report', [report.id])).get(report.id)?.narrative).toBe(
      'Báo cáo nhập ở hệ thống 57.',
    );
  });

  it('replaying the whole feed into an empty instance reproduces the data exactly', async () => {
    const c = await startEmptyInstance('he-thong-rong');
    try {
      await pullAll(a, c);
      for (const type of EXCHANGE_OBJECT_TYPES) {
        const idsA = await listObjectIds(a.handle.db, type);
        const idsC = await listObjectIds(c.handle.db, type);
        expect(idsC, type).toEqual(idsA);
        const objectsA = await loadObjects(a.handle.db, type, idsA);
        const objectsC = await loadObjects(c.handle.db, type, idsC);
        expect(canonicalJson([...objectsC.entries()].sort()), type).toBe(canonicalJson([...objectsA.entries()].sort()));
      }
    } finally {
      await c.close();
    }
  }, 300_000);
});
