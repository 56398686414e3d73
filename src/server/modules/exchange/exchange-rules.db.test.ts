import net from 'node:net';
import { loadConfig } from '@server/config/env';
import { queryRows } from '@server/db/client';
import { exchangePartners, extensionRequests, tasks } from '@server/db/schema';
import { newId } from '@server/lib/ids';
import type { Actor } from '@server/lib/request-context';
import { foldText } from '@shared/lib/vn-text';
import { createTaskIn, type Instance, linkInstances, startInstance } from '@test/exchange-instances';
import { agencyIdByName, createUserAndLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPartner,
  issueCredential,
  listConflicts,
  listDeadLetters,
  listIdMappings,
  replayDeadLetters,
  revokeCredential,
  updatePartner,
  upsertIdMapping,
} from './exchange.service';
import { startExchangeWorker } from './exchange-worker';
import { receiveEvents } from './inbound.service';
import { loadObjects } from './object-codec';
import { pruneExchangeHistory } from './outbox-dispatcher';
import { signRequest } from './request-signing';

const officer = (agencyId: string): Actor => ({ userId: newId(), agencyId, roles: ['standing-office'], ip: null });

describe.skipIf(shouldSkipDbTests())('exchange rules: edits on both sides, identifier mapping, dead letters', () => {
  let a: Instance;
  let b: Instance;
  let agencyId: string;
  let link: Awaited<ReturnType<typeof linkInstances>>;

  beforeAll(async () => {
    a = await startInstance('he-thong-a');
    b = await startInstance('he-thong-b');
    link = await linkInstances(a, b);
    agencyId = await agencyIdByName(a.handle.db, 'Bộ Công an');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('an edit of a received object flows back without conflict; edits on both sides since the last sync are a conflict', async () => {
    const { taskId } = await createTaskIn(a, agencyId);
    await a.dispatch();
    // B edits the task it received: A has not touched it since, so A applies B's edit.
    await b.handle.db.update(tasks).set({ notes: 'Ghi chú thêm ở hệ thống B' }).where(eq(tasks.id, taskId));
    await b.dispatch();
    expect((await loadObjects(a.handle.db, 'task', [taskId])).get(taskId)?.notes).toBe('Ghi chú thêm ở hệ thống B');
    expect(await listConflicts(a.deps, 'open')).toHaveLength(0);

    // Now both edit before either hears from the other.
    await a.handle.db.update(tasks).set({ product: 'Sản phẩm theo A' }).where(eq(tasks.id, taskId));
    await b.handle.db.update(tasks).set({ product: 'Sản phẩm theo B' }).where(eq(tasks.id, taskId));
    await a.dispatch();
    await b.dispatch();
    const conflictsInA = await listConflicts(a.deps, 'open');
    const conflictsInB = await listConflicts(b.deps, 'open');
    expect(conflictsInA.map((c) => c.objectId)).toEqual([taskId]);
    expect(conflictsInB.map((c) => c.objectId)).toEqual([taskId]);
    expect(conflictsInA[0]?.differingFields).toEqual(['product']);
    // Nobody's value was overwritten silently.
    expect((await loadObjects(a.handle.db, 'task', [taskId])).get(taskId)?.product).toBe('Sản phẩm theo A');
    expect((await loadObjects(b.handle.db, 'task', [taskId])).get(taskId)?.product).toBe('Sản phẩm theo B');
  });

  it('a granted deadline extension travels, so both systems judge the task alike', async () => {
    const { taskId, assignmentId } = await createTaskIn(a, agencyId);
    await a.handle.db
      .update(tasks)
      .set({ deadlineKind: 'date', deadlineDue: '2025-06-30' })
      .where(eq(tasks.id, taskId));
    await a.dispatch();
    const extensionId = newId();
    await a.handle.db.insert(extensionRequests).values({
      id: extensionId,
      assignmentId,
      taskId,
      agencyId,
      originalDue: '2025-06-30',
      requestedDue: '2025-09-30',
      grantedDue: '2025-09-30',
      reasons: 'Chờ hoàn thiện hạ tầng kết nối',
      status: 'granted',
      decidedAt: new Date('2025-07-01T03:00:00Z'),
    });
    await a.dispatch();
    const here = (await loadObjects(a.handle.db, 'extension_request', [extensionId])).get(extensionId);
    const there = (await loadObjects(b.handle.db, 'extension_request', [extensionId])).get(extensionId);
    expect(there).toEqual(here);
    const officerA = await createUserAndLogin(a.app, a.handle.db, { role: 'standing-office', agencyId });
    const officerB = await createUserAndLogin(b.app, b.handle.db, { role: 'standing-office', agencyId });
    const url = `/api/v1/tasks/${taskId}/status?asOf=2025-07-18`;
    const statusA = (await a.app.inject({ method: 'GET', url, headers: officerA.headers })).json();
    const statusB = (await b.app.inject({ method: 'GET', url, headers: officerB.headers })).json();
    expect(statusB).toEqual(statusA);
    expect(JSON.stringify(statusB)).toContain('2025-09-30');
  });

  it('in a grouped write, an object whose parent has not arrived waits while the others are applied, and follows its parent', async () => {
    const { taskId } = await createTaskIn(b, agencyId);
    const [partner] = await b.handle.db.select().from(exchangePartners).where(eq(exchangePartners.id, link.aInB.id));
    const missingTaskId = newId();
    const otherAgency = await agencyIdByName(b.handle.db, 'Tỉnh Hà Tĩnh');
    const assignment = (id: string, task: string, seq: number, agency = agencyId) => ({
      eventId: `he-thong-a:${seq}`,
      seq,
      origin: 'he-thong-a',
      objectType: 'assignment' as const,
      objectId: id,
      op: 'upsert' as const,
      version: seq,
      changedAt: '2025-07-18T02:00:00.000Z',
      payload: { id, taskId: task, agencyId: agency, role: 'coordinator', viaGroup: null, isActive: true },
    });
    const ids = [newId(), newId(), newId()];
    const deps = { db: b.handle.db, clock: b.deps.clock, storage: b.storage, systemId: b.systemId };
    const noFiles = async () => Buffer.alloc(0);
    const first = await receiveEvents(
      deps,
      partner as NonNullable<typeof partner>,
      [
        assignment(ids[0] as string, taskId, 900_001),
        assignment(ids[1] as string, missingTaskId, 900_002),
        assignment(ids[2] as string, taskId, 900_003, otherAgency),
      ],
      noFiles,
    );
    expect(
      first.results.map((r) => r.outcome),
      JSON.stringify(first.results),
    ).toEqual(['applied', 'waiting', 'applied']);
    expect(first.results[1]?.reason).toMatch(/Chờ dữ liệu liên quan/);
    expect(first.results[1]?.reason).not.toMatch(/insert into/i);

    const text = 'Nhiệm vụ đến sau phân công của nó';
    const task = {
      eventId: 'he-thong-a:900004',
      seq: 900_004,
      origin: 'he-thong-a',
      objectType: 'task' as const,
      objectId: missingTaskId,
      op: 'upsert' as const,
      version: 900_004,
      changedAt: '2025-07-18T02:00:00.000Z',
      payload: {
        ...((await loadObjects(b.handle.db, 'task', [taskId])).get(taskId) as Record<string, unknown>),
        id: missingTaskId,
        identityKey: `test:${missingTaskId}`,
        text,
        textFolded: foldText(text),
      },
    };
    const second = await receiveEvents(deps, partner as NonNullable<typeof partner>, [task], noFiles);
    expect(second.results.map((r) => r.outcome)).toEqual(['applied']);
    expect((await loadObjects(b.handle.db, 'assignment', ids)).size).toBe(3);
  });

  it('a partner with its own identifiers: unknown ids wait in the review queue until a person maps them', async () => {
    const { taskId } = await createTaskIn(b, agencyId);
    const partner = await createPartner(b.deps, null, {
      systemId: 'he-thong-bo-x',
      name: 'Hệ thống của một bộ',
      baseUrl: null,
      idScheme: 'own',
    });
    const key = await issueCredential(b.deps, null, partner.id, { scopes: ['events:write'] });
    await upsertIdMapping(b.deps, officer(agencyId), partner.id, {
      objectType: 'task',
      theirId: 'NV-0042',
      ourId: taskId,
    });
    const event = {
      eventId: 'he-thong-bo-x:1',
      seq: 1,
      origin: 'he-thong-bo-x',
      objectType: 'assignment',
      objectId: 'PC-0001',
      op: 'upsert',
      version: 1,
      changedAt: '2025-07-18T02:00:00Z',
      payload: {
        id: 'PC-0001',
        taskId: 'NV-0042',
        agencyId: 'CQ-BCA',
        role: 'coordinator',
        viaGroup: null,
        isActive: true,
      },
    };
    const body = JSON.stringify({ events: [event] });
    const url = '/api/exchange/v1/events';
    const res = await b.app.inject({
      method: 'POST',
      url,
      headers: {
        ...signRequest(
          key.apiKey as string,
          { method: 'POST', pathWithQuery: url, body },
          new Date('2025-07-18T03:00:00Z'),
        ),
        'content-type': 'application/json',
      },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results[0].outcome).toBe('unmapped');
    const queue = await listIdMappings(b.deps, partner.id, true);
    expect(queue.map((m) => [m.objectType, m.theirId])).toEqual([['agency', 'CQ-BCA']]);

    const mapped = await upsertIdMapping(b.deps, officer(agencyId), partner.id, {
      objectType: 'agency',
      theirId: 'CQ-BCA',
      ourId: agencyId,
    });
    expect(mapped.retriedApplied).toBe(1);
    const [row] = await queryRows<{ task_id: string; agency_id: string; role: string }>(
      b.handle.db,
      sql`select task_id, agency_id, role from assignments where id = 'PC-0001'`,
    );
    expect(row).toEqual({ task_id: taskId, agency_id: agencyId, role: 'coordinator' });
    expect(await listIdMappings(b.deps, partner.id, true)).toHaveLength(0);
  });

  it('a partner that keeps refusing: events go to the dead-letter list after the attempt budget, and replay after a key rotation delivers them', async () => {
    // B revokes the key A uses: every push is refused (401).
    const keyId = link.keyForA.slice('tdk_'.length).split('.')[0] as string;
    await revokeCredential(b.deps, null, link.aInB.id, keyId);
    const { taskId } = await createTaskIn(a, agencyId);
    for (let round = 0; round < a.deps.config.maxAttempts; round++) {
      await a.handle.db.execute(sql`update exchange_subscriptions set next_attempt_at = null`);
      await a.handle.db.execute(
        sql`update exchange_deliveries set next_attempt_at = '2025-01-01T00:00:00Z' where status = 'pending'`,
      );
      await a.dispatch();
    }
    const dead = await listDeadLetters(a.deps);
    expect(dead.length).toBeGreaterThanOrEqual(3);
    expect(dead.every((d) => d.attempts === a.deps.config.maxAttempts)).toBe(true);
    expect(dead[0]?.lastError).toMatch(/401/);
    expect((await loadObjects(b.handle.db, 'task', [taskId])).has(taskId)).toBe(false);

    // Rotation: B issues a new key, A stores it, the standing office replays the dead letters.
    const fresh = await issueCredential(b.deps, null, link.aInB.id, { scopes: ['events:write', 'files:read'] });
    await updatePartner(a.deps, null, link.bInA.id, { outboundKey: fresh.apiKey as string });
    const { replayed } = await replayDeadLetters(a.deps, null, {});
    expect(replayed).toBe(dead.length);
    await a.dispatch();
    expect(await listDeadLetters(a.deps)).toHaveLength(0);
    expect((await loadObjects(b.handle.db, 'task', [taskId])).has(taskId)).toBe(true);
  });

  it('a partner that is down is waited for, however many rounds: no dead letters, everything goes when it is back', async () => {
    const [sub] = await queryRows<{ id: string; url: string }>(
      a.handle.db,
      sql`select id, url from exchange_subscriptions where partner_id = ${link.bInA.id}`,
    );
    // A port that was free a moment ago: every push fails to connect.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
      });
    });
    await a.handle.db.execute(
      sql`update exchange_subscriptions set url = ${`http://127.0.0.1:${port}/api/exchange/v1/events`} where id = ${sub?.id}`,
    );
    const { taskId } = await createTaskIn(a, agencyId);
    for (let round = 0; round < a.deps.config.maxAttempts + 3; round++) {
      await a.handle.db.execute(sql`update exchange_subscriptions set next_attempt_at = null`);
      await a.dispatch();
    }
    const [state] = await queryRows<{ consecutive_failures: number; last_error: string }>(
      a.handle.db,
      sql`select consecutive_failures, last_error from exchange_subscriptions where id = ${sub?.id}`,
    );
    expect(state?.consecutive_failures).toBe(a.deps.config.maxAttempts + 3);
    expect(state?.last_error).toMatch(/ECONNREFUSED/);
    expect(await listDeadLetters(a.deps)).toHaveLength(0);

    await a.handle.db.execute(
      sql`update exchange_subscriptions set url = ${sub?.url as string}, next_attempt_at = null where id = ${sub?.id}`,
    );
    await a.dispatch();
    expect((await loadObjects(b.handle.db, 'task', [taskId])).has(taskId)).toBe(true);
  });

  it('forgets delivery and inbox bookkeeping past its retention, keeping what is recent or unsettled', async () => {
    const deliveredBefore = await queryRows<{ n: string | number }>(
      a.handle.db,
      sql`select count(*) as n from exchange_deliveries where status = 'delivered'`,
    );
    expect(Number(deliveredBefore[0]?.n)).toBeGreaterThan(0);
    const sameDay = await pruneExchangeHistory(a.handle.db, new Date('2025-07-18T04:00:00Z'));
    expect(sameDay).toEqual({ deliveries: 0, inbox: 0 });
    const later = await pruneExchangeHistory(a.handle.db, new Date('2025-09-30T00:00:00Z'));
    expect(later.deliveries).toBe(Number(deliveredBefore[0]?.n));
    const left = await queryRows<{ status: string }>(a.handle.db, sql`select distinct status from exchange_deliveries`);
    expect(left.map((r) => r.status).filter((s) => s === 'delivered')).toEqual([]);
    const inboxB = await pruneExchangeHistory(b.handle.db, new Date('2025-09-30T00:00:00Z'));
    expect(inboxB.inbox).toBeGreaterThan(0);
  });

  it('limits the signed requests of one partner key per minute', async () => {
    const limited = await startInstance('he-thong-gioi-han', { ratePerMinute: 3 });
    try {
      const partner = await createPartner(limited.deps, null, {
        systemId: 'he-thong-doc',
        name: 'Đọc',
        idScheme: 'shared',
      });
      const key = await issueCredential(limited.deps, null, partner.id, { scopes: ['feed:read'] });
      const url = '/api/exchange/v1/changes?after=0&limit=1';
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const headers = signRequest(
          key.apiKey as string,
          { method: 'GET', pathWithQuery: url, body: '' },
          new Date('2025-07-18T03:00:00Z'),
        );
        statuses.push((await limited.app.inject({ method: 'GET', url, headers })).statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('with TIENDO_SECRET_KEY, the key a partner issued to us and our signing key are stored sealed, and still work', async () => {
    const secretKey = 'khóa-bí-mật-của-máy-chủ-thử';
    const c = await startInstance('he-thong-c', { secretKey });
    const d = await startInstance('he-thong-d', { secretKey });
    try {
      const linked = await linkInstances(c, d);
      const [partner] = await queryRows<{ outbound_key: string }>(
        c.handle.db,
        sql`select outbound_key from exchange_partners where id = ${linked.bInA.id}`,
      );
      expect(partner?.outbound_key.startsWith('sealed:v1:')).toBe(true);
      expect(partner?.outbound_key).not.toContain(linked.keyForA.split('.')[1]);
      const [identity] = await queryRows<{ value: { privateKey: string } }>(
        c.handle.db,
        sql`select value from app_settings where key = 'exchange.identity'`,
      );
      expect(identity?.value.privateKey.startsWith('sealed:v1:')).toBe(true);
      const { taskId } = await createTaskIn(c, agencyId);
      expect((await c.dispatch()).failed).toBe(0);
      expect((await loadObjects(d.handle.db, 'task', [taskId])).has(taskId)).toBe(true);
    } finally {
      await c.close();
      await d.close();
    }
  });

  it('every partner route refuses an unsigned call and a key without the route’s scope', async () => {
    const partner = await createPartner(b.deps, null, {
      systemId: 'he-thong-chi-doc',
      name: 'Chỉ đọc',
      idScheme: 'shared',
    });
    const readOnly = await issueCredential(b.deps, null, partner.id, { scopes: ['feed:read'] });
    const now = new Date('2025-07-18T03:00:00Z');
    const routes = [
      { method: 'GET' as const, url: '/api/exchange/v1/changes?after=0&limit=5', body: '', scope: 'feed:read' },
      { method: 'POST' as const, url: '/api/exchange/v1/events', body: '{"events":[]}', scope: 'events:write' },
      { method: 'GET' as const, url: `/api/exchange/v1/files/${'0'.repeat(64)}`, body: '', scope: 'files:read' },
      {
        method: 'POST' as const,
        url: '/api/exchange/v1/subscriptions',
        body: '{"url":"http://127.0.0.1:9/x"}',
        scope: 'subscriptions:write',
      },
    ];
    const declared = b.app.declaredRoutes.filter(
      (r) =>
        r.url.startsWith('/api/exchange/v1/') &&
        r.url !== '/api/exchange/v1/system' &&
        r.url !== '/api/exchange/v1/object-types',
    );
    expect(declared.map((r) => `${r.method} ${r.url}`).sort()).toEqual(
      [
        'GET /api/exchange/v1/changes',
        'POST /api/exchange/v1/events',
        'GET /api/exchange/v1/files/:sha256',
        'POST /api/exchange/v1/subscriptions',
      ].sort(),
    );
    for (const route of routes) {
      const headers = route.body ? { 'content-type': 'application/json' } : {};
      const unsigned = await b.app.inject({
        method: route.method,
        url: route.url,
        headers,
        payload: route.body || undefined,
      });
      expect(unsigned.statusCode, route.url).toBe(401);
      const signed = signRequest(
        readOnly.apiKey as string,
        { method: route.method, pathWithQuery: route.url, body: route.body },
        now,
      );
      const res = await b.app.inject({
        method: route.method,
        url: route.url,
        headers: { ...headers, ...signed },
        payload: route.body || undefined,
      });
      expect(res.statusCode, route.url).toBe(route.scope === 'feed:read' ? 200 : 403);
    }
  });

  it('a committed change wakes the dispatcher (LISTEN/NOTIFY): it arrives long before the next poll', async () => {
    const worker = await startExchangeWorker(
      {
        config: { ...loadConfig({ dataDir: 'memory://' }), exchange: { ...a.deps.config, pollMs: 600_000 } },
        db: a.handle.db,
        driver: a.handle.driver,
        clock: a.deps.clock,
        storage: a.storage,
      },
      (error) => {
        throw error;
      },
      a.handle.listen,
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { taskId } = await createTaskIn(a, agencyId);
      const started = Date.now();
      while (!(await loadObjects(b.handle.db, 'task', [taskId])).has(taskId)) {
        if (Date.now() - started > 20_000) {
          throw new Error('the change did not arrive: the dispatcher was not woken');
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await worker.stop();
    }
  });
});
