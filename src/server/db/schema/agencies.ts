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
    /** Where the row came from and how sure we are (legal basis, confidence), for the history view. */
    note: text('note'),
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
    /**
     * abbreviation, former-name, spelling, short-name, official-name, or relative: a name that only identifies
     * the agency inside its parent province's documents ("Sở Tài chính", "Công an Thành phố").
     */
    kind: text('kind').notNull().default('spelling'),
  },
  (t) => [
    uniqueIndex('agency_aliases_agency_folded_uq').on(t.agencyId, t.aliasFolded),
    index('agency_aliases_folded_idx').on(t.aliasFolded),
  ],
);

/**
 * How a collective expression's members are computed against the register for a date.
 * - `kinds`: the agency kinds that belong to the group.
 * - `parentId`: only children of that agency; `null` = only top-level (central) agencies; absent = any parent.
 * - `relativeTo: 'province'`: a group of one province ("các sở, ban, ngành"); restricted to the province given
 *   as context when resolving, otherwise every province's.
 * - `open`: an expression with no computable members ("Các bộ, ngành liên quan"); never expanded, but known so
 *   that a cell splitter keeps it whole.
 */
export type AgencyGroupRule = {
  kinds: string[];
  parentId?: string | null;
  relativeTo?: 'province';
  open?: boolean;
};

/** Collective expressions ("Các bộ, ngành, địa phương") whose members are computed for a date. */
export const agencyGroups = pgTable('agency_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Which agency kinds (and optionally parent) make up the group; evaluated against the register for a date. */
  rule: jsonb('rule').notNull().$type<AgencyGroupRule>(),
  aliases: jsonb('aliases').notNull().$type<string[]>().default(sql`'[]'::jsonb`),
  position: integer('position').notNull().default(0),
});

/**
 * Restructuring events, one row per predecessor → successor link: a merge of three provinces is three rows with
 * the same successor and date; a split is one row per successor. `effectiveOn` is the first day of the successor.
 */
export const agencySuccessions = pgTable(
  'agency_successions',
  {
    id: text('id').primaryKey(),
    predecessorId: text('predecessor_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    successorId: text('successor_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    effectiveOn: date('effective_on').notNull(),
    /** merge | split | rename | move */
    kind: text('kind').notNull(),
    /** Document number and date of the decision ("Nghị quyết 202/2025/QH15 ngày 12/6/2025"). */
    legalBasis: text('legal_basis'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('agency_successions_uq').on(t.predecessorId, t.successorId, t.effectiveOn),
    index('agency_successions_successor_idx').on(t.successorId),
  ],
);
