import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The agency register. An agency row is one legal body over a validity interval; restructuring creates
 * successor rows instead of renaming in place, so history stays true (issue #4).
 */
export const agencies = pgTable(
  'agencies',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    parentId: text('parent_id'),
    code: text('code'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    nameFolded: text('name_folded').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agencies_kind_idx').on(t.kind), index('agencies_parent_idx').on(t.parentId)],
);

/** Every spelling an agency is known by; `aliasFolded` is the lookup key (diacritics and punctuation folded). */
export const agencyAliases = pgTable(
  'agency_aliases',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    aliasFolded: text('alias_folded').notNull(),
    /** abbreviation, former-name, spelling, short-name */
    kind: text('kind').notNull().default('spelling'),
  },
  (t) => [
    uniqueIndex('agency_aliases_agency_folded_uq').on(t.agencyId, t.aliasFolded),
    index('agency_aliases_folded_idx').on(t.aliasFolded),
  ],
);

/** Collective expressions ("Các bộ, ngành, địa phương") whose members are computed for a date. */
export const agencyGroups = pgTable('agency_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Which agency kinds (and optionally parent) make up the group; evaluated against the register for a date. */
  rule: jsonb('rule').notNull().$type<{ kinds: string[]; parentId?: string }>(),
  aliases: jsonb('aliases').notNull().$type<string[]>().default(sql`'[]'::jsonb`),
  position: integer('position').notNull().default(0),
});
