import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, openDatabase, queryRows } from '@server/db/client';
import { canonicalJson, loadObjects } from '@server/modules/exchange/object-codec';
import type { ExchangeObjectType, ExchangeOverview, IssuedCredential, Partner } from '@shared/contracts/exchange';
import type { Obligations, ProgressReport } from '@shared/contracts/reporting';
import { sql } from 'drizzle-orm';
import { findFreePort, type RunningServer, startServer } from '../../e2e/support/server';
import { type HttpSession, signInOverHttp } from './http-session';

const PASSWORD = 'Demo@2025';
const PARTY_SYSTEM = 'he-thong-57';
const GOVERNMENT_SYSTEM = 'he-thong-71';
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

export type ExchangeDemoOptions = {
  /** Changes to make in the Party system while the Government system is down (at least). */
  outageChanges?: number;
  /** Changes made at a steady pace after recovery, for the steady-state delay. */
  steadyChanges?: number;
  log?: (line: string) => void;
  /** Run each system on this PostgreSQL database instead of its embedded one. */
  databaseUrls?: { party: string; government: string };
};

export type DelayFigures = { events: number; p50Ms: number; p99Ms: number; maxMs: number };

export type ExchangeDemoSummary = {
  /** Change events the Party system produced for the Government system during the run. */
  changes: number;
  /** Of those, acknowledged by the Government system (applied, or recognised as already current). */
  delivered: number;
  /** Object versions applied more than once in the Government system (must be 0). */
  duplicates: number;
  /** Changes not delivered, plus objects whose final state differs between the two systems (must be 0). */
  lost: number;
  /** Delay from the change's commit in one system to its arrival in the other, over all events of the run. */
  p50Ms: number;
  p99Ms: number;
  outage: { changes: number; downMs: number; recoveryMs: number } & DelayFigures;
  steady: DelayFigures;
  /** Redeliveries the receiver recognised by idempotency key and did not apply again. */
  redeliveries: number;
  reportSeenInOtherSystemMs: number;
  approvalSeenBackMs: number;
  objectsCompared: number;
};

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

function delays(values: number[]): DelayFigures {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    events: sorted.length,
    p50Ms: Math.round(quantile(sorted, 0.5)),
    p99Ms: Math.round(quantile(sorted, 0.99)),
    maxMs: Math.round(sorted.at(-1) ?? 0),
  };
}

/** Fails with a clear message instead of hanging the run. */
async function withTimeout<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Quá thời gian (${ms} ms): ${what}`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined) {
        return value;
      }
    } catch {
      // Not there yet (404) or the server is still starting.
    }
    if (Date.now() > deadline) {
      throw new Error(`Quá thời gian chờ: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function serverEnv(systemId: string, name: string): Record<string, string> {
  return {
    TIENDO_SYSTEM_ID: systemId,
    TIENDO_SYSTEM_NAME: name,
    TIENDO_EXCHANGE_POLL_MS: '50',
    TIENDO_EXCHANGE_BACKOFF_BASE_MS: '200',
    TIENDO_EXCHANGE_BACKOFF_MAX_MS: '1000',
    TIENDO_LOG_LEVEL: 'warn',
  };
}

/** Registers `other` in `self` and returns the partner record. */
async function addPartner(self: HttpSession, other: RunningServer, systemId: string, name: string): Promise<Partner> {
  return self.send<Partner>('POST', '/exchange/partners', {
    systemId,
    name,
    baseUrl: `${other.baseUrl}/api/exchange/v1`,
    idScheme: 'shared',
  });
}

/**
 * The two-instance demonstration of issue #8, end to end on 127.0.0.1:
 * 1. start the Party's system (Resolution 57) and the Government's (Resolution 71), both with the demo data;
 * 2. link them as two standing offices would (partners, keys issued and exchanged, push subscriptions);
 * 3. a reporter of Bộ Công an files a progress report with a PDF in the Party system; it appears in the Government
 *    system without re-entry; the ministry's leader approves it there, and the approval appears back;
 * 4. the Government system is stopped; the Party system keeps working (≥ `outageChanges` changes); the Government
 *    system restarts and everything arrives, once;
 * 5. a steady trickle of changes measures the normal delay;
 * 6. both stop, and their databases are compared object by object.
 */
export async function runExchangeDemo(options: ExchangeDemoOptions = {}): Promise<ExchangeDemoSummary> {
  const log = options.log ?? (() => undefined);
  const outageTarget = options.outageChanges ?? 1000;
  const steadyTarget = options.steadyChanges ?? 60;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-exchange-demo-'));
  const dirA = path.join(root, 'he-thong-57');
  const dirB = path.join(root, 'he-thong-71');
  fs.mkdirSync(dirA);
  fs.mkdirSync(dirB);
  // Both ports chosen up front and distinct: B must come back on its own port after the outage, and A must not be
  // handed B's port (free until B binds it) by its own free-port lookup.
  const portA = await findFreePort();
  let portB = await findFreePort();
  while (portB === portA) {
    portB = await findFreePort();
  }
  const envA = {
    ...serverEnv(PARTY_SYSTEM, 'Hệ thống theo dõi, đánh giá thực hiện Nghị quyết 57-NQ/TW'),
    ...(options.databaseUrls ? { DATABASE_URL: options.databaseUrls.party } : {}),
  };
  const envB = {
    ...serverEnv(GOVERNMENT_SYSTEM, 'Hệ thống theo dõi, đánh giá thực hiện Nghị quyết 71/NQ-CP'),
    ...(options.databaseUrls ? { DATABASE_URL: options.databaseUrls.government } : {}),
  };
  let a: RunningServer | null = null;
  let b: RunningServer | null = null;
  try {
    log('Khởi động hai hệ thống (dữ liệu mẫu từ các văn bản nguồn)…');
    [a, b] = await Promise.all([
      startServer({ dataDir: dirA, port: portA, args: ['--demo'], env: envA, readyTimeoutMs: 240_000 }),
      startServer({ dataDir: dirB, port: portB, args: ['--demo'], env: envB, readyTimeoutMs: 240_000 }),
    ]);
    const serverA = a;
    let serverB: RunningServer = b;
    log(`Hệ thống 57: ${serverA.baseUrl} — Hệ thống 71: ${serverB.baseUrl}`);

    // ---- 2. link
    const adminA = await signInOverHttp(serverA.baseUrl, 'admin', PASSWORD);
    let adminB = await signInOverHttp(serverB.baseUrl, 'admin', PASSWORD);
    const bInA = await addPartner(adminA, serverB, GOVERNMENT_SYSTEM, 'Hệ thống Nghị quyết 71 (Chính phủ)');
    const aInB = await addPartner(adminB, serverA, PARTY_SYSTEM, 'Hệ thống Nghị quyết 57 (Đảng)');
    const keyAGivesB = await adminA.send<IssuedCredential>('POST', `/exchange/partners/${bInA.id}/credentials`, {
      label: 'Khóa cho hệ thống 71',
    });
    const keyBGivesA = await adminB.send<IssuedCredential>('POST', `/exchange/partners/${aInB.id}/credentials`, {
      label: 'Khóa cho hệ thống 57',
    });
    await adminA.send('PATCH', `/exchange/partners/${bInA.id}`, { outboundKey: keyBGivesA.apiKey });
    await adminB.send('PATCH', `/exchange/partners/${aInB.id}`, { outboundKey: keyAGivesB.apiKey });
    await adminA.send('POST', `/exchange/partners/${bInA.id}/subscriptions`, {
      url: `${serverB.baseUrl}/api/exchange/v1/events`,
      from: 'now',
    });
    await adminB.send('POST', `/exchange/partners/${aInB.id}/subscriptions`, {
      url: `${serverA.baseUrl}/api/exchange/v1/events`,
      from: 'now',
    });
    const hwStart = (await adminA.get<ExchangeOverview>('/exchange')).highWatermark;
    log('Đã liên kết hai hệ thống (khóa Ed25519 trao đổi, đăng ký nhận thay đổi).');

    // ---- 3. one report, entered once
    const reporterA = await signInOverHttp(serverA.baseUrl, 'baocao.bocongan', PASSWORD);
    const period = new Date().toISOString().slice(0, 7);
    const obligations = await reporterA.get<Obligations>(`/reporting/my-obligations?period=${period}`);
    const open = obligations.items.filter((o) => o.role === 'lead' && !o.report);
    const first = open[0];
    if (!first) {
      throw new Error('Bộ Công an không có nhiệm vụ nào cần báo cáo trong dữ liệu mẫu.');
    }
    let report = await reporterA.send<ProgressReport>('POST', '/reports', {
      assignmentId: first.assignmentId,
      period,
      state: 'in-progress',
      narrative: 'Đã hoàn thành kết nối thử nghiệm; báo cáo nhập một lần trên Hệ thống 57.',
    });
    await reporterA.upload(`/reports/${report.id}/evidence`, 'minh-chung.pdf', PDF, 'application/pdf');
    const submittedAt = Date.now();
    report = await reporterA.send<ProgressReport>('POST', `/reports/${report.id}/submit`, {
      rowVersion: report.rowVersion,
    });
    const leaderB = await signInOverHttp(serverB.baseUrl, 'lanhdao.bocongan', PASSWORD);
    const seenInB = await waitFor('báo cáo xuất hiện ở hệ thống 71', async () => {
      const there = await leaderB.get<ProgressReport>(`/reports/${report.id}`);
      return there.workflowStatus === 'submitted' && there.evidence.length === 1 ? there : null;
    });
    const reportSeenInOtherSystemMs = Date.now() - submittedAt;
    log(`Báo cáo nhập ở hệ thống 57 đã có ở hệ thống 71 sau ${reportSeenInOtherSystemMs} ms (kèm minh chứng).`);
    const approvedAt = Date.now();
    await leaderB.send('POST', `/reports/${report.id}/approve`, { rowVersion: seenInB.rowVersion });
    await waitFor('phê duyệt ở hệ thống 71 về tới hệ thống 57', async () => {
      const back = await reporterA.get<ProgressReport>(`/reports/${report.id}`);
      return back.workflowStatus === 'leader-approved' ? back : null;
    });
    const approvalSeenBackMs = Date.now() - approvedAt;
    log(`Lãnh đạo phê duyệt trên hệ thống 71; hệ thống 57 thấy sau ${approvalSeenBackMs} ms.`);

    // ---- 4. outage
    log('Dừng hệ thống 71…');
    await serverB.stop();
    const downAt = Date.now();
    const hwBeforeOutage = (await adminA.get<ExchangeOverview>('/exchange')).highWatermark;
    const candidates = obligations.items.filter((o) => o.role === 'lead').slice(1);
    let made = 0;
    const drafts = new Map<string, ProgressReport>();
    const periods = Array.from({ length: 12 }, (_, i) => {
      const d = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 11 + i, 1));
      return d.toISOString().slice(0, 7);
    });
    let failuresInARow = 0;
    let lastFailure = '';
    for (let round = 0; made < outageTarget; round++) {
      for (const item of candidates) {
        for (const p of periods) {
          if (made >= outageTarget) {
            break;
          }
          const key = `${item.assignmentId}|${p}`;
          const previous = drafts.get(key);
          try {
            const saved = await reporterA.send<ProgressReport>('POST', '/reports', {
              assignmentId: item.assignmentId,
              period: p,
              state: 'in-progress',
              narrative: `Tiến độ kỳ ${p}, lần cập nhật ${round + 1} (nhập khi hệ thống 71 đang dừng).`,
              ...(previous ? { rowVersion: previous.rowVersion } : {}),
            });
            drafts.set(key, saved);
          } catch (error) {
            // Some combinations are refused (e.g. a period the assignment does not owe); a run of refusals is a bug.
            failuresInARow++;
            lastFailure = (error as Error).message;
            if (failuresInARow >= 100) {
              throw new Error(`100 lần lưu báo cáo liên tiếp bị từ chối; lỗi cuối: ${lastFailure}`);
            }
            continue;
          }
          failuresInARow = 0;
          made = (await adminA.get<ExchangeOverview>('/exchange')).highWatermark - hwBeforeOutage;
        }
      }
      if (candidates.length === 0) {
        throw new Error('Không có nhiệm vụ để tạo thay đổi trong thời gian dừng.');
      }
    }
    const hwAfterOutage = (await adminA.get<ExchangeOverview>('/exchange')).highWatermark;
    log(`Trong lúc hệ thống 71 dừng, hệ thống 57 có ${hwAfterOutage - hwBeforeOutage} thay đổi. Khởi động lại 71…`);
    serverB = await startServer({ dataDir: dirB, port: portB, args: ['--demo'], env: envB, readyTimeoutMs: 240_000 });
    b = serverB;
    const downMs = Date.now() - downAt;
    const restartedAt = Date.now();
    await waitFor(
      'hệ thống 57 gửi hết thay đổi tồn đọng',
      async () => {
        const overview = await adminA.get<ExchangeOverview>('/exchange');
        const sub = overview.partners.find((p) => p.id === bInA.id)?.subscriptions[0];
        return sub && sub.pending === 0 && sub.cursorSeq >= hwAfterOutage ? sub : null;
      },
      300_000,
    );
    const recoveryMs = Date.now() - restartedAt;
    log(`Đã nhận đủ sau ${recoveryMs} ms kể từ khi khởi động lại.`);

    // ---- 5. steady trickle
    adminB = await signInOverHttp(serverB.baseUrl, 'admin', PASSWORD);
    const hwBeforeSteady = (await adminA.get<ExchangeOverview>('/exchange')).highWatermark;
    const steadyItems = [...drafts.values()].slice(0, steadyTarget);
    for (const [i, draft] of steadyItems.entries()) {
      const saved = await reporterA.send<ProgressReport>('POST', '/reports', {
        assignmentId: draft.assignmentId,
        period: draft.period,
        state: 'in-progress',
        narrative: `${draft.narrative} Cập nhật đều đặn ${i + 1}.`,
        rowVersion: draft.rowVersion,
      });
      drafts.set(`${draft.assignmentId}|${draft.period}`, saved);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const hwEnd = (await adminA.get<ExchangeOverview>('/exchange')).highWatermark;
    await waitFor('thay đổi đều đặn đã tới', async () => {
      const overview = await adminA.get<ExchangeOverview>('/exchange');
      const sub = overview.partners.find((p) => p.id === bInA.id)?.subscriptions[0];
      return sub && sub.pending === 0 && sub.cursorSeq >= hwEnd ? sub : null;
    });
    // B's own pushes (the approval) must have settled too before both stop.
    await waitFor('hệ thống 71 gửi hết', async () => {
      const overview = await adminB.get<ExchangeOverview>('/exchange');
      const sub = overview.partners[0]?.subscriptions[0];
      return sub && sub.pending === 0 ? sub : null;
    });

    // ---- 6. stop both and compare
    const stopping = Date.now();
    await serverA.stop();
    const stopAMs = Date.now() - stopping;
    await serverB.stop();
    a = null;
    b = null;
    log(`Đã dừng hai hệ thống (${stopAMs} ms, ${Date.now() - stopping - stopAMs} ms); so sánh dữ liệu…`);
    const opening = Date.now();
    const handleA = await openDatabase({ dataDir: dirA, databaseUrl: options.databaseUrls?.party });
    const handleB = await openDatabase({ dataDir: dirB, databaseUrl: options.databaseUrls?.government });
    log(`Đã mở hai cơ sở dữ liệu để so sánh (${Date.now() - opening} ms).`);
    try {
      return await withTimeout(
        'so sánh dữ liệu hai hệ thống',
        180_000,
        compare(handleA, handleB, {
          hwStart,
          hwBeforeOutage,
          hwAfterOutage,
          hwBeforeSteady,
          hwEnd,
          downMs,
          recoveryMs,
          reportSeenInOtherSystemMs,
          approvalSeenBackMs,
        }),
      );
    } finally {
      await handleA.close();
      await handleB.close();
    }
  } finally {
    await a?.stop();
    await b?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

type Marks = {
  hwStart: number;
  hwBeforeOutage: number;
  hwAfterOutage: number;
  hwBeforeSteady: number;
  hwEnd: number;
  downMs: number;
  recoveryMs: number;
  reportSeenInOtherSystemMs: number;
  approvalSeenBackMs: number;
};

async function compare(a: DatabaseHandle, b: DatabaseHandle, marks: Marks): Promise<ExchangeDemoSummary> {
  const changes = await queryRows<{
    seq: string | number;
    object_type: ExchangeObjectType;
    object_id: string;
    changed_at: string;
  }>(
    a.db,
    sql`select seq, object_type, object_id, changed_at from exchange_changes
        where seq > ${marks.hwStart} and origin is null order by seq`,
  );
  const deliveries = await queryRows<{ seq: string | number; status: string }>(
    a.db,
    sql`select seq, status from exchange_deliveries where seq > ${marks.hwStart}`,
  );
  const deliveredSeqs = new Set(deliveries.filter((d) => d.status === 'delivered').map((d) => Number(d.seq)));
  const inbox = await queryRows<{ event_id: string; received_at: string; redeliveries: number }>(
    b.db,
    sql`select event_id, received_at, redeliveries from exchange_inbox where event_id like ${`${PARTY_SYSTEM}:%`}`,
  );
  const receivedAt = new Map(inbox.map((r) => [r.event_id, new Date(r.received_at).getTime()]));
  const doubleApplied = await queryRows<{ n: string | number }>(
    b.db,
    sql`select count(*) as n from (select object_type, object_id, version from exchange_inbox
        where status = 'applied' group by 1, 2, 3 having count(*) > 1) d`,
  );

  const all: number[] = [];
  const outage: number[] = [];
  const steady: number[] = [];
  let undelivered = 0;
  for (const c of changes) {
    const seq = Number(c.seq);
    const arrived = receivedAt.get(`${PARTY_SYSTEM}:${seq}`);
    if (!deliveredSeqs.has(seq) || arrived === undefined) {
      undelivered++;
      continue;
    }
    const delay = Math.max(0, arrived - new Date(c.changed_at).getTime());
    all.push(delay);
    if (seq > marks.hwBeforeOutage && seq <= marks.hwAfterOutage) {
      outage.push(delay);
    } else if (seq > marks.hwBeforeSteady && seq <= marks.hwEnd) {
      steady.push(delay);
    }
  }

  const touched = new Map<ExchangeObjectType, Set<string>>();
  for (const c of changes) {
    touched.set(c.object_type, (touched.get(c.object_type) ?? new Set()).add(c.object_id));
  }
  let differing = 0;
  let compared = 0;
  for (const [type, ids] of touched) {
    const here = await loadObjects(a.db, type, [...ids]);
    const there = await loadObjects(b.db, type, [...ids]);
    for (const id of ids) {
      compared++;
      if (canonicalJson(here.get(id) ?? null) !== canonicalJson(there.get(id) ?? null)) {
        differing++;
      }
    }
  }
  const overall = delays(all);
  return {
    changes: changes.length,
    delivered: changes.length - undelivered,
    duplicates: Number(doubleApplied[0]?.n ?? 0),
    lost: undelivered + differing,
    p50Ms: overall.p50Ms,
    p99Ms: overall.p99Ms,
    outage: {
      changes: marks.hwAfterOutage - marks.hwBeforeOutage,
      downMs: marks.downMs,
      recoveryMs: marks.recoveryMs,
      ...delays(outage),
    },
    steady: delays(steady),
    redeliveries: inbox.reduce((sum, r) => sum + r.redeliveries, 0),
    reportSeenInOtherSystemMs: marks.reportSeenInOtherSystemMs,
    approvalSeenBackMs: marks.approvalSeenBackMs,
    objectsCompared: compared,
  };
}
