import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '@server/app';
import { type ExchangeConfig, loadConfig } from '@server/config/env';
import { type DatabaseHandle, type Db, migrateDatabase, openDatabase, queryRows } from '@server/db/client';
import * as schema from '@server/db/schema/index';
import { systemClock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { readChangeFeed } from '@server/modules/exchange/change-feed';
import {
  createPartner,
  createSubscription,
  type ExchangeDeps,
  identityOf,
  issueCredential,
  partnerFileSource,
  pullFromPartner,
  updatePartner,
} from '@server/modules/exchange/exchange.service';
import { createPartnerClient } from '@server/modules/exchange/exchange-client';
import { receiveEvents } from '@server/modules/exchange/inbound.service';
import { canonicalJson, loadObjects } from '@server/modules/exchange/object-codec';
import { startOutboxDispatcher } from '@server/modules/exchange/outbox-dispatcher';
import type { ExchangeObjectType } from '@shared/contracts/exchange';
import { type Logger, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import type { FastifyInstance } from 'fastify';
import type { BenchMeasure } from '../bench-context';
import { perSecond, round, summarizeLatencies } from '../lib/stats';

const FEED_PAGE_SIZES = [500, 2000] as const;
/** Wall-time budget of the replay through pull; the rest of the national feed is left out (reported as such). */
const REPLAY_BUDGET_MS = 45_000;
const REPLAY_PAGE_SIZE = 500;
/** Events applied by a direct `receiveEvents` call with the query profiler on. */
const PROFILE_EVENTS = 500;
const LOAD_PER_SECOND = 20;
const LOAD_SECONDS = 30;
const POLL_SETTINGS_MS = [100, 250] as const;
const DRAIN_TIMEOUT_MS = 30_000;

type Side = {
  name: string;
  app: FastifyInstance;
  handle: DatabaseHandle;
  db: Db;
  deps: ExchangeDeps;
  systemId: string;
  baseUrl: string;
  close: () => Promise<void>;
};

type ShapeStats = { calls: number; ms: number };

/**
 * Drizzle logger that attributes the wall time between one logged query and the next to the first (the database is
 * single-threaded in-process, so this is where the time goes, JS work in between included). On only when asked.
 */
function createQueryProfiler() {
  const shapes = new Map<string, ShapeStats>();
  let last: { shape: string; at: number } | null = null;
  let enabled = false;
  let queries = 0;
  const close = (at: number) => {
    if (last) {
      const s = shapes.get(last.shape) ?? { calls: 0, ms: 0 };
      s.calls += 1;
      s.ms += at - last.at;
      shapes.set(last.shape, s);
      last = null;
    }
  };
  const logger: Logger = {
    logQuery(query: string) {
      if (!enabled) {
        return;
      }
      const at = performance.now();
      close(at);
      queries += 1;
      last = { shape: shapeOf(query), at };
    },
  };
  return {
    logger,
    start() {
      shapes.clear();
      queries = 0;
      last = null;
      enabled = true;
    },
    stop() {
      close(performance.now());
      enabled = false;
      return { queries, shapes: new Map(shapes) };
    },
  };
}

function shapeOf(query: string): string {
  return query
    .replace(/\s+/g, ' ')
    .replace(/\(\$\d+(, \$\d+)*\)/g, '($…)')
    .replace(/\bsp\d+\b/g, 'sp')
    .slice(0, 140);
}

function exchangeConfig(systemId: string, pollMs = 250): ExchangeConfig {
  return {
    ...loadConfig().exchange,
    systemId,
    systemName: `Hệ thống đo ${systemId}`,
    pollMs,
    ratePerMinute: 1_000_000,
    backoffBaseMs: 50,
    backoffMaxMs: 1000,
  };
}

/** An instance on 127.0.0.1 with the real system clock (delays compare both sides' timestamps). */
async function startSide(name: string, handle: DatabaseHandle, db: Db, dataDir: string): Promise<Side> {
  const exchange = exchangeConfig(name);
  const storage = createMemoryFileStorage();
  const app = await buildApp({
    config: loadConfig({ dataDir, webDistDir: undefined, exchange }),
    db,
    driver: handle.driver,
    clock: systemClock,
    storage,
  });
  await app.ready();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const deps: ExchangeDeps = { db, clock: systemClock, storage, config: exchange };
  const identity = await identityOf(deps);
  return {
    name,
    app,
    handle,
    db,
    deps,
    systemId: identity.systemId,
    baseUrl: `${address}/api/exchange/v1`,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/**
 * Registers each side as the other's partner: the target may read the source's feed (pull) and the source may push
 * to the target's events endpoint (subscription added later, from "now").
 */
async function link(source: Side, target: Side) {
  const sourceInTarget = await createPartner(target.deps, null, {
    systemId: source.systemId,
    name: source.systemId,
    baseUrl: source.baseUrl,
    idScheme: 'shared',
  });
  const targetInSource = await createPartner(source.deps, null, {
    systemId: target.systemId,
    name: target.systemId,
    baseUrl: target.baseUrl,
    idScheme: 'shared',
  });
  const readKey = await issueCredential(source.deps, null, targetInSource.id, { scopes: ['feed:read', 'files:read'] });
  const pushKey = await issueCredential(target.deps, null, sourceInTarget.id, {
    scopes: ['events:write', 'files:read'],
  });
  await updatePartner(target.deps, null, sourceInTarget.id, { outboundKey: readKey.apiKey as string });
  await updatePartner(source.deps, null, targetInSource.id, { outboundKey: pushKey.apiKey as string });
  return { sourceInTarget, targetInSource, readKey: readKey.apiKey as string };
}

async function feedComposition(db: Db) {
  const rows = await queryRows<{ object_type: string; n: number }>(
    db,
    sql`select object_type, count(*)::int as n from exchange_changes group by object_type order by min(seq)`,
  );
  return Object.fromEntries(rows.map((r) => [r.object_type, r.n]));
}

async function timeFeed(
  read: (after: number, limit: number) => Promise<{ events: unknown[]; nextCursor: number; hasMore: boolean }>,
  limit: number,
) {
  let cursor = 0;
  let pages = 0;
  let objects = 0;
  const pageMs: number[] = [];
  const started = performance.now();
  for (;;) {
    const t0 = performance.now();
    const page = await read(cursor, limit);
    pageMs.push(performance.now() - t0);
    pages++;
    objects += page.events.length;
    cursor = page.nextCursor;
    if (!page.hasMore) {
      break;
    }
  }
  const ms = performance.now() - started;
  const page = summarizeLatencies(pageMs);
  return {
    pageSize: limit,
    pages,
    objects,
    ms: round(ms, 0),
    objectsPerSecond: perSecond(objects, ms, 0),
    pageP50Ms: page.p50Ms,
    pageP99Ms: page.p99Ms,
  };
}

/** Objects of the given ids equal on both sides (canonical JSON of the exchanged form)? */
async function compareObjects(a: Db, b: Db, byType: Map<ExchangeObjectType, string[]>) {
  let equal = 0;
  let different = 0;
  let missing = 0;
  for (const [type, ids] of byType) {
    const left = await loadObjects(a, type, ids);
    const right = await loadObjects(b, type, ids);
    for (const id of ids) {
      const x = left.get(id);
      const y = right.get(id);
      if (x && !y) {
        missing++;
      } else if (canonicalJson(x ?? null) === canonicalJson(y ?? null)) {
        equal++;
      } else {
        different++;
      }
    }
  }
  return { equal, different, missing };
}

async function changedObjects(db: Db, afterSeq: number, uptoSeq: number) {
  const rows = await queryRows<{ object_type: ExchangeObjectType; object_id: string }>(
    db,
    sql`select distinct object_type, object_id from exchange_changes where seq > ${afterSeq} and seq <= ${uptoSeq}`,
  );
  const byType = new Map<ExchangeObjectType, string[]>();
  for (const r of rows) {
    byType.set(r.object_type, [...(byType.get(r.object_type) ?? []), r.object_id]);
  }
  return byType;
}

async function highWatermarkOf(db: Db): Promise<number> {
  const [row] = await queryRows<{ hw: string | number | null }>(db, sql`select max(seq) as hw from exchange_changes`);
  return Number(row?.hw ?? 0);
}

/** Full replay through pull (signed HTTP feed → receiveEvents), one page per call, until done or out of budget. */
async function timeReplay(source: Side, target: Side, partnerId: string, log: (m: string) => void) {
  const byType: Record<string, { events: number; ms: number }> = {};
  const counts: Record<string, number> = {};
  let cursor = 0;
  let pages = 0;
  let events = 0;
  const hw = await highWatermarkOf(source.db);
  const started = performance.now();
  let complete = false;
  while (performance.now() - started < REPLAY_BUDGET_MS) {
    const t0 = performance.now();
    const result = await pullFromPartner(target.deps, partnerId, { pageSize: REPLAY_PAGE_SIZE, maxPages: 1 });
    const ms = performance.now() - t0;
    const types = await queryRows<{ object_type: string; n: number }>(
      source.db,
      sql`select object_type, count(*)::int as n from exchange_changes where seq > ${cursor} and seq <= ${result.cursor}
          group by object_type`,
    );
    const total = types.reduce((a, t) => a + t.n, 0);
    for (const t of types) {
      const entry = byType[t.object_type] ?? { events: 0, ms: 0 };
      entry.events += t.n;
      entry.ms += (ms * t.n) / Math.max(1, total);
      byType[t.object_type] = entry;
    }
    for (const [k, v] of Object.entries(result.counts)) {
      counts[k] = (counts[k] ?? 0) + v;
    }
    cursor = result.cursor;
    pages += result.pages;
    events += result.events;
    if (pages % 10 === 0) {
      log(`  exchange: replay ${events}/${hw} events, ${round(events / ((performance.now() - started) / 1000), 0)}/s`);
    }
    if (cursor >= hw) {
      complete = true;
      break;
    }
  }
  const ms = performance.now() - started;
  const applied = counts.applied ?? 0;
  const verification = await compareObjects(source.db, target.db, await changedObjects(source.db, 0, cursor));
  return {
    pageSize: REPLAY_PAGE_SIZE,
    budgetMs: REPLAY_BUDGET_MS,
    complete,
    feedTotal: hw,
    cursor,
    pages,
    events,
    counts,
    ms: round(ms, 0),
    eventsPerSecond: perSecond(events, ms, 1),
    appliedObjectsPerSecond: perSecond(applied, ms, 1),
    byType: Object.fromEntries(
      Object.entries(byType).map(([type, v]) => [
        type,
        { events: v.events, ms: round(v.ms, 0), eventsPerSecond: perSecond(v.events, v.ms, 1) },
      ]),
    ),
    /** Objects changed up to the cursor, compared source ↔ target after the replay. */
    verification,
  };
}

/** The next page of the source's feed applied by a direct `receiveEvents` call with the query profiler on. */
async function profileReceive(
  source: Side,
  target: Side,
  profiler: ReturnType<typeof createQueryProfiler>,
  after: number,
) {
  const page = await readChangeFeed(source.db, source.systemId, { after, limit: PROFILE_EVENTS });
  const [partner] = await target.db
    .select()
    .from(schema.exchangePartners)
    .where(sql`${schema.exchangePartners.systemId} = ${source.systemId}`);
  if (!partner) {
    return null;
  }
  if (page.events.length === 0) {
    return { skipped: 'the replay applied the whole feed within its budget: nothing left to profile' };
  }
  const types: Record<string, number> = {};
  for (const e of page.events) {
    types[e.objectType] = (types[e.objectType] ?? 0) + 1;
  }
  const inbound = { db: target.db, clock: systemClock, storage: target.deps.storage, systemId: target.systemId };
  profiler.start();
  const t0 = performance.now();
  const result = await receiveEvents(
    inbound,
    partner,
    page.events,
    partnerFileSource(partner, { clock: systemClock, config: target.deps.config }),
  );
  const ms = performance.now() - t0;
  const { queries, shapes } = profiler.stop();
  const n = page.events.length;
  const top = [...shapes.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 12)
    .map(([shape, s]) => ({
      sql: shape,
      calls: s.calls,
      perEvent: round(s.calls / n, 2),
      ms: round(s.ms, 0),
      share: round(s.ms / ms, 3),
    }));
  return {
    events: n,
    types,
    counts: result.counts,
    ms: round(ms, 0),
    eventsPerSecond: perSecond(n, ms, 1),
    queries,
    queriesPerEvent: round(queries / n, 1),
    msPerEvent: round(ms / n, 2),
    top,
  };
}

type Target = { table: 'tasks' | 'agencies'; column: 'notes' | 'note'; type: ExchangeObjectType; ids: string[] };

/** Objects present on both sides to change during the load (tasks if the replay brought enough, else agencies). */
async function loadTargets(target: Side, needed: number): Promise<Target> {
  const tasks = await queryRows<{ id: string }>(target.db, sql`select id from tasks order by id limit ${needed}`);
  if (tasks.length >= needed) {
    return { table: 'tasks', column: 'notes', type: 'task', ids: tasks.map((t) => t.id) };
  }
  const agencies = await queryRows<{ id: string }>(target.db, sql`select id from agencies order by id limit ${needed}`);
  return { table: 'agencies', column: 'note', type: 'agency', ids: agencies.map((a) => a.id) };
}

async function waitForDrain(source: Side, subscriptionId: string, uptoSeq: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < DRAIN_TIMEOUT_MS) {
    const [row] = await queryRows<{ cursor_seq: string | number; pending: number }>(
      source.db,
      sql`select s.cursor_seq, (select count(*)::int from exchange_deliveries d
            where d.subscription_id = s.id and d.status = 'pending') as pending
          from exchange_subscriptions s where s.id = ${subscriptionId}`,
    );
    if (row && Number(row.cursor_seq) >= uptoSeq && row.pending === 0) {
      return performance.now() - started;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return Number.NaN;
}

/**
 * A steady stream of single-row changes on the source (each its own transaction) while the real dispatcher loop
 * pushes them to the target; delay = target's exchange_inbox.applied_at − source's exchange_changes.changed_at.
 */
async function timeDelay(
  source: Side,
  target: Side,
  link: { sourceInTarget: { id: string }; targetInSource: { id: string } },
  subscriptionId: string,
  pollMs: number,
  targets: Target,
  offset: number,
  log: (m: string) => void,
  notify = false,
) {
  const changes = LOAD_PER_SECOND * LOAD_SECONDS;
  const startSeq = await highWatermarkOf(source.db);
  const dispatcherErrors: string[] = [];
  const roundEnds: number[] = [];
  const dispatcher = startOutboxDispatcher({
    db: source.db,
    clock: systemClock,
    config: { ...source.deps.config, pollMs },
    systemId: source.systemId,
    onError: (error) => dispatcherErrors.push((error as Error).message),
    afterRound: async () => {
      roundEnds.push(performance.now());
    },
  });
  // As `tiendo serve` runs it: a committed change wakes the dispatcher (LISTEN/NOTIFY), the poll is the fallback.
  const unlisten = notify ? await source.handle.listen('tiendo_exchange', () => dispatcher.wake()) : null;
  const interval = 1000 / LOAD_PER_SECOND;
  const started = performance.now();
  let lateWrites = 0;
  for (let i = 0; i < changes; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) {
      await new Promise((r) => setTimeout(r, wait));
    } else if (wait < -interval) {
      lateWrites++;
    }
    const id = targets.ids[(offset + i) % targets.ids.length] as string;
    const note = `Ghi chú đo trao đổi (chu kỳ ${pollMs} ms) #${i} lúc ${new Date().toISOString()}`;
    await source.db.execute(sql`update ${sql.identifier(targets.table)} set ${sql.identifier(targets.column)} = ${note}
      where id = ${id}`);
  }
  const loadMs = performance.now() - started;
  const endSeq = await highWatermarkOf(source.db);
  const drainMs = await waitForDrain(source, subscriptionId, endSeq);
  await unlisten?.();
  await dispatcher.stop();
  log(
    `  exchange: poll ${pollMs} ms${notify ? ' + notify' : ''} — ${changes} changes in ${round(loadMs / 1000, 1)} s, drained ${round(drainMs, 0)} ms`,
  );

  const sent = await queryRows<{ seq: string | number; changed_at: string | Date }>(
    source.db,
    sql`select seq, changed_at from exchange_changes where seq > ${startSeq} and seq <= ${endSeq} and origin is null`,
  );
  const inbox = await queryRows<{
    remote_seq: string | number;
    status: string;
    applied_at: string | Date | null;
    received_at: string | Date;
    redeliveries: number;
  }>(
    target.db,
    sql`select remote_seq, status, applied_at, received_at, redeliveries from exchange_inbox
        where partner_id = ${link.sourceInTarget.id} and remote_seq > ${startSeq} and remote_seq <= ${endSeq}`,
  );
  const bySeq = new Map(inbox.map((r) => [Number(r.remote_seq), r]));
  const delays: number[] = [];
  const statuses: Record<string, number> = {};
  let lost = 0;
  let duplicates = 0;
  for (const s of sent) {
    const got = bySeq.get(Number(s.seq));
    if (!got) {
      lost++;
      continue;
    }
    statuses[got.status] = (statuses[got.status] ?? 0) + 1;
    duplicates += got.redeliveries;
    if (got.applied_at) {
      delays.push(new Date(got.applied_at).getTime() - new Date(s.changed_at).getTime());
    }
  }
  const [deliveries] = await queryRows<{ delivered: number; pending: number; dead: number; attempts: number }>(
    source.db,
    sql`select count(*) filter (where status = 'delivered')::int as delivered,
               count(*) filter (where status = 'pending')::int as pending,
               count(*) filter (where status = 'dead')::int as dead,
               coalesce(sum(attempts), 0)::int as attempts
        from exchange_deliveries where subscription_id = ${subscriptionId} and seq > ${startSeq} and seq <= ${endSeq}`,
  );
  const verification = await compareObjects(source.db, target.db, await changedObjects(source.db, startSeq, endSeq));
  const delay = summarizeLatencies(delays);
  // Time from the end of one dispatcher round to the end of the next: the poll pause plus the round's own work.
  const periods = summarizeLatencies(roundEnds.slice(1).map((t, i) => t - (roundEnds[i] as number)));
  return {
    pollMs,
    objectType: targets.type,
    ratePerSecond: LOAD_PER_SECOND,
    seconds: LOAD_SECONDS,
    changes: sent.length,
    achievedRatePerSecond: perSecond(sent.length, loadMs, 1),
    lateWrites,
    delivered: deliveries?.delivered ?? 0,
    pendingAfterDrain: deliveries?.pending ?? 0,
    dead: deliveries?.dead ?? 0,
    pushAttempts: deliveries?.attempts ?? 0,
    received: inbox.length,
    statuses,
    lost,
    duplicates,
    drainMs: round(drainMs, 0),
    p50Ms: delay.p50Ms,
    p99Ms: delay.p99Ms,
    meanMs: delay.meanMs,
    minMs: delay.minMs,
    maxMs: delay.maxMs,
    measuredDelays: delay.n,
    objectsEqual: verification.equal,
    objectsDifferent: verification.different,
    objectsMissing: verification.missing,
    dispatcherRounds: roundEnds.length,
    roundPeriodP50Ms: periods.p50Ms,
    roundPeriodP99Ms: periods.p99Ms,
    dispatcherErrors: dispatcherErrors.slice(0, 3),
  };
}

/**
 * Issue #8 figures: change-feed read throughput (in-process and through the signed HTTP API, pages of 500 and
 * 2,000) on the national-scale dataset; replay of that feed into an empty instance through pull (time-boxed) with a
 * per-query profile of the inbound applier; and end-to-end delay source → target under a steady 20 changes/s with
 * the real outbox dispatcher loop (poll 100 ms and the default 250 ms). Two PGlite instances in one process.
 */
export const exchangeMeasure: BenchMeasure = {
  name: 'exchange',
  description:
    'change feed objects/s (direct + signed HTTP), replay into an empty instance through pull, change→arrival delay p50/p99 at 20 changes/s',
  async run(ctx) {
    const generated = await ctx.generatedDataDir();
    const sourceDir = path.join(ctx.scratchDir, 'exchange-source');
    fs.cpSync(generated.dataDir, sourceDir, { recursive: true });
    fs.rmSync(path.join(sourceDir, 'tiendo.lock'), { force: true });
    const sourceHandle = await openDatabase({ dataDir: sourceDir });
    let source: Side | undefined;
    let target: Side | undefined;
    try {
      await migrateDatabase(sourceHandle);
      source = await startSide('bench-nq57', sourceHandle, sourceHandle.db, sourceDir);
      const profiler = createQueryProfiler();
      const targetHandle = await openDatabase({ dataDir: 'memory://' });
      await migrateDatabase(targetHandle);
      if (!targetHandle.pglite) {
        throw new Error('the target must be an embedded database');
      }
      const targetDb = drizzle({ client: targetHandle.pglite, schema, logger: profiler.logger }) as unknown as Db;
      target = await startSide('bench-nq71', targetHandle, targetDb, path.join(ctx.scratchDir, 'exchange-target'));
      const linked = await link(source, target);
      const composition = await feedComposition(source.db);

      ctx.log('  exchange: reading the change feed…');
      const direct: Record<string, unknown> = {};
      const http: Record<string, unknown> = {};
      const src = source;
      const client = createPartnerClient({ baseUrl: source.baseUrl, apiKey: linked.readKey });
      for (const size of FEED_PAGE_SIZES) {
        direct[size] = await timeFeed((after, limit) => readChangeFeed(src.db, src.systemId, { after, limit }), size);
        http[size] = await timeFeed((after, limit) => client.readFeed(after, limit), size);
        ctx.log(`  exchange: feed pages of ${size}: ${JSON.stringify({ direct: direct[size], http: http[size] })}`);
      }

      ctx.log('  exchange: replaying into an empty instance through pull…');
      const replay = await timeReplay(source, target, linked.sourceInTarget.id, ctx.log);
      ctx.log('  exchange: profiling receiveEvents…');
      const profile = await profileReceive(source, target, profiler, replay.cursor);

      const changesPerRun = LOAD_PER_SECOND * LOAD_SECONDS;
      const targets = await loadTargets(target, changesPerRun * (POLL_SETTINGS_MS.length + 1));
      const subscription = await createSubscription(source.deps, null, linked.targetInSource.id, {
        url: `${target.baseUrl}/events`,
        objectTypes: [],
        from: 'now',
      });
      const delay: Record<string, unknown> = {};
      for (const [k, pollMs] of POLL_SETTINGS_MS.entries()) {
        ctx.log(`  exchange: steady load ${LOAD_PER_SECOND}/s for ${LOAD_SECONDS} s, dispatcher poll ${pollMs} ms…`);
        delay[`poll${pollMs}`] = await timeDelay(
          source,
          target,
          linked,
          subscription.id,
          pollMs,
          targets,
          k * changesPerRun,
          ctx.log,
        );
      }
      ctx.log(`  exchange: steady load ${LOAD_PER_SECOND}/s for ${LOAD_SECONDS} s, poll 250 ms + LISTEN/NOTIFY wake…`);
      delay.notify = await timeDelay(
        source,
        target,
        linked,
        subscription.id,
        250,
        targets,
        POLL_SETTINGS_MS.length * changesPerRun,
        ctx.log,
        true,
      );
      // The headline is what `tiendo serve` does: notification wake-up with the default 250 ms poll as fallback.
      const headline = delay.notify as { p50Ms: number; p99Ms: number };
      const feedHeadline = http[500] as { objectsPerSecond: number };
      return {
        database: 'pglite',
        inProcess: true,
        dataset: { agencies: generated.agencies, tasks: generated.tasks, feedObjects: composition },
        objectsPerSecond: feedHeadline.objectsPerSecond,
        p50Ms: headline.p50Ms,
        p99Ms: headline.p99Ms,
        feed: { direct, http },
        replay,
        receiveProfile: profile,
        delay,
      };
    } finally {
      await target?.close();
      if (source) {
        await source.close();
      } else {
        await sourceHandle.close();
      }
    }
  },
};
