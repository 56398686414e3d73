import type { ExchangeObjectType } from '@shared/contracts/exchange';
import { EXCHANGE_OBJECT_TYPES } from '@shared/contracts/exchange';
import { getTableColumns } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { EXCHANGE_OBJECTS } from './exchange-objects';

export type FieldDescription = {
  name: string;
  /** string | integer | number | boolean | date (YYYY-MM-DD) | date-time (ISO 8601, UTC) | json */
  type: string;
  nullable: boolean;
  /** The object type this field identifies, when it is a reference. */
  references?: ExchangeObjectType;
};

export type ObjectTypeDescription = {
  type: ExchangeObjectType;
  ownership: 'tasks' | 'reports' | 'reference';
  fields: FieldDescription[];
  children: { key: string; fields: FieldDescription[] }[];
};

function fieldType(column: PgColumn): string {
  switch (column.columnType) {
    case 'PgTimestamp':
    case 'PgTimestampString':
      return 'date-time';
    case 'PgDateString':
    case 'PgDate':
      return 'date';
    case 'PgInteger':
    case 'PgBigInt53':
    case 'PgBigSerial53':
    case 'PgSerial':
      return 'integer';
    case 'PgNumeric':
    case 'PgDoublePrecision':
    case 'PgReal':
      return 'number';
    case 'PgBoolean':
      return 'boolean';
    case 'PgJsonb':
    case 'PgJson':
      return 'json';
    default:
      return 'string';
  }
}

function describeFields(
  table: PgTable,
  localOnly: readonly string[],
  references: Readonly<Record<string, ExchangeObjectType>>,
  omit: readonly string[] = [],
): FieldDescription[] {
  return Object.entries(getTableColumns(table) as Record<string, PgColumn>)
    .filter(([name]) => !localOnly.includes(name) && !omit.includes(name))
    .map(([name, column]) => ({
      name,
      type: fieldType(column),
      nullable: !column.notNull,
      ...(references[name] ? { references: references[name] } : {}),
    }));
}

/**
 * What each object type carries on the wire, derived from the same table definitions the codec reads, so the
 * published description cannot drift from what is sent.
 */
export function describeObjectTypes(): ObjectTypeDescription[] {
  return EXCHANGE_OBJECT_TYPES.map((type) => {
    const spec = EXCHANGE_OBJECTS[type];
    return {
      type,
      ownership: spec.ownership,
      fields: describeFields(spec.table, spec.localOnly, spec.references),
      children: spec.children.map((child) => ({
        key: child.key,
        fields: describeFields(child.table, child.localOnly, {}, [child.parentKey]),
      })),
    };
  });
}
