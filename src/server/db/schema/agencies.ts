import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
// tasks.ts imports this file too; the cycle is safe because Drizzle resolves `references` callbacks lazily.
import { assignments } from './tasks';

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
    /** The restructuring event recorded in the app that created or confirmed this link (null: reference data). */
    eventId: text('event_id').references(() => restructuringEvents.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('agency_successions_uq').on(t.predecessorId, t.successorId, t.effectiveOn),
    index('agency_successions_successor_idx').on(t.successorId),
  ],
);

export const RESTRUCTURING_KINDS = ['merge', 'split', 'rename', 'move'] as const;
/** draft → applied (→ reversed by a reversing event); draft → discarded. An applied event is never edited. */
export const RESTRUCTURING_STATUSES = ['draft', 'applied', 'discarded', 'reversed'] as const;

/** A successor agency the event creates when applied (its id is fixed when the event is recorded). */
export type RestructuringNewAgency = {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: string | null;
  code: string | null;
};

/** Split only: which successor (index into `successor_ids`) takes the open assignments of the predecessor. */
export type RestructuringTransferRule = {
  defaultSuccessor?: number | undefined;
  byAssignment?: Record<string, number> | undefined;
};

/** What applying an event changed, kept so that a reversing event can undo exactly that and nothing else. */
export type RestructuringChanges = {
  agenciesCreated: string[];
  validTo: { agencyId: string; before: string | null; after: string | null }[];
  successionsCreated: string[];
  successionsLinked: string[];
  aliasesCreated: string[];
  users: { userId: string; fromAgencyId: string; toAgencyId: string }[];
  /** Target rows that were inactive (or missing) and that the transfer made active. */
  assignmentsActivated: string[];
  counts: {
    transferred: number;
    completedStaying: number;
    untransferred: number;
    usersMoved: number;
    usersStaying: number;
    aliasesAdded: number;
  };
};

/**
 * A restructuring of the state apparatus as recorded in the app (merge, split, rename, move), with its legal basis.
 * Applying it closes the predecessors, opens the successors, writes the `agency_successions` links, transfers open
 * assignments (`assignment_transfers`) and moves accounts; `changes` records what it did.
 */
export const restructuringEvents = pgTable(
  'restructuring_events',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    /** First day of the successors; predecessors end the day before. */
    effectiveOn: date('effective_on').notNull(),
    /** Number of the decision ("Nghị quyết 202/2025/QH15"). */
    legalBasisNumber: text('legal_basis_number').notNull(),
    legalBasisDate: date('legal_basis_date'),
    predecessorIds: jsonb('predecessor_ids').notNull().$type<string[]>(),
    /** Existing agencies and the ids of `new_agencies`, in the order given. */
    successorIds: jsonb('successor_ids').notNull().$type<string[]>(),
    newAgencies: jsonb('new_agencies').notNull().$type<RestructuringNewAgency[]>().default(sql`'[]'::jsonb`),
    newParentId: text('new_parent_id').references(() => agencies.id),
    transferRule: jsonb('transfer_rule').$type<RestructuringTransferRule>(),
    note: text('note'),
    status: text('status').notNull().default('draft'),
    /** Set on a reversing event: the applied event it undoes. */
    reversesEventId: text('reverses_event_id'),
    reversedByEventId: text('reversed_by_event_id'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    appliedBy: text('applied_by'),
    changes: jsonb('changes').$type<RestructuringChanges>(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('restructuring_events_effective_idx').on(t.effectiveOn),
    index('restructuring_events_status_idx').on(t.status),
    check('restructuring_events_kind_ck', sql.raw(`kind in (${RESTRUCTURING_KINDS.map((k) => `'${k}'`).join(', ')})`)),
    check(
      'restructuring_events_status_ck',
      sql.raw(`status in (${RESTRUCTURING_STATUSES.map((k) => `'${k}'`).join(', ')})`),
    ),
  ],
);

/**
 * An open assignment handed from a predecessor to its successor by a restructuring event: the old row is
 * deactivated, `to_assignment_id` is the successor's row (new, reactivated, or one it already held). Figures "as of"
 * a date before `effective_on` count the old row; from `effective_on` on, the new one.
 */
export const assignmentTransfers = pgTable(
  'assignment_transfers',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => restructuringEvents.id),
    fromAssignmentId: text('from_assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    toAssignmentId: text('to_assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    fromAgencyId: text('from_agency_id').notNull(),
    toAgencyId: text('to_agency_id').notNull(),
    effectiveOn: date('effective_on').notNull(),
    /** The successor already held the task in this role (an active row) before the transfer. */
    targetWasActive: boolean('target_was_active').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assignment_transfers_event_from_uq').on(t.eventId, t.fromAssignmentId),
    index('assignment_transfers_from_idx').on(t.fromAssignmentId),
    index('assignment_transfers_to_idx').on(t.toAssignmentId),
  ],
);
