import { buildApp } from '@server/app';
import type { AppConfig } from '@server/config/env';
import { loadConfig } from '@server/config/env';
import { migrateDatabase, openDatabase } from '@server/db/client';
import { assignments, directives, tasks } from '@server/db/schema';
import type { Clock } from '@server/lib/clock';
import { fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { newId } from '@server/lib/ids';
import {
  createPartner,
  createSubscription,
  type ExchangeDeps,
  identityOf,
  issueCredential,
  pullFromPartner,
  updatePartner,
} from '@server/modules/exchange/exchange.service';
import { dispatchOnce } from '@server/modules/exchange/outbox-dispatcher';
import { foldText } from '@shared/lib/vn-text';
import { buildTestApp, type TestApp } from './test-app';

export type Instance = TestApp & {
  systemId: string;
  baseUrl: string;
  deps: ExchangeDeps;
  /** Pushes everything due to every subscription (one dispatcher round, repeated until idle). */
  dispatch: () => Promise<{ delivered: number; failed: number }>;
};

function exchangeConfigFor(
  systemId: string,
  secretKey?: string,
  overrides: Partial<AppConfig['exchange']> = {},
): AppConfig['exchange'] {
  return {
    ...loadConfig().exchange,
    systemId,
    systemName: `Hệ thống thử ${systemId}`,
    backoffBaseMs: 10,
    backoffMaxMs: 50,
    ...(secretKey ? { secretKey } : {}),
    ...overrides,
  };
}

/** A migrated instance with nothing in it (not even the agency register): the target of a full replay. */
export async function startEmptyInstance(systemId: string): Promise<Instance> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(handle);
  const storage = createMemoryFileStorage();
  const exchange = exchangeConfigFor(systemId);
  const app = await buildApp({
    config: loadConfig({ dataDir: 'memory://', webDistDir: undefined, exchange }),
    db: handle.db,
    driver: handle.driver,
    clock: fixedClock('2025-07-18T03:00:00Z'),
    storage,
  });
  await app.ready();
  return wrap(
    {
      app,
      handle,
      storage,
      close: async () => {
        await app.close();
        await handle.close();
      },
    },
    exchange,
    fixedClock('2025-07-18T03:00:00Z'),
  );
}

export async function startInstance(
  systemId: string,
  options: { clock?: Clock; secretKey?: string; ratePerMinute?: number } = {},
): Promise<Instance> {
  const exchange = exchangeConfigFor(
    systemId,
    options.secretKey,
    options.ratePerMinute ? { ratePerMinute: options.ratePerMinute } : {},
  );
  const t = await buildTestApp({ config: { exchange }, ...(options.clock ? { clock: options.clock } : {}) });
  return wrap(t, exchange, options.clock ?? fixedClock('2025-07-18T03:00:00Z'));
}

async function wrap(t: TestApp, exchange: AppConfig['exchange'], clock: Clock): Promise<Instance> {
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const deps: ExchangeDeps = {
    db: t.handle.db,
    clock,
    storage: t.storage,
    config: exchange,
  };
  const identity = await identityOf(deps);
  return {
    ...t,
    systemId: identity.systemId,
    baseUrl: `${address}/api/exchange/v1`,
    deps,
    async dispatch() {
      let delivered = 0;
      let failed = 0;
      for (let i = 0; i < 1000; i++) {
        const round = await dispatchOnce({
          db: deps.db,
          clock: deps.clock,
          config: exchange,
          systemId: identity.systemId,
        });
        delivered += round.delivered;
        failed += round.failed;
        if (round.attempted === 0 || round.delivered === 0) {
          break;
        }
      }
      return { delivered, failed };
    },
  };
}

/**
 * Links two instances both ways, as two standing offices would: each registers the other, issues it a key, stores
 * the key it was given, and pushes its changes to the other's events endpoint (from now on).
 */
export async function linkInstances(a: Instance, b: Instance, options: { from?: 'beginning' | 'now' } = {}) {
  const partnerIn = async (self: Instance, other: Instance) =>
    createPartner(self.deps, null, {
      systemId: other.systemId,
      name: other.systemId,
      baseUrl: other.baseUrl,
      idScheme: 'shared',
    });
  const bInA = await partnerIn(a, b);
  const aInB = await partnerIn(b, a);
  const keyForB = await issueCredential(a.deps, null, bInA.id, {
    scopes: ['feed:read', 'events:write', 'files:read', 'subscriptions:write'],
  });
  const keyForA = await issueCredential(b.deps, null, aInB.id, {
    scopes: ['feed:read', 'events:write', 'files:read', 'subscriptions:write'],
  });
  await updatePartner(a.deps, null, bInA.id, { outboundKey: keyForA.apiKey as string });
  await updatePartner(b.deps, null, aInB.id, { outboundKey: keyForB.apiKey as string });
  const from = options.from ?? 'now';
  await createSubscription(a.deps, null, bInA.id, { url: `${b.baseUrl}/events`, objectTypes: [], from });
  await createSubscription(b.deps, null, aInB.id, { url: `${a.baseUrl}/events`, objectTypes: [], from });
  return { bInA, aInB, keyForA: keyForA.apiKey as string, keyForB: keyForB.apiKey as string };
}

/** Registers `source` as a partner of `target` and pulls its whole feed from the beginning into `target`. */
export async function pullAll(source: Instance, target: Instance) {
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
  const key = await issueCredential(source.deps, null, targetInSource.id, { scopes: ['feed:read', 'files:read'] });
  await updatePartner(target.deps, null, sourceInTarget.id, { outboundKey: key.apiKey as string });
  return pullFromPartner(target.deps, sourceInTarget.id, { pageSize: 1000 });
}

/** A directive with one task (due 31/12/2025) led by `agencyId`, written straight into `instance`'s database. */
export async function createTaskIn(instance: Instance, agencyId: string, wording = 'Kết nối, chia sẻ dữ liệu') {
  const db = instance.handle.db;
  const directiveId = newId();
  const title = `Kế hoạch ${wording.toLowerCase()} ${directiveId.slice(0, 8)}`;
  await db.insert(directives).values({
    id: directiveId,
    stableKey: `test:${directiveId}`,
    kind: 'ke-hoach',
    title,
    titleFolded: foldText(title),
  });
  const taskId = newId();
  const text = `${wording} ${taskId.slice(0, 8)}`;
  await db.insert(tasks).values({
    id: taskId,
    identityKey: `test:${taskId}`,
    directiveId,
    text,
    textFolded: foldText(text),
    deadlineKind: 'date',
    deadlineDue: '2025-12-31',
    provenance: { file: 'test' },
  });
  const assignmentId = newId();
  await db.insert(assignments).values({ id: assignmentId, taskId, agencyId, role: 'lead' });
  return { directiveId, taskId, assignmentId };
}
