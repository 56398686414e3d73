import type { DbOrTx } from '@server/db/client';
import type { ExchangeObjectType } from '@shared/contracts/exchange';
import { asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type ChildSpec, exchangeSpec } from './exchange-objects';

/** An object as it travels: its exchanged columns (camelCase), timestamps as ISO strings, children as arrays. */
export type ObjectPayload = Record<string, unknown>;

const ID_CHUNK = 1000;

function columnsOf(table: PgTable): Record<string, PgColumn> {
  return getTableColumns(table) as Record<string, PgColumn>;
}

function toWire(row: Record<string, unknown>, localOnly: readonly string[]): ObjectPayload {
  const out: ObjectPayload = {};
  for (const [key, value] of Object.entries(row)) {
    if (localOnly.includes(key)) {
      continue;
    }
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/** Wire values back to what the column wants (Drizzle's timestamp columns take Date objects). */
function fromWire(table: PgTable, payload: ObjectPayload, keys: Iterable<string>): Record<string, unknown> {
  const columns = columnsOf(table);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const column = columns[key];
    if (!column || !(key in payload)) {
      continue;
    }
    const value = payload[key];
    out[key] = column.columnType === 'PgTimestamp' && typeof value === 'string' ? new Date(value) : value;
  }
  return out;
}

function compareRows(orderBy: readonly string[]) {
  return (a: ObjectPayload, b: ObjectPayload) => {
    for (const key of orderBy) {
      const x = String(a[key] ?? '');
      const y = String(b[key] ?? '');
      if (x !== y) {
        return x < y ? -1 : 1;
      }
    }
    return 0;
  };
}

/** The current state of objects by id (missing ids are absent from the map). */
export async function loadObjects(
  db: DbOrTx,
  type: ExchangeObjectType,
  ids: readonly string[],
): Promise<Map<string, ObjectPayload>> {
  const spec = exchangeSpec(type);
  const idColumn = columnsOf(spec.table).id as PgColumn;
  const result = new Map<string, ObjectPayload>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += ID_CHUNK) {
    const chunk = unique.slice(i, i + ID_CHUNK);
    const rows = (await db.select().from(spec.table).where(inArray(idColumn, chunk))) as Record<string, unknown>[];
    for (const row of rows) {
      result.set(String(row.id), toWire(row, spec.localOnly));
    }
    for (const child of spec.children) {
      await attachChildren(db, child, chunk, result);
    }
  }
  return result;
}

async function attachChildren(db: DbOrTx, child: ChildSpec, parentIds: string[], into: Map<string, ObjectPayload>) {
  const columns = columnsOf(child.table);
  const parentColumn = columns[child.parentKey] as PgColumn;
  const order = child.orderBy.map((k) => asc(columns[k] as PgColumn));
  const rows = (await db
    .select()
    .from(child.table)
    .where(inArray(parentColumn, parentIds))
    .orderBy(...order)) as Record<string, unknown>[];
  for (const payload of into.values()) {
    payload[child.key] = [];
  }
  for (const row of rows) {
    const parent = into.get(String(row[child.parentKey]));
    (parent?.[child.key] as ObjectPayload[] | undefined)?.push(toWire(row, child.localOnly));
  }
}

/** Every id of a type, for full exports and comparisons. */
export async function listObjectIds(db: DbOrTx, type: ExchangeObjectType): Promise<string[]> {
  const spec = exchangeSpec(type);
  const idColumn = columnsOf(spec.table).id as PgColumn;
  const rows = (await db.select({ id: idColumn }).from(spec.table).orderBy(asc(idColumn))) as {
    id: string;
  }[];
  return rows.map((r) => r.id);
}

/** JSON with object keys sorted at every level: two equal objects give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Exchanged properties whose values differ between two payloads (for the conflict view). */
export function differingFields(ours: ObjectPayload | null, theirs: ObjectPayload | null): string[] {
  const keys = new Set([...Object.keys(ours ?? {}), ...Object.keys(theirs ?? {})]);
  return [...keys].filter((k) => canonicalJson(ours?.[k] ?? null) !== canonicalJson(theirs?.[k] ?? null)).sort();
}

/**
 * Writes an object as the payload says: inserts it, or updates its exchanged columns (local bookkeeping columns keep
 * their values); children are replaced when they differ. `extra` sets local columns the caller computed.
 */
export async function writeObject(
  tx: DbOrTx,
  type: ExchangeObjectType,
  payload: ObjectPayload,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const spec = exchangeSpec(type);
  const columns = columnsOf(spec.table);
  const exchanged = Object.keys(columns).filter((k) => !spec.localOnly.includes(k));
  const values = { ...fromWire(spec.table, payload, exchanged), ...extra };
  const { id: _id, ...set } = values;
  const idColumn = columns.id as PgColumn;
  const insert = tx.insert(spec.table).values(values as never);
  if (Object.keys(set).length > 0) {
    await insert.onConflictDoUpdate({ target: idColumn, set: set as never });
  } else {
    await insert.onConflictDoNothing();
  }
  for (const child of spec.children) {
    await replaceChildren(tx, child, String(payload.id), (payload[child.key] as ObjectPayload[] | undefined) ?? []);
  }
}

/**
 * Many objects of one childless type in one statement (the replay path). The caller falls back to `writeObject` one
 * by one when the statement fails, to find which object was the problem.
 */
export async function writeObjects(tx: DbOrTx, type: ExchangeObjectType, payloads: readonly ObjectPayload[]) {
  const spec = exchangeSpec(type);
  if (spec.children.length > 0) {
    throw new Error(`${type} has children: write it with writeObject`);
  }
  const columns = columnsOf(spec.table);
  const exchanged = Object.keys(columns).filter((k) => !spec.localOnly.includes(k));
  const rows = payloads.map((p) => fromWire(spec.table, p, exchanged));
  const set = Object.fromEntries(
    exchanged.filter((k) => k !== 'id').map((k) => [k, sql.raw(`excluded."${(columns[k] as PgColumn).name}"`)]),
  );
  await tx
    .insert(spec.table)
    .values(rows as never)
    .onConflictDoUpdate({ target: columns.id as PgColumn, set: set as never });
}

async function replaceChildren(tx: DbOrTx, child: ChildSpec, parentId: string, wanted: ObjectPayload[]) {
  const columns = columnsOf(child.table);
  const parentColumn = columns[child.parentKey] as PgColumn;
  const current = (await tx
    .select()
    .from(child.table)
    .where(eq(parentColumn, parentId))
    .orderBy(...child.orderBy.map((k) => asc(columns[k] as PgColumn)))) as Record<string, unknown>[];
  const currentWire = current.map((r) => toWire(r, child.localOnly));
  if (canonicalJson(currentWire) === canonicalJson(wanted)) {
    return;
  }
  await tx.delete(child.table).where(eq(parentColumn, parentId));
  const exchanged = Object.keys(columns).filter((k) => !child.localOnly.includes(k));
  const rows = [...wanted]
    .sort(compareRows(child.orderBy))
    .map((row) => ({ ...fromWire(child.table, row, exchanged), [child.parentKey]: parentId }));
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(child.table).values(rows.slice(i, i + 500) as never);
  }
}

export async function deleteObject(tx: DbOrTx, type: ExchangeObjectType, id: string): Promise<void> {
  const spec = exchangeSpec(type);
  await tx.delete(spec.table).where(eq(columnsOf(spec.table).id as PgColumn, id));
}
