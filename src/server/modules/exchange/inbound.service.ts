import type { Db, DbOrTx } from '@server/db/client';
import { queryRows } from '@server/db/client';
import {
  exchangeConflicts,
  exchangeIdMap,
  exchangeInbox,
  exchangeObjectLinks,
  exchangeOwnershipRules,
  type exchangePartners,
  taskKeys,
} from '@server/db/schema';
import type { Clock } from '@server/lib/clock';
import type { FileStorage } from '@server/lib/file-storage';
import { newId, sha256Hex } from '@server/lib/ids';
import type {
  EventBatchResult,
  EventResult,
  ExchangeEvent,
  ExchangeObjectType,
  InboundOutcome,
  OwnershipSource,
} from '@shared/contracts/exchange';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { highWatermark } from './change-feed';
import { exchangeSpec } from './exchange-objects';
import {
  canonicalJson,
  deleteObject,
  loadObjects,
  type ObjectPayload,
  writeObject,
  writeObjects,
} from './object-codec';

export type PartnerRow = typeof exchangePartners.$inferSelect;

/** Where the bytes of an evidence file come from: the partner's API, or the bundle being imported. */
export type FileSource = (sha256: string) => Promise<Buffer>;

export type InboundDeps = { db: Db; clock: Clock; storage: FileStorage; systemId: string };

type Decision = { outcome: InboundOutcome; reason?: string };

/** An upsert decided but not yet written: consecutive ones of a type go to the database as one statement. */
type PendingWrite = {
  type: ExchangeObjectType;
  id: string;
  payload: ObjectPayload;
  previous: ObjectPayload | null;
  decision: Decision;
};

/** Rows per grouped statement. */
const WRITE_GROUP = 500;

/** Evidence needs its file fetched and objects with children need them replaced: those are written one by one. */
function isGroupable(type: ExchangeObjectType): boolean {
  return type !== 'evidence' && exchangeSpec(type).children.length === 0;
}

class Deferred extends Error {
  constructor(
    readonly outcome: 'waiting' | 'unmapped' | 'rejected',
    message: string,
    /** An identifier to put in the review queue (after the savepoint is rolled back, so that it stays). */
    readonly unmapped?: { type: ExchangeObjectType; theirId: string; label?: string | undefined },
  ) {
    super(message);
  }
}

const SETTLED: ReadonlySet<string> = new Set(['applied', 'unchanged', 'stale', 'conflict']);

/**
 * Receives a batch of events from a partner. Each event is handled once (its `eventId` is the idempotency key: a
 * redelivery answers `duplicate`), in its own savepoint, in `seq` order:
 * 1. identifiers are translated (partners with their own scheme) — an unknown one goes to the review queue;
 * 2. a version not newer than the last one reconciled is `stale`; a payload equal to ours is `unchanged`;
 * 3. the ownership rule of the object's directive decides: the partner's change is applied when the partner is the
 *    source of truth, or when the object is shared and nobody changed it here since the last reconciliation;
 *    otherwise a conflict is recorded for a person — nothing is overwritten silently;
 * 4. an object whose parent has not arrived yet `waits` and is retried after every later batch.
 * Applied changes are written with the partner as their origin, so they are not echoed back to it.
 */
export async function receiveEvents(
  deps: InboundDeps,
  partner: PartnerRow,
  events: readonly ExchangeEvent[],
  files: FileSource,
): Promise<EventBatchResult> {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const decisions = await deps.db.transaction((tx) => receiveBatch(deps, tx, partner, ordered, files));
  const results: EventResult[] = ordered.map((e, i) => ({ eventId: e.eventId, ...(decisions[i] as Decision) }));
  if (results.some((r) => r.outcome === 'applied')) {
    await retryParkedEvents(deps, partner, files);
  }
  const counts: Record<string, number> = {};
  for (const r of results) {
    counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  }
  return { system: deps.systemId, results, counts };
}

const keyOf = (type: string, id: string) => `${type}\u0000${id}`;

type LinkState = { remoteVersion: number; localSeq: number | null };

/**
 * What a batch needs to know about its objects, read once for the whole batch (not per event) and kept current as
 * the batch applies events: the inbox entries, the last reconciled versions, the objects' current states, the
 * latest local change of each object, the partner's ownership rules, and each object's directive.
 */
class BatchState {
  readonly inbox = new Map<string, { status: string }>();
  readonly links = new Map<string, LinkState>();
  readonly current = new Map<string, ObjectPayload | null>();
  readonly lastLocalSeq = new Map<string, number>();
  readonly directives = new Map<string, string | null>();
  rules: (typeof exchangeOwnershipRules.$inferSelect)[] = [];
  readonly linkUpdates = new Map<string, { type: ExchangeObjectType; id: string; remoteVersion: number }>();

  static async load(tx: DbOrTx, partner: PartnerRow, events: readonly ExchangeEvent[]): Promise<BatchState> {
    const state = new BatchState();
    const eventIds = events.map((e) => e.eventId);
    for (let i = 0; i < eventIds.length; i += 1000) {
      const rows = await tx
        .select({ eventId: exchangeInbox.eventId, status: exchangeInbox.status })
        .from(exchangeInbox)
        .where(
          and(eq(exchangeInbox.partnerId, partner.id), inArray(exchangeInbox.eventId, eventIds.slice(i, i + 1000))),
        );
      for (const r of rows) {
        state.inbox.set(r.eventId, { status: r.status });
      }
    }
    state.rules = await tx
      .select()
      .from(exchangeOwnershipRules)
      .where(eq(exchangeOwnershipRules.partnerId, partner.id));
    if (partner.idScheme !== 'shared') {
      return state;
    }
    // Shared identifiers: the objects named by the events are ours too, so their state can be read up front.
    const byType = new Map<ExchangeObjectType, string[]>();
    for (const e of events) {
      byType.set(e.objectType, [...(byType.get(e.objectType) ?? []), e.objectId]);
    }
    for (const [type, ids] of byType) {
      const unique = [...new Set(ids)];
      const objects = await loadObjects(tx, type, unique);
      for (const id of unique) {
        state.current.set(keyOf(type, id), objects.get(id) ?? null);
      }
      for (let i = 0; i < unique.length; i += 1000) {
        const chunk = unique.slice(i, i + 1000);
        const links = await tx
          .select()
          .from(exchangeObjectLinks)
          .where(
            and(
              eq(exchangeObjectLinks.partnerId, partner.id),
              eq(exchangeObjectLinks.objectType, type),
              inArray(exchangeObjectLinks.objectId, chunk),
            ),
          );
        for (const l of links) {
          state.links.set(keyOf(type, l.objectId), { remoteVersion: l.remoteVersion, localSeq: l.localSeq });
        }
        const local = await queryRows<{ object_id: string; seq: string | number }>(
          tx,
          sql`select object_id, max(seq) as seq from exchange_changes
              where object_type = ${type} and origin is null and object_id in (${sql.join(
                chunk.map((id) => sql`${id}`),
                sql`, `,
              )}) group by object_id`,
        );
        for (const r of local) {
          state.lastLocalSeq.set(keyOf(type, r.object_id), Number(r.seq));
        }
      }
    }
    return state;
  }

  async link(tx: DbOrTx, partner: PartnerRow, type: ExchangeObjectType, id: string): Promise<LinkState | undefined> {
    const key = keyOf(type, id);
    const pending = this.linkUpdates.get(key);
    if (pending) {
      return { remoteVersion: pending.remoteVersion, localSeq: null };
    }
    if (!this.links.has(key) && !this.current.has(key)) {
      const [row] = await tx
        .select()
        .from(exchangeObjectLinks)
        .where(
          and(
            eq(exchangeObjectLinks.partnerId, partner.id),
            eq(exchangeObjectLinks.objectType, type),
            eq(exchangeObjectLinks.objectId, id),
          ),
        );
      if (row) {
        this.links.set(key, { remoteVersion: row.remoteVersion, localSeq: row.localSeq });
      }
    }
    return this.links.get(key);
  }

  async currentOf(tx: DbOrTx, type: ExchangeObjectType, id: string): Promise<ObjectPayload | null> {
    const key = keyOf(type, id);
    if (!this.current.has(key)) {
      this.current.set(key, (await loadObjects(tx, type, [id])).get(id) ?? null);
    }
    return this.current.get(key) ?? null;
  }

  async changedLocallySince(tx: DbOrTx, type: ExchangeObjectType, id: string, since: number | null | undefined) {
    if (since === undefined) {
      return true;
    }
    if (since === null) {
      // Reconciled earlier in this very batch: nothing local can have happened since.
      return false;
    }
    const key = keyOf(type, id);
    if (!this.lastLocalSeq.has(key) && !this.current.has(key)) {
      const [row] = await queryRows<{ seq: string | number | null }>(
        tx,
        sql`select max(seq) as seq from exchange_changes where object_type = ${type} and object_id = ${id} and origin is null`,
      );
      this.lastLocalSeq.set(key, Number(row?.seq ?? 0));
    }
    return (this.lastLocalSeq.get(key) ?? 0) > since;
  }

  reconciled(type: ExchangeObjectType, id: string, remoteVersion: number, state?: ObjectPayload | null) {
    this.linkUpdates.set(keyOf(type, id), { type, id, remoteVersion });
    if (state !== undefined) {
      this.current.set(keyOf(type, id), state);
    }
  }

  /** A grouped write that failed after all: the object is as it was, and nothing was reconciled. */
  unreconciled(type: ExchangeObjectType, id: string, previous: ObjectPayload | null) {
    this.linkUpdates.delete(keyOf(type, id));
    this.current.set(keyOf(type, id), previous);
  }

  /** Link rows for everything reconciled in the batch, with our change number after the batch's own writes. */
  async saveLinks(tx: DbOrTx, partner: PartnerRow): Promise<void> {
    if (this.linkUpdates.size === 0) {
      return;
    }
    const localSeq = await highWatermark(tx);
    const rows = [...this.linkUpdates.values()].map((u) => ({
      partnerId: partner.id,
      objectType: u.type,
      objectId: u.id,
      remoteVersion: u.remoteVersion,
      localSeq,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(exchangeObjectLinks)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [exchangeObjectLinks.partnerId, exchangeObjectLinks.objectType, exchangeObjectLinks.objectId],
          set: {
            remoteVersion: sql`excluded.remote_version`,
            localSeq: sql`excluded.local_seq`,
            updatedAt: new Date(),
          },
        });
    }
  }
}

/** Decides and applies a batch in one transaction (each applied event in its own savepoint). */
async function receiveBatch(
  deps: InboundDeps,
  tx: DbOrTx,
  partner: PartnerRow,
  events: readonly ExchangeEvent[],
  files: FileSource,
): Promise<Decision[]> {
  await tx.execute(sql`select set_config('tiendo.change_origin', ${partner.systemId}, true)`);
  const state = await BatchState.load(tx, partner, events);
  const decisions: Decision[] = [];
  const entries: { event: ExchangeEvent; decision: Decision }[] = [];
  const redelivered: string[] = [];
  const now = deps.clock.now();
  let group: PendingWrite[] = [];
  const flush = async () => {
    if (group.length > 0) {
      await flushWrites(deps, tx, state, group, files);
      group = [];
    }
  };
  for (const event of events) {
    const seen = state.inbox.get(event.eventId);
    if (seen && SETTLED.has(seen.status)) {
      redelivered.push(event.eventId);
      decisions.push({ outcome: 'duplicate' });
      continue;
    }
    // Parents are written before children (another type) and one statement never touches a row twice.
    if (group.length > 0 && (group[0]?.type !== event.objectType || group.some((w) => w.id === event.objectId))) {
      await flush();
    }
    let decision: Decision;
    try {
      const decided = await decide(deps, tx, partner, event, files, state);
      decision = decided.decision;
      if (decided.pending) {
        group.push(decided.pending);
        if (group.length >= WRITE_GROUP) {
          await flush();
        }
      }
    } catch (error) {
      decision = classifyFailure(error);
      if (error instanceof Deferred && error.unmapped) {
        await tx
          .insert(exchangeIdMap)
          .values({
            id: newId(),
            partnerId: partner.id,
            objectType: error.unmapped.type,
            theirId: error.unmapped.theirId,
            theirLabel: error.unmapped.label ?? null,
          })
          .onConflictDoNothing();
      }
    }
    state.inbox.set(event.eventId, { status: decision.outcome });
    decisions.push(decision);
    entries.push({ event, decision });
  }
  await flush();
  // Built after the last flush: a grouped write that failed has changed its decision to waiting or rejected.
  const inboxRows = entries.map(({ event, decision }): typeof exchangeInbox.$inferInsert => {
    const keepPayload = decision.outcome === 'waiting' || decision.outcome === 'unmapped';
    return {
      partnerId: partner.id,
      eventId: event.eventId,
      remoteSeq: event.seq,
      objectType: event.objectType,
      objectId: event.objectId,
      version: event.version,
      status: decision.outcome,
      reason: decision.reason ?? null,
      payload: keepPayload ? event : null,
      changedAt: new Date(event.changedAt),
      receivedAt: now,
      appliedAt: decision.outcome === 'applied' ? now : null,
    };
  });
  await state.saveLinks(tx, partner);
  const latest = new Map(inboxRows.map((r) => [r.eventId, r]));
  const rows = [...latest.values()];
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insert(exchangeInbox)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [exchangeInbox.partnerId, exchangeInbox.eventId],
        set: {
          status: sql`excluded.status`,
          reason: sql`excluded.reason`,
          payload: sql`excluded.payload`,
          appliedAt: sql`excluded.applied_at`,
        },
      });
  }
  for (let i = 0; i < redelivered.length; i += 1000) {
    await tx
      .update(exchangeInbox)
      .set({ redeliveries: sql`${exchangeInbox.redeliveries} + 1` })
      .where(
        and(eq(exchangeInbox.partnerId, partner.id), inArray(exchangeInbox.eventId, redelivered.slice(i, i + 1000))),
      );
  }
  return decisions;
}

function classifyFailure(error: unknown): Decision {
  if (error instanceof Deferred) {
    return { outcome: error.outcome, reason: error.message };
  }
  const code = pgCode(error);
  const message = databaseMessage(error);
  if (code === '23503') {
    return { outcome: 'waiting', reason: `Chờ dữ liệu liên quan chưa đến: ${message}` };
  }
  if (code === '23505') {
    return { outcome: 'waiting', reason: `Trùng khóa với dữ liệu hiện có: ${message}` };
  }
  if (code?.startsWith('22') || code?.startsWith('23')) {
    return { outcome: 'rejected', reason: `Dữ liệu không hợp lệ: ${message}` };
  }
  throw error;
}

/**
 * The database's own words (message and detail), not the driver's wrapper that repeats the whole statement and its
 * parameters: this text is shown to officials in the list of events waiting to be applied.
 */
function databaseMessage(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: unknown; message?: unknown; detail?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return [e.message, e.detail]
        .filter((x) => typeof x === 'string' && x)
        .join(' — ')
        .slice(0, 500);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

async function decide(
  deps: InboundDeps,
  tx: DbOrTx,
  partner: PartnerRow,
  event: ExchangeEvent,
  files: FileSource,
  state: BatchState,
): Promise<{ decision: Decision; pending?: PendingWrite }> {
  const spec = exchangeSpec(event.objectType);
  const ownLabel = event.payload?.name ?? event.payload?.title ?? event.payload?.text;
  const objectId = await translateId(
    tx,
    partner,
    event.objectType,
    event.objectId,
    true,
    typeof ownLabel === 'string' ? ownLabel.slice(0, 300) : undefined,
  );
  const incoming = event.payload
    ? await translatePayload(tx, partner, event.objectType, event.payload, objectId)
    : null;
  const link = await state.link(tx, partner, event.objectType, objectId);
  if (link && link.remoteVersion >= event.version) {
    return { decision: { outcome: 'stale' } };
  }
  const current = await state.currentOf(tx, event.objectType, objectId);
  if (canonicalJson(current) === canonicalJson(incoming)) {
    state.reconciled(event.objectType, objectId, event.version);
    return { decision: { outcome: 'unchanged' } };
  }
  const source = await ownerOf(tx, state, spec.ownership, event.objectType, incoming ?? current);
  // The sender says which of our versions its state was based on; without that, our last reconciliation is the base.
  const base = event.basedOn?.[deps.systemId] ?? link?.localSeq;
  const changedHere = current !== null && (await state.changedLocallySince(tx, event.objectType, objectId, base));
  if (source === 'local' || (source === 'shared' && changedHere)) {
    const reason =
      source === 'local'
        ? 'Hệ thống này là nguồn chính thức của dữ liệu này (quy tắc làm chủ dữ liệu); thay đổi từ đối tác cần người quyết định.'
        : 'Dữ liệu đã được sửa ở cả hai hệ thống kể từ lần đồng bộ trước.';
    await recordConflict(deps, tx, partner, event, objectId, reason, incoming, current);
    return { decision: { outcome: 'conflict', reason } };
  }
  if (incoming && isGroupable(event.objectType)) {
    const decision: Decision = { outcome: 'applied' };
    state.reconciled(event.objectType, objectId, event.version, incoming);
    return {
      decision,
      pending: { type: event.objectType, id: objectId, payload: incoming, previous: current, decision },
    };
  }
  // Only the write needs a savepoint: a failure (a parent not arrived yet) must not undo the rest of the batch.
  await tx.transaction(async (sp) => {
    if (incoming) {
      await applyUpsert(deps, sp, event.objectType, incoming, files);
    } else {
      await deleteObject(sp, event.objectType, objectId);
    }
  });
  state.reconciled(event.objectType, objectId, event.version, incoming);
  return { decision: { outcome: 'applied' } };
}

/**
 * Writes a group of decided upserts of one type as one statement in a savepoint; if that fails, one savepoint per
 * object finds the ones that cannot be written yet (their decisions become waiting or rejected, as if decided alone).
 */
async function flushWrites(
  deps: InboundDeps,
  tx: DbOrTx,
  state: BatchState,
  group: readonly PendingWrite[],
  files: FileSource,
): Promise<void> {
  const type = (group[0] as PendingWrite).type;
  try {
    await tx.transaction(async (sp) => {
      await writeObjects(
        sp,
        type,
        group.map((w) => w.payload),
      );
      if (type === 'task') {
        const keys = group.flatMap((w) =>
          typeof w.payload.identityKey === 'string' ? [{ key: w.payload.identityKey, taskId: w.id }] : [],
        );
        if (keys.length > 0) {
          await sp.insert(taskKeys).values(keys).onConflictDoNothing();
        }
      }
    });
    return;
  } catch {
    // Fall through: find the culprits one by one.
  }
  for (const write of group) {
    try {
      await tx.transaction((sp) => applyUpsert(deps, sp, type, write.payload, files));
    } catch (error) {
      Object.assign(write.decision, classifyFailure(error));
      state.unreconciled(type, write.id, write.previous);
    }
  }
}

export async function applyUpsert(
  deps: Pick<InboundDeps, 'storage'>,
  tx: DbOrTx,
  type: ExchangeObjectType,
  payload: ObjectPayload,
  files: FileSource,
): Promise<void> {
  const extra: Record<string, unknown> = {};
  if (type === 'evidence' && payload.kind === 'file') {
    extra.storageKey = await ensureEvidenceFile(deps.storage, String(payload.sha256), files);
  }
  await writeObject(tx, type, payload, extra);
  if (type === 'task' && typeof payload.identityKey === 'string') {
    // Re-importing the same directive here must find the task it received.
    await tx
      .insert(taskKeys)
      .values({ key: payload.identityKey, taskId: String(payload.id) })
      .onConflictDoNothing();
  }
}

async function ensureEvidenceFile(storage: FileStorage, sha256: string, files: FileSource): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new Deferred('rejected', 'Minh chứng dạng tệp thiếu mã SHA-256 hợp lệ.');
  }
  const key = `evidence/${sha256}`;
  if (await storage.exists(key)) {
    return key;
  }
  let bytes: Buffer;
  try {
    bytes = await files(sha256);
  } catch (error) {
    throw new Deferred('waiting', `Chưa tải được tệp minh chứng ${sha256.slice(0, 12)}…: ${(error as Error).message}`);
  }
  if (sha256Hex(bytes) !== sha256) {
    throw new Deferred('rejected', `Tệp minh chứng nhận được không khớp mã SHA-256 ${sha256.slice(0, 12)}….`);
  }
  await storage.put(key, bytes);
  return key;
}

async function recordConflict(
  deps: InboundDeps,
  tx: DbOrTx,
  partner: PartnerRow,
  event: ExchangeEvent,
  objectId: string,
  reason: string,
  theirs: ObjectPayload | null,
  ours: ObjectPayload | null,
): Promise<void> {
  const open = and(
    eq(exchangeConflicts.partnerId, partner.id),
    eq(exchangeConflicts.objectType, event.objectType),
    eq(exchangeConflicts.objectId, objectId),
    eq(exchangeConflicts.status, 'open'),
  );
  const [existing] = await tx.select({ id: exchangeConflicts.id }).from(exchangeConflicts).where(open);
  if (existing) {
    await tx
      .update(exchangeConflicts)
      .set({ eventId: event.eventId, remoteVersion: event.version, reason, theirs, ours })
      .where(eq(exchangeConflicts.id, existing.id));
    return;
  }
  await tx.insert(exchangeConflicts).values({
    id: newId(),
    partnerId: partner.id,
    eventId: event.eventId,
    objectType: event.objectType,
    objectId,
    remoteVersion: event.version,
    reason,
    theirs,
    ours,
    createdAt: deps.clock.now(),
  });
}

/** The directive an object belongs to, for the ownership rule (parents' directives cached for the batch). */
async function directiveOf(
  tx: DbOrTx,
  state: BatchState,
  type: ExchangeObjectType,
  payload: ObjectPayload,
): Promise<string | null> {
  const cached = async (key: string, query: () => Promise<string | null>) => {
    if (!state.directives.has(key)) {
      state.directives.set(key, await query());
    }
    return state.directives.get(key) ?? null;
  };
  switch (type) {
    case 'directive':
      return String(payload.id);
    case 'section':
    case 'task':
      return (payload.directiveId as string | null) ?? null;
    case 'assignment':
    case 'progress_report':
    case 'extension_request':
    case 'reclassification_request':
      return cached(`task\u0000${String(payload.taskId)}`, async () => {
        const [row] = await queryRows<{ directive_id: string }>(
          tx,
          sql`select directive_id from tasks where id = ${String(payload.taskId)}`,
        );
        return row?.directive_id ?? null;
      });
    case 'evidence':
      if (payload.reclassificationId) {
        return cached(`reclassification\u0000${String(payload.reclassificationId)}`, async () => {
          const [row] = await queryRows<{ directive_id: string }>(
            tx,
            sql`select t.directive_id from reclassification_requests r join tasks t on t.id = r.task_id where r.id = ${String(payload.reclassificationId)}`,
          );
          return row?.directive_id ?? null;
        });
      }
      return cached(`report\u0000${String(payload.reportId)}`, async () => {
        const [row] = await queryRows<{ directive_id: string }>(
          tx,
          sql`select t.directive_id from progress_reports r join tasks t on t.id = r.task_id where r.id = ${String(payload.reportId)}`,
        );
        return row?.directive_id ?? null;
      });
    default:
      return null;
  }
}

async function ownerOf(
  tx: DbOrTx,
  state: BatchState,
  category: 'tasks' | 'reports' | 'reference',
  type: ExchangeObjectType,
  payload: ObjectPayload | null,
): Promise<OwnershipSource> {
  if (state.rules.length === 0) {
    return 'shared';
  }
  const directiveId = payload && category !== 'reference' ? await directiveOf(tx, state, type, payload) : null;
  const rule =
    (directiveId ? state.rules.find((r) => r.directiveId === directiveId) : undefined) ??
    state.rules.find((r) => r.directiveId === null);
  if (!rule) {
    return 'shared';
  }
  return (category === 'reports' ? rule.reportsSource : rule.tasksSource) as OwnershipSource;
}

// ---- identifiers ----

async function localExists(tx: DbOrTx, type: ExchangeObjectType, id: string): Promise<boolean> {
  return (await loadObjects(tx, type, [id])).has(id);
}

/**
 * Our identifier for a partner's. Shared scheme: the same. Own scheme: the mapping, or — for an object the partner
 * creates (`creating`) that is not an agency — the partner's id itself, recorded as mapped; an unknown reference
 * goes to the review queue.
 */
async function translateId(
  tx: DbOrTx,
  partner: PartnerRow,
  type: ExchangeObjectType,
  theirId: string,
  creating: boolean,
  label?: string,
): Promise<string> {
  if (partner.idScheme === 'shared') {
    return theirId;
  }
  const [mapped] = await tx
    .select()
    .from(exchangeIdMap)
    .where(
      and(
        eq(exchangeIdMap.partnerId, partner.id),
        eq(exchangeIdMap.objectType, type),
        eq(exchangeIdMap.theirId, theirId),
      ),
    );
  if (mapped?.ourId) {
    return mapped.ourId;
  }
  const autoMappable = creating && type !== 'agency';
  if (!mapped && autoMappable && !(await localExists(tx, type, theirId))) {
    await tx
      .insert(exchangeIdMap)
      .values({ id: newId(), partnerId: partner.id, objectType: type, theirId, ourId: theirId });
    return theirId;
  }
  throw new Deferred('unmapped', `Chưa ánh xạ mã ${type} "${theirId}" của hệ thống ${partner.systemId}.`, {
    type,
    theirId,
    label,
  });
}

async function translatePayload(
  tx: DbOrTx,
  partner: PartnerRow,
  type: ExchangeObjectType,
  payload: ObjectPayload,
  objectId: string,
): Promise<ObjectPayload> {
  if (partner.idScheme === 'shared') {
    return payload;
  }
  const spec = exchangeSpec(type);
  const out: ObjectPayload = { ...payload, id: objectId };
  for (const [field, refType] of Object.entries(spec.references)) {
    const value = payload[field];
    if (typeof value === 'string' && value) {
      out[field] = await translateId(tx, partner, refType, value, false);
    }
  }
  return out;
}

/** Events parked as waiting or unmapped, retried in order until no more progress is made. */
export async function retryParkedEvents(deps: InboundDeps, partner: PartnerRow, files: FileSource): Promise<number> {
  let applied = 0;
  for (let pass = 0; pass < 5; pass++) {
    const parked = await deps.db
      .select()
      .from(exchangeInbox)
      .where(and(eq(exchangeInbox.partnerId, partner.id), inArray(exchangeInbox.status, ['waiting', 'unmapped'])))
      .orderBy(asc(exchangeInbox.remoteSeq))
      .limit(2000);
    if (parked.length === 0) {
      break;
    }
    const events = parked.map((row) => row.payload as ExchangeEvent);
    const decisions = await deps.db.transaction((tx) => receiveBatch(deps, tx, partner, events, files));
    const progress = decisions.filter((d) => d.outcome !== 'waiting' && d.outcome !== 'unmapped').length;
    applied += decisions.filter((d) => d.outcome === 'applied').length;
    if (progress === 0) {
      break;
    }
  }
  return applied;
}
