import type { ExchangeConfig } from '@server/config/env';
import type { Db } from '@server/db/client';
import { queryRows } from '@server/db/client';
import { exchangeDeliveries, exchangeInbox, exchangePartners, exchangeSubscriptions } from '@server/db/schema';
import type { Clock } from '@server/lib/clock';
import type { EventResult } from '@shared/contracts/exchange';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { changesAt, eventsFor } from './change-feed';
import { outboundKeyOf } from './exchange.service';
import { createPartnerClient, PartnerCallError } from './exchange-client';
import { recordExchangeLog } from './exchange-log';

export type DispatcherDeps = {
  db: Db;
  clock: Clock;
  config: ExchangeConfig;
  systemId: string;
  /** Aborts pushes in flight when the dispatcher stops. */
  signal?: AbortSignal;
};

export type DispatchRound = { attempted: number; delivered: number; failed: number; dead: number };

const MATERIALIZE_CHUNK = 5000;

/** Exponential back-off with ±25 % jitter, so that many senders do not retry in step. */
export function backoffMs(config: ExchangeConfig, failures: number, random: () => number = Math.random): number {
  const raw = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(raw * (0.75 + random() * 0.5));
}

/** Gives every change after the subscription's cursor a delivery row (changes from the partner itself excluded). */
async function materialize(db: Db, subscriptionId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [sub] = await queryRows<{ cursor_seq: string | number; object_types: string[]; system_id: string }>(
      tx,
      sql`select s.cursor_seq, s.object_types, p.system_id from exchange_subscriptions s
          join exchange_partners p on p.id = s.partner_id where s.id = ${subscriptionId} for update of s`,
    );
    if (!sub) {
      return;
    }
    const types = sub.object_types;
    const typeFilter =
      types.length > 0
        ? sql`and object_type in (${sql.join(
            types.map((t) => sql`${t}`),
            sql`, `,
          )})`
        : sql``;
    const [row] = await queryRows<{ last: string | number | null }>(
      tx,
      sql`with batch as (
            select seq, object_type, origin from exchange_changes
            where seq > ${sub.cursor_seq} order by seq limit ${MATERIALIZE_CHUNK}
          ), inserted as (
            insert into exchange_deliveries (subscription_id, seq, next_attempt_at, created_at)
            select ${subscriptionId}, seq, ${now.toISOString()}, ${now.toISOString()} from batch
            where origin is distinct from ${sub.system_id} ${typeFilter}
            on conflict do nothing
          )
          select max(seq) as last from batch`,
    );
    if (row?.last !== null && row?.last !== undefined) {
      await tx
        .update(exchangeSubscriptions)
        .set({ cursorSeq: Number(row.last) })
        .where(eq(exchangeSubscriptions.id, subscriptionId));
    }
  });
}

type DueDelivery = { id: number; seq: number; attempts: number };

/**
 * The push side of the transactional outbox. Each round, for every active subscription: new changes get delivery
 * rows; due deliveries are sent in `seq` order as one signed batch; the receiver's per-event answers settle them.
 * A failed request backs the whole subscription off (the partner is down: order is kept, nothing is skipped); an
 * event the partner rejects backs off alone. After `maxAttempts` failures an event goes to the dead-letter list,
 * from where the standing office can replay it.
 */
export async function dispatchOnce(deps: DispatcherDeps): Promise<DispatchRound> {
  const round: DispatchRound = { attempted: 0, delivered: 0, failed: 0, dead: 0 };
  const subscriptions = await deps.db
    .select({ sub: exchangeSubscriptions, partner: exchangePartners })
    .from(exchangeSubscriptions)
    .innerJoin(exchangePartners, eq(exchangePartners.id, exchangeSubscriptions.partnerId))
    .where(and(eq(exchangeSubscriptions.status, 'active'), eq(exchangePartners.status, 'active')));
  for (const { sub, partner } of subscriptions) {
    const apiKey = outboundKeyOf(partner, deps.config);
    if (!apiKey) {
      continue;
    }
    const now = deps.clock.now();
    await materialize(deps.db, sub.id, now);
    if (sub.nextAttemptAt && sub.nextAttemptAt > now) {
      continue;
    }
    const due = (
      await queryRows<{ id: string | number; seq: string | number; attempts: number }>(
        deps.db,
        sql`select id, seq, attempts from exchange_deliveries
            where subscription_id = ${sub.id} and status = 'pending' and next_attempt_at <= ${now.toISOString()}
            order by seq limit ${deps.config.batchSize}`,
      )
    ).map((r): DueDelivery => ({ id: Number(r.id), seq: Number(r.seq), attempts: r.attempts }));
    if (due.length === 0) {
      continue;
    }
    round.attempted += due.length;
    const events = await deps.db.transaction(
      async (tx) => {
        const changes = await changesAt(
          tx,
          due.map((d) => d.seq),
        );
        return eventsFor(tx, deps.systemId, changes);
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const client = createPartnerClient({ baseUrl: sub.url.replace(/\/events$/, ''), apiKey, signal: deps.signal }, () =>
      deps.clock.now(),
    );
    const started = Date.now();
    let results: EventResult[];
    try {
      results = (await client.pushEvents({ events })).results;
    } catch (error) {
      const message = (error as Error).message;
      const failures = sub.consecutiveFailures + 1;
      await deps.db.transaction(async (tx) => {
        await tx
          .update(exchangeSubscriptions)
          .set({
            consecutiveFailures: failures,
            nextAttemptAt: new Date(now.getTime() + backoffMs(deps.config, failures)),
            lastError: message,
          })
          .where(eq(exchangeSubscriptions.id, sub.id));
        if (isRefusal(error)) {
          round.dead += await failDeliveries(tx, deps, due, message, now);
        }
        await recordExchangeLog(tx, {
          partnerId: partner.id,
          direction: 'out',
          operation: 'push',
          httpStatus: error instanceof PartnerCallError ? error.status : null,
          objectCount: events.length,
          durationMs: Date.now() - started,
          error: message,
        });
      });
      round.failed += due.length;
      continue;
    }
    const outcomeById = new Map(results.map((r) => [r.eventId, r]));
    const bySeq = new Map(events.map((e) => [e.seq, outcomeById.get(e.eventId)]));
    await deps.db.transaction(async (tx) => {
      const settled = new Map<string, number[]>();
      const rejected: DueDelivery[] = [];
      for (const d of due) {
        const result = bySeq.get(d.seq);
        if (!result || result.outcome === 'rejected') {
          rejected.push(d);
          continue;
        }
        settled.set(result.outcome, [...(settled.get(result.outcome) ?? []), d.id]);
      }
      for (const [outcome, ids] of settled) {
        await tx
          .update(exchangeDeliveries)
          .set({ status: 'delivered', outcome, deliveredAt: now, attempts: sql`${exchangeDeliveries.attempts} + 1` })
          .where(inArray(exchangeDeliveries.id, ids));
        round.delivered += ids.length;
      }
      if (rejected.length > 0) {
        const reason = rejected.map((d) => bySeq.get(d.seq)?.reason ?? 'không có kết quả').join('; ');
        round.dead += await failDeliveries(tx, deps, rejected, reason.slice(0, 1000), now);
        round.failed += rejected.length;
      }
      await tx
        .update(exchangeSubscriptions)
        .set({ consecutiveFailures: 0, nextAttemptAt: null, lastError: null, lastDeliveredAt: now })
        .where(eq(exchangeSubscriptions.id, sub.id));
      await recordExchangeLog(tx, {
        partnerId: partner.id,
        direction: 'out',
        operation: 'push',
        httpStatus: 200,
        objectCount: events.length,
        durationMs: Date.now() - started,
      });
    });
  }
  return round;
}

/**
 * The partner answered and refused the request (a revoked key, a bad signature, a body it cannot read): a person has
 * to act, so these failures count towards the dead-letter budget. A partner that is down, times out, fails (5xx) or
 * asks us to slow down (429) is only waited for — with the subscription's back-off, however long the outage lasts —
 * so that an outage never turns into dead letters.
 */
export function isRefusal(error: unknown): boolean {
  return (
    error instanceof PartnerCallError &&
    error.status !== null &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 408 &&
    error.status !== 429
  );
}

async function failDeliveries(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  deps: DispatcherDeps,
  deliveries: readonly DueDelivery[],
  error: string,
  now: Date,
): Promise<number> {
  let dead = 0;
  for (const d of deliveries) {
    const attempts = d.attempts + 1;
    const isDead = attempts >= deps.config.maxAttempts;
    dead += isDead ? 1 : 0;
    await tx
      .update(exchangeDeliveries)
      .set({
        attempts,
        lastError: error,
        status: isDead ? 'dead' : 'pending',
        nextAttemptAt: new Date(now.getTime() + backoffMs(deps.config, attempts)),
      })
      .where(eq(exchangeDeliveries.id, d.id));
  }
  return dead;
}

/**
 * Runs rounds every `pollMs` until stopped, and at once when woken (a committed change notifies `tiendo_exchange`);
 * a wake during a round runs another round right after it. A round that fails is reported and the loop goes on.
 */
export function startOutboxDispatcher(
  deps: DispatcherDeps & { onError?: (error: unknown) => void; afterRound?: () => Promise<void> },
) {
  let stopped = false;
  let inRound = false;
  // Stopping must not wait for a slow partner: a push in flight is aborted (and retried after the restart).
  const aborter = new AbortController();
  const roundDeps = { ...deps, signal: aborter.signal };
  let wokenDuringRound = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      current = round();
    }, delayMs);
  };
  const round = async () => {
    if (stopped || inRound) {
      return;
    }
    inRound = true;
    wokenDuringRound = false;
    const started = Date.now();
    try {
      let result = await dispatchOnce(roundDeps);
      // Keep going while there is a backlog (after an outage) instead of waiting a poll interval per batch.
      while (!stopped && result.delivered > 0 && result.attempted >= deps.config.batchSize) {
        result = await dispatchOnce(roundDeps);
      }
      await deps.afterRound?.();
    } catch (error) {
      deps.onError?.(error);
    }
    inRound = false;
    if (!stopped) {
      // The poll interval runs from the start of a round, so a change waits at most one interval plus one round.
      schedule(wokenDuringRound ? 0 : Math.max(0, deps.config.pollMs - (Date.now() - started)));
    }
  };
  current = round();
  return {
    /** A change was committed: run a round now (or right after the one in progress). */
    wake() {
      if (stopped) {
        return;
      }
      if (inRound) {
        wokenDuringRound = true;
        return;
      }
      clearTimeout(timer);
      current = round();
    },
    async stop() {
      stopped = true;
      aborter.abort();
      clearTimeout(timer);
      await current;
    },
  };
}

/** Delivered rows are bookkeeping once the partner has them; a week is kept for the administration screens. */
export const DELIVERED_RETENTION_DAYS = 7;
/**
 * Settled inbox rows answer redeliveries as duplicates; after this long a redelivery is still harmless (the object's
 * reconciled version makes it `stale`), so the rows can go. Waiting and unmapped rows are kept until settled.
 */
export const INBOX_RETENTION_DAYS = 30;

/** Forgets delivered deliveries and settled inbox rows past their retention; returns how many rows went. */
export async function pruneExchangeHistory(db: Db, now: Date): Promise<{ deliveries: number; inbox: number }> {
  const day = 86_400_000;
  const deliveries = await db
    .delete(exchangeDeliveries)
    .where(
      and(
        eq(exchangeDeliveries.status, 'delivered'),
        lt(exchangeDeliveries.deliveredAt, new Date(now.getTime() - DELIVERED_RETENTION_DAYS * day)),
      ),
    )
    .returning({ id: exchangeDeliveries.id });
  const inbox = await db
    .delete(exchangeInbox)
    .where(
      and(
        inArray(exchangeInbox.status, ['applied', 'unchanged', 'stale', 'conflict', 'rejected']),
        lt(exchangeInbox.receivedAt, new Date(now.getTime() - INBOX_RETENTION_DAYS * day)),
      ),
    )
    .returning({ eventId: exchangeInbox.eventId });
  return { deliveries: deliveries.length, inbox: inbox.length };
}
