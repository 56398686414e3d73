import { INDICATOR_DIRECTIONS, INDICATOR_FREQUENCIES, INDICATOR_UNITS } from '@shared/domain/indicator-evaluation';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { importRuns } from './directives';
import { tasks } from './tasks';

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

const stamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Numbers are exact decimals in the database ("13.21" stays 13.21); the service converts them to numbers. */
const decimal = (name: string) => numeric(name);

export const TARGET_STATES = ['active', 'superseded', 'pending', 'rejected'] as const;
export const VALUE_SOURCES = ['agency', 'import', 'api'] as const;
export const TARGET_SOURCES = ['agency', 'standing-office', 'import', 'api'] as const;

/**
 * The indicator catalogue (issue #6). A rate (unit percent or ratio) keeps what its numerator and denominator
 * count, so that values carry both and rates re-aggregate as Σnum/Σden; averaging percentages is never done.
 */
export const indicators = pgTable(
  'indicators',
  {
    id: text('id').primaryKey(),
    /** Stable code used by the CLI, the API and other systems ("DVC_TOAN_TRINH"). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
    unit: text('unit').notNull(),
    /** How values are written for people: "%", "tài khoản", "tỷ đồng". */
    unitLabel: text('unit_label').notNull().default(''),
    definition: text('definition').notNull().default(''),
    direction: text('direction').notNull().default('higher-better'),
    frequency: text('frequency').notNull().default('monthly'),
    /** Values are year-to-date ("luỹ kế từ đầu năm"), so a later month can be lower than an earlier one. */
    isCumulative: boolean('is_cumulative').notNull().default(false),
    numeratorLabel: text('numerator_label'),
    denominatorLabel: text('denominator_label'),
    /** Folded phrases that identify the indicator in an appendix title ("ho so truc tuyen toan trinh"). */
    matchPhrases: jsonb('match_phrases').notNull().$type<string[]>().default(sql`'[]'::jsonb`),
    /** Where the indicator is defined or first met (document, appendix). */
    source: text('source'),
    isActive: boolean('is_active').notNull().default(true),
    rowVersion: integer('row_version').notNull().default(1),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('indicators_code_uq').on(t.code),
    check('indicators_unit_ck', inList('unit', INDICATOR_UNITS)),
    check('indicators_direction_ck', inList('direction', INDICATOR_DIRECTIONS)),
    check('indicators_frequency_ck', inList('frequency', INDICATOR_FREQUENCIES)),
  ],
);

/**
 * What an indicator measures: a directive (by its stable key, so the link holds before the directive is imported)
 * or a task.
 */
export const indicatorLinks = pgTable(
  'indicator_links',
  {
    id: text('id').primaryKey(),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    directiveKey: text('directive_key'),
    taskId: text('task_id').references(() => tasks.id, { onDelete: 'cascade' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('indicator_links_target_ck', sql`num_nonnulls(directive_key, task_id) = 1`),
    uniqueIndex('indicator_links_directive_uq').on(t.indicatorId, t.directiveKey).where(sql`directive_key is not null`),
    uniqueIndex('indicator_links_task_uq').on(t.indicatorId, t.taskId).where(sql`task_id is not null`),
    index('indicator_links_task_idx').on(t.taskId),
  ],
);

/**
 * National targets by year, versioned: a change adds a version and keeps the previous one. `valueMax` holds the
 * upper end of a range target ("1,5-2% GDP"); meeting means reaching `value`.
 */
export const indicatorNationalTargets = pgTable(
  'indicator_national_targets',
  {
    id: text('id').primaryKey(),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    value: decimal('value').notNull(),
    valueMax: decimal('value_max'),
    /** adopted (in a directive) | proposed (in a comment or a draft) */
    status: text('status').notNull().default('adopted'),
    /** The sentence and document the target comes from. */
    basis: text('basis'),
    version: integer('version').notNull().default(1),
    isCurrent: boolean('is_current').notNull().default(true),
    createdByUserId: text('created_by_user_id'),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('indicator_national_targets_version_uq').on(t.indicatorId, t.year, t.version),
    uniqueIndex('indicator_national_targets_current_uq').on(t.indicatorId, t.year).where(sql`is_current`),
    check('indicator_national_targets_status_ck', inList('status', ['adopted', 'proposed'])),
  ],
);

/**
 * When agencies may register their own targets for an indicator and year. Registration is open from `opensOn`
 * to `closesOn` (inclusive, Asia/Ho_Chi_Minh dates) unless the standing office locked it earlier (`lockedAt`).
 */
export const indicatorRegistrationWindows = pgTable(
  'indicator_registration_windows',
  {
    id: text('id').primaryKey(),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedByUserId: text('locked_by_user_id'),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('indicator_registration_windows_uq').on(t.indicatorId, t.year),
    check('indicator_registration_windows_dates_ck', sql`opens_on <= closes_on`),
  ],
);

/**
 * An agency's target for one period, versioned. Inside the registration window a registration supersedes the
 * previous version at once; after the lock a change is a `pending` version until the standing office approves
 * (it becomes `active`, the old one `superseded`) or rejects it. Every version is kept: that is the history.
 */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: text('id').primaryKey(),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    period: text('period').notNull(),
    year: integer('year').notNull(),
    value: decimal('value').notNull(),
    version: integer('version').notNull(),
    state: text('state').notNull(),
    source: text('source').notNull(),
    /** Why the agency registers or changes the target (required for a change after the lock). */
    reason: text('reason'),
    /** File and row, or sending system, the target came from. */
    sourceRef: text('source_ref'),
    importRunId: text('import_run_id').references(() => importRuns.id),
    supersedesId: text('supersedes_id'),
    requestedByUserId: text('requested_by_user_id'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedByUserId: text('decided_by_user_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('indicator_targets_version_uq').on(t.indicatorId, t.agencyId, t.period, t.version),
    uniqueIndex('indicator_targets_active_uq').on(t.indicatorId, t.agencyId, t.period).where(sql`state = 'active'`),
    uniqueIndex('indicator_targets_pending_uq').on(t.indicatorId, t.agencyId, t.period).where(sql`state = 'pending'`),
    index('indicator_targets_period_idx').on(t.period, t.indicatorId).where(sql`state = 'active'`),
    index('indicator_targets_agency_idx').on(t.agencyId, t.year),
    check('indicator_targets_state_ck', inList('state', TARGET_STATES)),
    check('indicator_targets_source_ck', inList('source', TARGET_SOURCES)),
  ],
);

/**
 * A value reported by (and forever belonging to) one agency for one period, versioned: a correction is a new
 * version and the previous one stays. For a rate, `numerator` and `denominator` are stored when known and `value`
 * is their quotient; a rate reported without them (seed 001 PL03) is stored as reported with both null, and is
 * left out of every re-aggregation.
 */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: text('id').primaryKey(),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    period: text('period').notNull(),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    isCurrent: boolean('is_current').notNull().default(true),
    value: decimal('value').notNull(),
    numerator: decimal('numerator'),
    denominator: decimal('denominator'),
    /** The day the figure runs to when short of the period end ("đến 09/7"). */
    asOf: date('as_of'),
    source: text('source').notNull(),
    /** File and line/row, or the sending system and its record id. */
    sourceRef: text('source_ref'),
    importRunId: text('import_run_id').references(() => importRuns.id),
    /** The note written next to the figure ("Ghi chú"). */
    note: text('note'),
    /** Required when the value misses its target: why, and what is being done about it. */
    shortfallReason: text('shortfall_reason'),
    remedialAction: text('remedial_action'),
    correctionReason: text('correction_reason'),
    supersedesId: text('supersedes_id'),
    enteredByUserId: text('entered_by_user_id'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('indicator_values_version_uq').on(t.indicatorId, t.agencyId, t.period, t.version),
    uniqueIndex('indicator_values_current_uq').on(t.indicatorId, t.agencyId, t.period).where(sql`is_current`),
    index('indicator_values_period_idx').on(t.period, t.indicatorId).where(sql`is_current`),
    index('indicator_values_agency_idx').on(t.agencyId, t.year),
    check('indicator_values_source_ck', inList('source', VALUE_SOURCES)),
    check('indicator_values_components_ck', sql`(numerator is null) = (denominator is null)`),
  ],
);

/**
 * Aggregates a report states in words ("khối bộ ngành đạt tỷ lệ: 51,7%, khối tỉnh đạt tỷ lệ: 15.5%"): kept as
 * reported facts beside the aggregates the product computes, never mixed into them.
 */
export const indicatorReportedAggregates = pgTable(
  'indicator_reported_aggregates',
  {
    id: text('id').primaryKey(),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    /** national | ministries | provinces */
    scope: text('scope').notNull(),
    value: decimal('value').notNull(),
    quote: text('quote').notNull(),
    sourceRef: text('source_ref'),
    importRunId: text('import_run_id').references(() => importRuns.id),
    ...stamps(),
  },
  (t) => [uniqueIndex('indicator_reported_aggregates_uq').on(t.indicatorId, t.period, t.scope)],
);
