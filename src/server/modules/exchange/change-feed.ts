import type { Db, DbOrTx } from '@server/db/client';
import { queryRows } from '@server/db/client';
import {
  type ChangeFeedPage,
  EXCHANGE_OBJECT_TYPES,
  type ExchangeEvent,
  type ExchangeObjectType,
} from '@shared/contracts/exchange';
import { type SQL, sql } from 'drizzle-orm';
import { loadObjects, type ObjectPayload } from './object-codec';

export type ChangeRow = {
  seq: number;
  objectType: ExchangeObjectType;
  objectId: string;
  origin: string | null;
  changedAt: string;
};

export type FeedFilter = {
  after: number;
  limit: number;
  types?: readonly ExchangeObjectType[] | undefined;
  /** Leave out changes that came from this system (a partner does not need its own changes back). */
  excludeOrigin?: string | undefined;
};

export function parseTypes(text: string | undefined): ExchangeObjectType[] | undefined {
  if (!text) {
    return undefined;
  }
  const wanted = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return EXCHANGE_OBJECT_TYPES.filter((t) => wanted.includes(t));
}

export async function highWatermark(db: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ hw: string | number | null }>(db, sql`select max(seq) as hw from exchange_changes`);
  return Number(row?.hw ?? 0);
}

type ChangeRowDb = {
  seq: string | number;
  object_type: ExchangeObjectType;
  object_id: string;
  origin: string | null;
  changed_at: string | Date;
};

async function selectChangeRows(db: DbOrTx, where: SQL, limit: number): Promise<ChangeRow[]> {
  const rows = await queryRows<ChangeRowDb>(
    db,
    sql`select seq, object_type, object_id, origin, changed_at from exchange_changes
        where ${where} order by seq limit ${limit}`,
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    objectType: r.object_type,
    objectId: r.object_id,
    origin: r.origin,
    changedAt: new Date(r.changed_at).toISOString(),
  }));
}

function selectChanges(db: DbOrTx, filter: FeedFilter): Promise<ChangeRow[]> {
  const typeFilter =
    filter.types && filter.types.length > 0
      ? sql`and object_type in (${sql.join(
          filter.types.map((t) => sql`${t}`),
          sql`, `,
        )})`
      : sql``;
  const originFilter = filter.excludeOrigin ? sql`and origin is distinct from ${filter.excludeOrigin}` : sql``;
  return selectChangeRows(db, sql`seq > ${filter.after} ${typeFilter} ${originFilter}`, filter.limit);
}

/** The change rows with these sequence numbers (a subscription's due deliveries), in order. */
export function changesAt(db: DbOrTx, seqs: readonly number[]): Promise<ChangeRow[]> {
  if (seqs.length === 0) {
    return Promise.resolve([]);
  }
  return selectChangeRows(
    db,
    sql`seq in (${sql.join(
      seqs.map((s) => sql`${s}`),
      sql`, `,
    )})`,
    seqs.length,
  );
}

/** The latest change number of each object: its version. */
async function versionsOf(db: DbOrTx, changes: readonly ChangeRow[]): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  const byType = new Map<ExchangeObjectType, Set<string>>();
  for (const c of changes) {
    const set = byType.get(c.objectType) ?? new Set<string>();
    set.add(c.objectId);
    byType.set(c.objectType, set);
  }
  for (const [type, ids] of byType) {
    const rows = await queryRows<{ object_id: string; version: string | number }>(
      db,
      sql`select object_id, max(seq) as version from exchange_changes
          where object_type = ${type} and object_id in (${sql.join(
            [...ids].map((id) => sql`${id}`),
            sql`, `,
          )})
          group by object_id`,
    );
    for (const r of rows) {
      versions.set(`${type}\u0000${r.object_id}`, Number(r.version));
    }
  }
  return versions;
}

/** For each object, the partner versions it was last reconciled with (`basedOn` of its events). */
async function basesOf(db: DbOrTx, changes: readonly ChangeRow[]): Promise<Map<string, Record<string, number>>> {
  const bases = new Map<string, Record<string, number>>();
  const byType = new Map<ExchangeObjectType, Set<string>>();
  for (const c of changes) {
    const set = byType.get(c.objectType) ?? new Set<string>();
    set.add(c.objectId);
    byType.set(c.objectType, set);
  }
  for (const [type, ids] of byType) {
    const rows = await queryRows<{ object_id: string; system_id: string; remote_version: string | number }>(
      db,
      sql`select l.object_id, p.system_id, l.remote_version from exchange_object_links l
          join exchange_partners p on p.id = l.partner_id
          where l.object_type = ${type} and l.object_id in (${sql.join(
            [...ids].map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
    for (const r of rows) {
      const key = `${type}\u0000${r.object_id}`;
      bases.set(key, { ...(bases.get(key) ?? {}), [r.system_id]: Number(r.remote_version) });
    }
  }
  return bases;
}

/** Turns change rows into events carrying each object's current state, read in one snapshot. */
export async function eventsFor(db: DbOrTx, system: string, changes: readonly ChangeRow[]): Promise<ExchangeEvent[]> {
  const versions = await versionsOf(db, changes);
  const bases = await basesOf(db, changes);
  const payloads = new Map<string, ObjectPayload>();
  const byType = new Map<ExchangeObjectType, string[]>();
  for (const c of changes) {
    byType.set(c.objectType, [...(byType.get(c.objectType) ?? []), c.objectId]);
  }
  for (const [type, ids] of byType) {
    for (const [id, payload] of await loadObjects(db, type, ids)) {
      payloads.set(`${type}\u0000${id}`, payload);
    }
  }
  return changes.map((c) => {
    const key = `${c.objectType}\u0000${c.objectId}`;
    const payload = payloads.get(key) ?? null;
    const basedOn = bases.get(key);
    return {
      eventId: `${system}:${c.seq}`,
      seq: c.seq,
      origin: c.origin ?? system,
      objectType: c.objectType,
      objectId: c.objectId,
      op: payload ? 'upsert' : 'delete',
      version: versions.get(key) ?? c.seq,
      changedAt: c.changedAt,
      payload,
      ...(basedOn ? { basedOn } : {}),
    };
  });
}

/**
 * One page of the change feed after a cursor. Rows are read in one repeatable-read snapshot, so the payloads and
 * versions agree with each other; every `seq` is returned once, in order, and a reader that passes `nextCursor`
 * back gets the rest without gaps or repeats.
 */
export async function readChangeFeed(db: Db, system: string, filter: FeedFilter): Promise<ChangeFeedPage> {
  return db.transaction(
    async (tx) => {
      const hw = await highWatermark(tx);
      const changes = await selectChanges(tx, filter);
      const events = await eventsFor(tx, system, changes);
      const last = changes.at(-1)?.seq;
      const hasMore = changes.length === filter.limit && (last ?? 0) < hw;
      return {
        system,
        events,
        nextCursor: hasMore ? (last as number) : Math.max(hw, filter.after),
        hasMore,
        highWatermark: hw,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
