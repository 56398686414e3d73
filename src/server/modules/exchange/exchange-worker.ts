import type { AppDeps } from '@server/app-deps';
import type { DatabaseHandle } from '@server/db/client';
import { exchangeInbox, exchangePartners } from '@server/db/schema';
import { and, eq, exists, inArray, sql } from 'drizzle-orm';
import { partnerFileSource } from './exchange.service';
import { retryParkedEvents } from './inbound.service';
import { pruneExchangeHistory, startOutboxDispatcher } from './outbox-dispatcher';
import { pruneNonces } from './partner-auth';
import { loadSystemIdentity } from './system-identity';

/** Notified by migration 0005's trigger whenever changes commit. */
export const EXCHANGE_CHANNEL = 'tiendo_exchange';

/** How long a shutdown waits for the round in progress. */
const STOP_GRACE_MS = 5_000;

/** Housekeeping between dispatcher rounds: at most this often. */
const HOUSEKEEPING_EVERY_MS = 10_000;

/**
 * The background side of the exchange in a running server: the outbox dispatcher, plus (every 10 s) retrying events
 * parked while waiting for a related object or a file, and forgetting nonces older than the replay window and
 * delivery/inbox bookkeeping past its retention.
 */
export async function startExchangeWorker(
  deps: AppDeps,
  onError: (error: unknown) => void,
  listen?: DatabaseHandle['listen'],
) {
  const identity = await loadSystemIdentity(deps.db, {
    systemId: deps.config.exchange.systemId,
    name: deps.config.exchange.systemName,
    secretKey: deps.config.exchange.secretKey,
  });
  let lastHousekeeping = 0;
  const housekeeping = async () => {
    if (Date.now() - lastHousekeeping < HOUSEKEEPING_EVERY_MS) {
      return;
    }
    lastHousekeeping = Date.now();
    await pruneNonces(deps.db, deps.clock.now());
    await pruneExchangeHistory(deps.db, deps.clock.now());
    const partners = await deps.db
      .select()
      .from(exchangePartners)
      .where(
        and(
          eq(exchangePartners.status, 'active'),
          exists(
            deps.db
              .select({ one: sql`1` })
              .from(exchangeInbox)
              .where(and(eq(exchangeInbox.partnerId, exchangePartners.id), inArray(exchangeInbox.status, ['waiting']))),
          ),
        ),
      );
    for (const partner of partners) {
      await retryParkedEvents(
        { db: deps.db, clock: deps.clock, storage: deps.storage, systemId: identity.systemId },
        partner,
        partnerFileSource(partner, { clock: deps.clock, config: deps.config.exchange }),
      );
    }
  };
  const dispatcher = startOutboxDispatcher({
    db: deps.db,
    clock: deps.clock,
    config: deps.config.exchange,
    systemId: identity.systemId,
    onError,
    afterRound: housekeeping,
  });
  // Without notifications (or if the listening connection is lost) the poll still delivers, only later.
  const unlisten = listen
    ? await listen(EXCHANGE_CHANNEL, () => dispatcher.wake(), onError).catch((error: unknown) => {
        onError(error);
        return null;
      })
    : null;
  return {
    wake: () => dispatcher.wake(),
    /** Stops listening and dispatching; never takes more than a few seconds (a shutdown must reach the database close). */
    async stop() {
      await unlisten?.().catch(() => undefined);
      await Promise.race([dispatcher.stop(), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
    },
  };
}
