import type { ExchangeConfig } from '@server/config/env';
import type { Db } from '@server/db/client';
import { queryRows } from '@server/db/client';
import {
  directives,
  evidence,
  exchangeConflicts,
  exchangeCredentials,
  exchangeDeliveries,
  exchangeIdMap,
  exchangeInbox,
  exchangeLog,
  exchangeObjectLinks,
  exchangeOwnershipRules,
  exchangePartners,
  exchangeSubscriptions,
} from '@server/db/schema';
import { AppError } from '@server/lib/app-error';
import type { Clock } from '@server/lib/clock';
import type { FileStorage } from '@server/lib/file-storage';
import { newId } from '@server/lib/ids';
import type { Actor } from '@server/lib/request-context';
import { createSecretBox } from '@server/lib/secret-box';
import { recordAudit } from '@server/modules/audit/audit.service';
import {
  type ChangeFeedPage,
  type ChangeFeedQuery,
  type Conflict,
  type Credential,
  type CredentialIssue,
  type DeadLetter,
  type EventBatch,
  type EventBatchResult,
  EXCHANGE_API_VERSION,
  EXCHANGE_OBJECT_TYPES,
  type ExchangeEvent,
  type ExchangeObjectType,
  type ExchangeOverview,
  type IdMapping,
  type IssuedCredential,
  type OwnershipRule,
  type Partner,
  type PartnerCreate,
  type PartnerSubscriptionCreate,
  type PartnerUpdate,
  type Subscription,
  type SystemIdentity as SystemIdentityDto,
} from '@shared/contracts/exchange';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { highWatermark, parseTypes, readChangeFeed } from './change-feed';
import { createPartnerClient, PartnerCallError } from './exchange-client';
import { recordExchangeLog } from './exchange-log';
import { applyUpsert, type FileSource, type PartnerRow, receiveEvents, retryParkedEvents } from './inbound.service';
import { deleteObject, differingFields, loadObjects, type ObjectPayload } from './object-codec';
import type { SignedCaller } from './partner-auth';
import { formatApiKey, generateSigningKeyPair, newKeyId, normalizePublicKey, parseApiKey } from './request-signing';
import { loadSystemIdentity, type SystemIdentity } from './system-identity';

export type ExchangeDeps = { db: Db; clock: Clock; storage: FileStorage; config: ExchangeConfig };

export async function identityOf(deps: ExchangeDeps): Promise<SystemIdentity> {
  return loadSystemIdentity(deps.db, {
    systemId: deps.config.systemId,
    name: deps.config.systemName,
    secretKey: deps.config.secretKey,
  });
}

/** The key the partner issued to us, opened from its sealed form (null when none was entered). */
export function outboundKeyOf(partner: PartnerRow, config: Pick<ExchangeConfig, 'secretKey'>): string | null {
  return partner.outboundKey ? createSecretBox(config.secretKey).open(partner.outboundKey) : null;
}

// ---------------------------------------------------------------- partner-facing

export async function describeSystem(deps: ExchangeDeps): Promise<SystemIdentityDto> {
  const identity = await identityOf(deps);
  return {
    system: identity.systemId,
    name: identity.name,
    apiVersion: EXCHANGE_API_VERSION,
    objectTypes: [...EXCHANGE_OBJECT_TYPES],
    publicKey: identity.publicKey,
    highWatermark: await highWatermark(deps.db),
  };
}

export async function feedForPartner(
  deps: ExchangeDeps,
  caller: SignedCaller | null,
  query: ChangeFeedQuery,
): Promise<ChangeFeedPage> {
  const identity = await identityOf(deps);
  return readChangeFeed(deps.db, identity.systemId, {
    after: query.after,
    limit: query.limit,
    types: parseTypes(query.types),
    excludeOrigin: caller?.partner.systemId,
  });
}

/** Where a partner's evidence files are fetched from: its own API (signed with the key it gave us). */
export function partnerFileSource(
  partner: PartnerRow,
  deps: { clock: Clock; config: Pick<ExchangeConfig, 'secretKey'> },
): FileSource {
  return async (sha256) => {
    const apiKey = outboundKeyOf(partner, deps.config);
    if (!partner.baseUrl || !apiKey) {
      throw new Error('đối tác chưa có địa chỉ API hoặc khóa để tải tệp');
    }
    return createPartnerClient({ baseUrl: partner.baseUrl, apiKey }, () => deps.clock.now()).fetchFile(sha256);
  };
}

export async function receiveFromPartner(
  deps: ExchangeDeps,
  caller: SignedCaller,
  batch: EventBatch,
): Promise<EventBatchResult> {
  const identity = await identityOf(deps);
  return receiveEvents(
    { db: deps.db, clock: deps.clock, storage: deps.storage, systemId: identity.systemId },
    caller.partner,
    batch.events as ExchangeEvent[],
    partnerFileSource(caller.partner, deps),
  );
}

/** An evidence file, only if it belongs to an exchanged evidence record (not any stored file). */
export async function evidenceFileForPartner(deps: ExchangeDeps, sha256: string): Promise<Buffer> {
  const [row] = await deps.db
    .select({ storageKey: evidence.storageKey })
    .from(evidence)
    .where(and(eq(evidence.sha256, sha256), eq(evidence.kind, 'file')))
    .limit(1);
  if (!row?.storageKey) {
    throw new AppError('NOT_FOUND');
  }
  return deps.storage.get(row.storageKey);
}

export async function subscribeForPartner(
  deps: ExchangeDeps,
  caller: SignedCaller,
  body: PartnerSubscriptionCreate,
): Promise<{ id: string; cursorSeq: number }> {
  return createSubscriptionRow(deps, caller.partner.id, body);
}

async function createSubscriptionRow(
  deps: ExchangeDeps,
  partnerId: string,
  body: { url: string; objectTypes: ExchangeObjectType[]; from: 'beginning' | 'now' },
): Promise<{ id: string; cursorSeq: number }> {
  const cursorSeq = body.from === 'now' ? await highWatermark(deps.db) : 0;
  const [existing] = await deps.db
    .select()
    .from(exchangeSubscriptions)
    .where(and(eq(exchangeSubscriptions.partnerId, partnerId), eq(exchangeSubscriptions.url, body.url)));
  if (existing) {
    // Subscribing again is idempotent: the cursor is kept, so nothing is skipped or sent twice.
    await deps.db
      .update(exchangeSubscriptions)
      .set({ objectTypes: body.objectTypes, status: 'active', updatedAt: deps.clock.now() })
      .where(eq(exchangeSubscriptions.id, existing.id));
    return { id: existing.id, cursorSeq: existing.cursorSeq };
  }
  const id = newId();
  await deps.db.insert(exchangeSubscriptions).values({
    id,
    partnerId,
    url: body.url,
    objectTypes: body.objectTypes,
    cursorSeq,
    createdAt: deps.clock.now(),
    updatedAt: deps.clock.now(),
  });
  return { id, cursorSeq };
}

// ---------------------------------------------------------------- administration

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function toCredential(row: typeof exchangeCredentials.$inferSelect): Credential {
  return {
    keyId: row.keyId,
    label: row.label,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
    lastUsedAt: iso(row.lastUsedAt),
  };
}

async function partnerOrThrow(db: Db, partnerId: string): Promise<PartnerRow> {
  const [row] = await db.select().from(exchangePartners).where(eq(exchangePartners.id, partnerId));
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}

async function subscriptionsOf(db: Db, partnerIds: string[]): Promise<Subscription[]> {
  if (partnerIds.length === 0) {
    return [];
  }
  const subs = await db
    .select()
    .from(exchangeSubscriptions)
    .where(inArray(exchangeSubscriptions.partnerId, partnerIds))
    .orderBy(asc(exchangeSubscriptions.createdAt));
  const counts =
    subs.length === 0
      ? []
      : await queryRows<{ subscription_id: string; status: string; n: string | number }>(
          db,
          sql`select subscription_id, status, count(*) as n from exchange_deliveries
              where subscription_id in (${sql.join(
                subs.map((s) => sql`${s.id}`),
                sql`, `,
              )})
              group by 1, 2`,
        );
  const count = (id: string, status: string) =>
    Number(counts.find((c) => c.subscription_id === id && c.status === status)?.n ?? 0);
  return subs.map((s) => ({
    id: s.id,
    partnerId: s.partnerId,
    url: s.url,
    objectTypes: s.objectTypes,
    status: s.status as Subscription['status'],
    cursorSeq: s.cursorSeq,
    pending: count(s.id, 'pending'),
    delivered: count(s.id, 'delivered'),
    dead: count(s.id, 'dead'),
    consecutiveFailures: s.consecutiveFailures,
    nextAttemptAt: iso(s.nextAttemptAt),
    lastError: s.lastError,
    lastDeliveredAt: iso(s.lastDeliveredAt),
  }));
}

/** Partner records as the administration shows them: keys, subscriptions and what waits for a person. */
async function describePartners(db: Db, partners: readonly PartnerRow[]): Promise<Partner[]> {
  const ids = partners.map((p) => p.id);
  if (ids.length === 0) {
    return [];
  }
  const inPartners = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const credentials = await db
    .select()
    .from(exchangeCredentials)
    .where(inArray(exchangeCredentials.partnerId, ids))
    .orderBy(desc(exchangeCredentials.createdAt));
  const subs = await subscriptionsOf(db, ids);
  const conflictCounts = await queryRows<{ partner_id: string; n: string | number }>(
    db,
    sql`select partner_id, count(*) as n from exchange_conflicts
        where status = 'open' and partner_id in (${inPartners}) group by 1`,
  );
  const parkedCounts = await queryRows<{ partner_id: string; status: string; n: string | number }>(
    db,
    sql`select partner_id, status, count(*) as n from exchange_inbox
        where status in ('waiting', 'unmapped') and partner_id in (${inPartners}) group by 1, 2`,
  );
  const toPartner = (p: PartnerRow): Partner => ({
    id: p.id,
    systemId: p.systemId,
    name: p.name,
    baseUrl: p.baseUrl,
    idScheme: p.idScheme as Partner['idScheme'],
    status: p.status as Partner['status'],
    hasOutboundKey: Boolean(p.outboundKey),
    pullCursor: p.pullCursor,
    credentials: credentials.filter((c) => c.partnerId === p.id).map(toCredential),
    subscriptions: subs.filter((s) => s.partnerId === p.id),
    openConflicts: Number(conflictCounts.find((c) => c.partner_id === p.id)?.n ?? 0),
    waitingEvents: Number(parkedCounts.find((c) => c.partner_id === p.id && c.status === 'waiting')?.n ?? 0),
    unmappedEvents: Number(parkedCounts.find((c) => c.partner_id === p.id && c.status === 'unmapped')?.n ?? 0),
    createdAt: p.createdAt.toISOString(),
  });
  return partners.map(toPartner);
}

export async function exchangeOverview(deps: ExchangeDeps): Promise<ExchangeOverview> {
  const identity = await identityOf(deps);
  const partners = await deps.db.select().from(exchangePartners).orderBy(asc(exchangePartners.name));
  return {
    system: identity.systemId,
    name: identity.name,
    publicKey: identity.publicKey,
    highWatermark: await highWatermark(deps.db),
    partners: await describePartners(deps.db, partners),
  };
}

export async function createPartner(deps: ExchangeDeps, actor: Actor | null, body: PartnerCreate): Promise<Partner> {
  const identity = await identityOf(deps);
  if (body.systemId === identity.systemId) {
    throw new AppError('VALIDATION_FAILED', 'Mã hệ thống đối tác trùng với mã của chính hệ thống này.');
  }
  const id = newId();
  await deps.db.transaction(async (tx) => {
    const [taken] = await tx.select().from(exchangePartners).where(eq(exchangePartners.systemId, body.systemId));
    if (taken) {
      throw new AppError('CONFLICT', `Đã có hệ thống đối tác mã ${body.systemId}.`);
    }
    await tx.insert(exchangePartners).values({
      id,
      systemId: body.systemId,
      name: body.name,
      baseUrl: body.baseUrl ?? null,
      idScheme: body.idScheme,
      createdAt: deps.clock.now(),
      updatedAt: deps.clock.now(),
    });
    await recordAudit(tx, actor, {
      action: 'exchange.partner.create',
      entityType: 'exchange_partner',
      entityId: id,
      after: body,
      at: deps.clock.now(),
    });
  });
  return partnerById(deps, id);
}

export async function partnerById(deps: ExchangeDeps, partnerId: string): Promise<Partner> {
  const [partner] = await describePartners(deps.db, [await partnerOrThrow(deps.db, partnerId)]);
  return partner as Partner;
}

export async function updatePartner(
  deps: ExchangeDeps,
  actor: Actor | null,
  partnerId: string,
  body: PartnerUpdate,
): Promise<Partner> {
  const before = await partnerOrThrow(deps.db, partnerId);
  if (body.outboundKey) {
    try {
      parseApiKey(body.outboundKey);
    } catch (error) {
      throw new AppError('VALIDATION_FAILED', (error as Error).message);
    }
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(exchangePartners)
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.baseUrl !== undefined ? { baseUrl: body.baseUrl } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.idScheme !== undefined ? { idScheme: body.idScheme } : {}),
        ...(body.outboundKey !== undefined
          ? { outboundKey: body.outboundKey ? createSecretBox(deps.config.secretKey).seal(body.outboundKey) : null }
          : {}),
        updatedAt: deps.clock.now(),
      })
      .where(eq(exchangePartners.id, partnerId));
    const redact = (v: PartnerUpdate) => ({ ...v, ...(v.outboundKey ? { outboundKey: '(đã đặt)' } : {}) });
    await recordAudit(tx, actor, {
      action: 'exchange.partner.update',
      entityType: 'exchange_partner',
      entityId: partnerId,
      before: { name: before.name, baseUrl: before.baseUrl, status: before.status, idScheme: before.idScheme },
      after: redact(body),
      at: deps.clock.now(),
    });
  });
  return partnerById(deps, partnerId);
}

export async function issueCredential(
  deps: ExchangeDeps,
  actor: Actor | null,
  partnerId: string,
  body: CredentialIssue,
): Promise<IssuedCredential> {
  await partnerOrThrow(deps.db, partnerId);
  const keyId = newKeyId();
  let publicKey: string;
  let apiKey: string | null = null;
  if (body.publicKey) {
    try {
      publicKey = normalizePublicKey(body.publicKey);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'Khóa công khai phải là khóa Ed25519 (SPKI base64 hoặc PEM).');
    }
  } else {
    const pair = generateSigningKeyPair();
    publicKey = pair.publicKey;
    apiKey = formatApiKey(keyId, pair.privateKey);
  }
  const now = deps.clock.now();
  const row = {
    keyId,
    partnerId,
    label: body.label ?? null,
    publicKey,
    scopes: [...body.scopes],
    expiresAt: body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * 86_400_000) : null,
    createdAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await tx.insert(exchangeCredentials).values(row);
    await recordAudit(tx, actor, {
      action: 'exchange.credential.issue',
      entityType: 'exchange_credential',
      entityId: keyId,
      after: { partnerId, scopes: row.scopes, expiresAt: iso(row.expiresAt), generated: apiKey !== null },
      at: now,
    });
  });
  return {
    credential: toCredential({ ...row, revokedAt: null, lastUsedAt: null }),
    apiKey,
  };
}

export async function revokeCredential(
  deps: ExchangeDeps,
  actor: Actor | null,
  partnerId: string,
  keyId: string,
): Promise<Credential> {
  const now = deps.clock.now();
  const [row] = await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(exchangeCredentials)
      .set({ revokedAt: now })
      .where(and(eq(exchangeCredentials.keyId, keyId), eq(exchangeCredentials.partnerId, partnerId)))
      .returning();
    if (updated.length === 0) {
      throw new AppError('NOT_FOUND');
    }
    await recordAudit(tx, actor, {
      action: 'exchange.credential.revoke',
      entityType: 'exchange_credential',
      entityId: keyId,
      at: now,
    });
    return updated;
  });
  return toCredential(row as typeof exchangeCredentials.$inferSelect);
}

export async function createSubscription(
  deps: ExchangeDeps,
  actor: Actor | null,
  partnerId: string,
  body: { url: string; objectTypes: ExchangeObjectType[]; from: 'beginning' | 'now' },
): Promise<Subscription> {
  await partnerOrThrow(deps.db, partnerId);
  const { id } = await createSubscriptionRow(deps, partnerId, body);
  await recordAudit(deps.db, actor, {
    action: 'exchange.subscription.create',
    entityType: 'exchange_subscription',
    entityId: id,
    after: body,
    at: deps.clock.now(),
  });
  const subs = await subscriptionsOf(deps.db, [partnerId]);
  return subs.find((s) => s.id === id) as Subscription;
}

export async function setSubscriptionStatus(
  deps: ExchangeDeps,
  actor: Actor | null,
  subscriptionId: string,
  status: 'active' | 'paused',
): Promise<Subscription> {
  const [row] = await deps.db
    .update(exchangeSubscriptions)
    .set({ status, nextAttemptAt: null, consecutiveFailures: 0, updatedAt: deps.clock.now() })
    .where(eq(exchangeSubscriptions.id, subscriptionId))
    .returning();
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  await recordAudit(deps.db, actor, {
    action: `exchange.subscription.${status === 'active' ? 'resume' : 'pause'}`,
    entityType: 'exchange_subscription',
    entityId: subscriptionId,
    at: deps.clock.now(),
  });
  return (await subscriptionsOf(deps.db, [row.partnerId])).find((s) => s.id === subscriptionId) as Subscription;
}

export async function listDeadLetters(deps: ExchangeDeps, limit = 500): Promise<DeadLetter[]> {
  const rows = await queryRows<{
    id: string | number;
    subscription_id: string;
    partner_name: string;
    seq: string | number;
    object_type: string;
    object_id: string;
    attempts: number;
    last_error: string | null;
    created_at: string | Date;
  }>(
    deps.db,
    sql`select d.id, d.subscription_id, p.name as partner_name, d.seq, c.object_type, c.object_id, d.attempts,
               d.last_error, d.created_at
        from exchange_deliveries d
        join exchange_subscriptions s on s.id = d.subscription_id
        join exchange_partners p on p.id = s.partner_id
        join exchange_changes c on c.seq = d.seq
        where d.status = 'dead' order by d.seq limit ${limit}`,
  );
  return rows.map((r) => ({
    deliveryId: Number(r.id),
    subscriptionId: r.subscription_id,
    partnerName: r.partner_name,
    seq: Number(r.seq),
    objectType: r.object_type,
    objectId: r.object_id,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Dead letters back to pending with a fresh attempt budget (all of a subscription's, or the listed ones). */
export async function replayDeadLetters(
  deps: ExchangeDeps,
  actor: Actor | null,
  selection: { deliveryIds?: number[] | undefined; subscriptionId?: string | undefined },
): Promise<{ replayed: number }> {
  const where = selection.deliveryIds?.length
    ? and(eq(exchangeDeliveries.status, 'dead'), inArray(exchangeDeliveries.id, selection.deliveryIds))
    : selection.subscriptionId
      ? and(eq(exchangeDeliveries.status, 'dead'), eq(exchangeDeliveries.subscriptionId, selection.subscriptionId))
      : eq(exchangeDeliveries.status, 'dead');
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(exchangeDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: deps.clock.now(), lastError: null })
      .where(where)
      .returning({ id: exchangeDeliveries.id, subscriptionId: exchangeDeliveries.subscriptionId });
    // A replay is a person saying "try now": the subscriptions' back-off must not hold the events back.
    const subscriptionIds = [...new Set(rows.map((r) => r.subscriptionId))];
    if (subscriptionIds.length > 0) {
      await tx
        .update(exchangeSubscriptions)
        .set({ nextAttemptAt: null, consecutiveFailures: 0 })
        .where(inArray(exchangeSubscriptions.id, subscriptionIds));
    }
    await recordAudit(tx, actor, {
      action: 'exchange.dead-letter.replay',
      entityType: 'exchange_delivery',
      entityId: null,
      after: { count: rows.length, ...selection },
      at: deps.clock.now(),
    });
    return { replayed: rows.length };
  });
}

export async function listConflicts(deps: ExchangeDeps, status: 'open' | 'all'): Promise<Conflict[]> {
  const rows = await deps.db
    .select({ c: exchangeConflicts, partnerName: exchangePartners.name })
    .from(exchangeConflicts)
    .innerJoin(exchangePartners, eq(exchangePartners.id, exchangeConflicts.partnerId))
    .where(status === 'open' ? eq(exchangeConflicts.status, 'open') : undefined)
    .orderBy(desc(exchangeConflicts.createdAt))
    .limit(500);
  return rows.map(({ c, partnerName }) => ({
    id: c.id,
    partnerId: c.partnerId,
    partnerName,
    eventId: c.eventId,
    objectType: c.objectType,
    objectId: c.objectId,
    reason: c.reason,
    theirs: c.theirs,
    ours: c.ours,
    differingFields: differingFields(c.ours as ObjectPayload | null, c.theirs as ObjectPayload | null),
    status: c.status as Conflict['status'],
    createdAt: c.createdAt.toISOString(),
    resolvedAt: iso(c.resolvedAt),
  }));
}

/**
 * A person decides a conflict. Accepting theirs applies the partner's version (as a change from the partner);
 * keeping ours records the partner's version as seen and re-announces ours, so the partner receives it again.
 */
export async function resolveConflict(
  deps: ExchangeDeps,
  actor: Actor,
  conflictId: string,
  resolution: 'accept-theirs' | 'keep-ours',
): Promise<Conflict> {
  const [conflict] = await deps.db.select().from(exchangeConflicts).where(eq(exchangeConflicts.id, conflictId));
  if (!conflict) {
    throw new AppError('NOT_FOUND');
  }
  if (conflict.status !== 'open') {
    throw new AppError('INVALID_TRANSITION', 'Xung đột này đã được xử lý.');
  }
  const partner = await partnerOrThrow(deps.db, conflict.partnerId);
  const type = conflict.objectType as ExchangeObjectType;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (resolution === 'accept-theirs') {
      await tx.execute(sql`select set_config('tiendo.change_origin', ${partner.systemId}, true)`);
      const theirs = conflict.theirs as ObjectPayload | null;
      if (theirs) {
        await applyUpsert(deps, tx, type, theirs, partnerFileSource(partner, deps));
      } else {
        await deleteObject(tx, type, conflict.objectId);
      }
      await tx.execute(sql`select set_config('tiendo.change_origin', '', true)`);
    }
    const localSeq = await highWatermark(tx);
    await tx
      .insert(exchangeObjectLinks)
      .values({
        partnerId: partner.id,
        objectType: type,
        objectId: conflict.objectId,
        remoteVersion: conflict.remoteVersion,
        localSeq,
      })
      .onConflictDoUpdate({
        target: [exchangeObjectLinks.partnerId, exchangeObjectLinks.objectType, exchangeObjectLinks.objectId],
        set: { remoteVersion: conflict.remoteVersion, localSeq, updatedAt: now },
      });
    if (resolution === 'keep-ours') {
      await tx.execute(
        sql`insert into exchange_changes (object_type, object_id, op) values (${type}, ${conflict.objectId}, 'upsert')`,
      );
    }
    await tx
      .update(exchangeConflicts)
      .set({
        status: resolution === 'accept-theirs' ? 'accepted-theirs' : 'kept-ours',
        resolvedByUserId: actor.userId,
        resolvedAt: now,
      })
      .where(eq(exchangeConflicts.id, conflictId));
    await recordAudit(tx, actor, {
      action: `exchange.conflict.${resolution}`,
      entityType: type,
      entityId: conflict.objectId,
      before: conflict.ours,
      after: resolution === 'accept-theirs' ? conflict.theirs : conflict.ours,
      at: now,
    });
  });
  return (await listConflicts(deps, 'all')).find((c) => c.id === conflictId) as Conflict;
}

// ---------------------------------------------------------------- identifiers, ownership, parked events, log

async function labelsOf(db: Db, type: ExchangeObjectType, ids: string[]): Promise<Map<string, string>> {
  const objects = await loadObjects(db, type, ids);
  const labels = new Map<string, string>();
  for (const [id, o] of objects) {
    labels.set(id, String(o.name ?? o.title ?? o.text ?? o.label ?? id).slice(0, 200));
  }
  return labels;
}

export async function listIdMappings(
  deps: ExchangeDeps,
  partnerId: string,
  onlyUnmapped: boolean,
): Promise<IdMapping[]> {
  await partnerOrThrow(deps.db, partnerId);
  const rows = await deps.db
    .select()
    .from(exchangeIdMap)
    .where(and(eq(exchangeIdMap.partnerId, partnerId), onlyUnmapped ? isNull(exchangeIdMap.ourId) : undefined))
    .orderBy(asc(exchangeIdMap.objectType), asc(exchangeIdMap.theirId))
    .limit(2000);
  const labels = new Map<string, string>();
  for (const type of new Set(rows.map((r) => r.objectType as ExchangeObjectType))) {
    const ids = rows.filter((r) => r.objectType === type && r.ourId).map((r) => r.ourId as string);
    for (const [id, label] of await labelsOf(deps.db, type, ids)) {
      labels.set(`${type}\u0000${id}`, label);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partnerId,
    objectType: r.objectType,
    theirId: r.theirId,
    theirLabel: r.theirLabel,
    ourId: r.ourId,
    ourLabel: r.ourId ? (labels.get(`${r.objectType}\u0000${r.ourId}`) ?? null) : null,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** Maps a partner identifier to ours (the review queue's answer), then retries the events that waited for it. */
export async function upsertIdMapping(
  deps: ExchangeDeps,
  actor: Actor,
  partnerId: string,
  body: { objectType: ExchangeObjectType; theirId: string; ourId: string; theirLabel?: string | undefined },
): Promise<{ mapping: IdMapping; retriedApplied: number }> {
  const partner = await partnerOrThrow(deps.db, partnerId);
  if (!(await loadObjects(deps.db, body.objectType, [body.ourId])).has(body.ourId)) {
    throw new AppError('VALIDATION_FAILED', 'Không có đối tượng này ở hệ thống (mã của ta).');
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(exchangeIdMap)
      .values({
        id: newId(),
        partnerId,
        objectType: body.objectType,
        theirId: body.theirId,
        ourId: body.ourId,
        theirLabel: body.theirLabel ?? null,
        mappedByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [exchangeIdMap.partnerId, exchangeIdMap.objectType, exchangeIdMap.theirId],
        set: {
          ourId: body.ourId,
          mappedByUserId: actor.userId,
          updatedAt: now,
          ...(body.theirLabel ? { theirLabel: body.theirLabel } : {}),
        },
      });
    await recordAudit(tx, actor, {
      action: 'exchange.id-map.set',
      entityType: body.objectType,
      entityId: body.ourId,
      after: { partnerId, theirId: body.theirId },
      at: now,
    });
  });
  const identity = await identityOf(deps);
  const retriedApplied = await retryParkedEvents(
    { db: deps.db, clock: deps.clock, storage: deps.storage, systemId: identity.systemId },
    partner,
    partnerFileSource(partner, deps),
  );
  const mapping = (await listIdMappings(deps, partnerId, false)).find(
    (m) => m.objectType === body.objectType && m.theirId === body.theirId,
  ) as IdMapping;
  return { mapping, retriedApplied };
}

export async function listOwnershipRules(deps: ExchangeDeps, partnerId: string): Promise<OwnershipRule[]> {
  await partnerOrThrow(deps.db, partnerId);
  const rows = await deps.db
    .select({ r: exchangeOwnershipRules, title: directives.title, number: directives.number })
    .from(exchangeOwnershipRules)
    .leftJoin(directives, eq(directives.id, exchangeOwnershipRules.directiveId))
    .where(eq(exchangeOwnershipRules.partnerId, partnerId))
    .orderBy(asc(exchangeOwnershipRules.createdAt));
  return rows.map(({ r, title, number }) => ({
    id: r.id,
    partnerId: r.partnerId,
    directiveId: r.directiveId,
    directiveTitle: title ? [number, title].filter(Boolean).join(' — ') : null,
    tasksSource: r.tasksSource as OwnershipRule['tasksSource'],
    reportsSource: r.reportsSource as OwnershipRule['reportsSource'],
  }));
}

export async function upsertOwnershipRule(
  deps: ExchangeDeps,
  actor: Actor | null,
  partnerId: string,
  body: {
    directiveId: string | null;
    tasksSource: OwnershipRule['tasksSource'];
    reportsSource: OwnershipRule['reportsSource'];
  },
): Promise<OwnershipRule[]> {
  await partnerOrThrow(deps.db, partnerId);
  if (body.directiveId) {
    const [d] = await deps.db.select({ id: directives.id }).from(directives).where(eq(directives.id, body.directiveId));
    if (!d) {
      throw new AppError('NOT_FOUND', 'Không có văn bản này.');
    }
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const scope = and(
      eq(exchangeOwnershipRules.partnerId, partnerId),
      body.directiveId
        ? eq(exchangeOwnershipRules.directiveId, body.directiveId)
        : isNull(exchangeOwnershipRules.directiveId),
    );
    const [existing] = await tx.select().from(exchangeOwnershipRules).where(scope);
    if (existing) {
      await tx
        .update(exchangeOwnershipRules)
        .set({ tasksSource: body.tasksSource, reportsSource: body.reportsSource, updatedAt: now })
        .where(eq(exchangeOwnershipRules.id, existing.id));
    } else {
      await tx
        .insert(exchangeOwnershipRules)
        .values({ id: newId(), partnerId, ...body, createdAt: now, updatedAt: now });
    }
    await recordAudit(tx, actor, {
      action: 'exchange.ownership.set',
      entityType: 'exchange_partner',
      entityId: partnerId,
      before: existing ?? null,
      after: body,
      at: now,
    });
  });
  return listOwnershipRules(deps, partnerId);
}

export async function listParkedEvents(deps: ExchangeDeps, partnerId: string) {
  const rows = await deps.db
    .select()
    .from(exchangeInbox)
    .where(
      and(eq(exchangeInbox.partnerId, partnerId), inArray(exchangeInbox.status, ['waiting', 'unmapped', 'rejected'])),
    )
    .orderBy(asc(exchangeInbox.remoteSeq))
    .limit(1000);
  return rows.map((r) => ({
    eventId: r.eventId,
    objectType: r.objectType,
    objectId: r.objectId,
    status: r.status,
    reason: r.reason,
    receivedAt: r.receivedAt.toISOString(),
  }));
}

export async function retryParked(deps: ExchangeDeps, partnerId: string): Promise<{ applied: number }> {
  const partner = await partnerOrThrow(deps.db, partnerId);
  const identity = await identityOf(deps);
  const applied = await retryParkedEvents(
    { db: deps.db, clock: deps.clock, storage: deps.storage, systemId: identity.systemId },
    partner,
    partnerFileSource(partner, deps),
  );
  return { applied };
}

export async function listExchangeLog(deps: ExchangeDeps, partnerId: string | undefined, limit: number) {
  const rows = await deps.db
    .select()
    .from(exchangeLog)
    .where(partnerId ? eq(exchangeLog.partnerId, partnerId) : undefined)
    .orderBy(desc(exchangeLog.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partnerId,
    direction: r.direction,
    operation: r.operation,
    httpStatus: r.httpStatus,
    objectCount: r.objectCount,
    durationMs: r.durationMs,
    error: r.error,
    at: r.at.toISOString(),
  }));
}

/** Pull mode: reads the partner's feed from our cursor to its end and applies it; the cursor moves page by page. */
export async function pullFromPartner(
  deps: ExchangeDeps,
  partnerId: string,
  options: { pageSize?: number; maxPages?: number } = {},
): Promise<{ pages: number; events: number; counts: Record<string, number>; cursor: number }> {
  const partner = await partnerOrThrow(deps.db, partnerId);
  const apiKey = outboundKeyOf(partner, deps.config);
  if (!partner.baseUrl || !apiKey) {
    throw new AppError('VALIDATION_FAILED', 'Cần địa chỉ API và khóa do đối tác cấp để lấy dữ liệu.');
  }
  const identity = await identityOf(deps);
  const client = createPartnerClient({ baseUrl: partner.baseUrl, apiKey }, () => deps.clock.now());
  const inbound = { db: deps.db, clock: deps.clock, storage: deps.storage, systemId: identity.systemId };
  const files = partnerFileSource(partner, deps);
  const counts: Record<string, number> = {};
  let cursor = partner.pullCursor;
  let pages = 0;
  let events = 0;
  const started = Date.now();
  for (;;) {
    let page: ChangeFeedPage;
    try {
      page = await client.readFeed(cursor, options.pageSize ?? 500);
    } catch (error) {
      const status = error instanceof PartnerCallError ? error.status : null;
      throw new AppError('PARTNER_UNREACHABLE', undefined, { status, error: (error as Error).message });
    }
    const result = await receiveEvents(inbound, { ...partner, pullCursor: cursor }, page.events, files);
    for (const [k, v] of Object.entries(result.counts)) {
      counts[k] = (counts[k] ?? 0) + v;
    }
    cursor = page.nextCursor;
    await deps.db.update(exchangePartners).set({ pullCursor: cursor }).where(eq(exchangePartners.id, partnerId));
    pages++;
    events += page.events.length;
    if (!page.hasMore || (options.maxPages !== undefined && pages >= options.maxPages)) {
      break;
    }
  }
  await deps.db.transaction(async (tx) => {
    await recordExchangeLog(tx, {
      partnerId,
      direction: 'out',
      operation: 'pull',
      httpStatus: 200,
      objectCount: events,
      durationMs: Date.now() - started,
    });
  });
  return { pages, events, counts, cursor };
}
