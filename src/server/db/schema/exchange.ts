import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const stamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The change log and transactional outbox in one: a row per object touched, written by database triggers in the
 * same transaction as the change (migration 0003). `seq` is the feed cursor. Triggers serialise on one advisory
 * lock, so a later `seq` is never visible before an earlier one and a cursor reader cannot skip a row.
 * `origin` is the partner system the change came from (null: made here), so that it is not echoed back.
 */
export const exchangeChanges = pgTable(
  'exchange_changes',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    /** upsert | delete, as the trigger saw the statement; the feed re-checks existence when it reads. */
    op: text('op').notNull(),
    origin: text('origin'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exchange_changes_object_idx').on(t.objectType, t.objectId, t.seq)],
);

/** Another monitoring system we exchange with (the Party's Resolution 57 system, a ministry's own system…). */
export const exchangePartners = pgTable(
  'exchange_partners',
  {
    id: text('id').primaryKey(),
    /** The partner's own system identifier, as it names itself in `origin` and signed requests. */
    systemId: text('system_id').notNull(),
    name: text('name').notNull(),
    /** Root of the partner's Tiến Độ-compatible exchange API (`…/api/exchange/v1`), null for file-only partners. */
    baseUrl: text('base_url'),
    /** shared: the partner uses our identifiers; own: its identifiers are translated through `exchange_id_map`. */
    idScheme: text('id_scheme').notNull().default('shared'),
    status: text('status').notNull().default('active'),
    /** The key the partner issued to us, used to sign our calls to it (`tdk_<keyId>.<secret>`); shown never. */
    outboundKey: text('outbound_key'),
    /** Pull mode: the last `seq` of the partner's feed applied here. */
    pullCursor: bigint('pull_cursor', { mode: 'number' }).notNull().default(0),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('exchange_partners_system_uq').on(t.systemId),
    check('exchange_partners_scheme_ck', sql`id_scheme in ('shared', 'own')`),
    check('exchange_partners_status_ck', sql`status in ('active', 'disabled')`),
  ],
);

/**
 * A partner's credential: an Ed25519 public key (we never hold the partner's secret) with scopes. Rotation issues a
 * new key while the old one still works until it is revoked or expires.
 */
export const exchangeCredentials = pgTable(
  'exchange_credentials',
  {
    keyId: text('key_id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => exchangePartners.id, { onDelete: 'cascade' }),
    label: text('label'),
    publicKey: text('public_key').notNull(),
    scopes: jsonb('scopes').notNull().$type<string[]>(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exchange_credentials_partner_idx').on(t.partnerId)],
);

/** Nonces of signed requests seen within the clock-skew window: a replayed request is refused. */
export const exchangeNonces = pgTable(
  'exchange_nonces',
  {
    keyId: text('key_id').notNull(),
    nonce: text('nonce').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.nonce] }), index('exchange_nonces_seen_idx').on(t.seenAt)],
);

/** A push subscription: changes are delivered to `url` (the partner's events endpoint), signed with our key. */
export const exchangeSubscriptions = pgTable(
  'exchange_subscriptions',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => exchangePartners.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** Object types delivered; empty = all. */
    objectTypes: jsonb('object_types').notNull().$type<string[]>(),
    status: text('status').notNull().default('active'),
    /** Changes up to this `seq` have a delivery row (or were filtered out). */
    cursorSeq: bigint('cursor_seq', { mode: 'number' }).notNull().default(0),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    lastDeliveredAt: timestamp('last_delivered_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    index('exchange_subscriptions_partner_idx').on(t.partnerId),
    check('exchange_subscriptions_status_ck', sql`status in ('active', 'paused')`),
  ],
);

/** One change to deliver to one subscription: pending → delivered, or dead after repeated failure (replayable). */
export const exchangeDeliveries = pgTable(
  'exchange_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subscriptionId: text('subscription_id')
      .notNull()
      .references(() => exchangeSubscriptions.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    /** What the receiver said: applied, unchanged, stale, duplicate, conflict, parked, waiting, rejected. */
    outcome: text('outcome'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exchange_deliveries_sub_seq_uq').on(t.subscriptionId, t.seq),
    index('exchange_deliveries_pending_idx').on(t.subscriptionId, t.seq).where(sql`status = 'pending'`),
    index('exchange_deliveries_dead_idx').on(t.subscriptionId).where(sql`status = 'dead'`),
    check('exchange_deliveries_status_ck', sql`status in ('pending', 'delivered', 'dead')`),
  ],
);

/**
 * Every event received from a partner, keyed by its idempotency key (`eventId`): a redelivery is recognised and
 * answered without applying twice. Events that could not be applied yet keep their payload here: `waiting` (a
 * referenced object has not arrived), `unmapped` (an identifier needs a person to map it).
 */
export const exchangeInbox = pgTable(
  'exchange_inbox',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => exchangePartners.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    remoteSeq: bigint('remote_seq', { mode: 'number' }).notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
    payload: jsonb('payload').$type<unknown>(),
    /** When the partner made the change (its clock) and when it was applied here. */
    changedAt: timestamp('changed_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    redeliveries: integer('redeliveries').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.eventId] }),
    index('exchange_inbox_pending_idx').on(t.partnerId, t.remoteSeq).where(sql`status in ('waiting', 'unmapped')`),
    index('exchange_inbox_object_idx').on(t.objectType, t.objectId),
  ],
);

/** The partner version of each object last reconciled here, and our change `seq` right after it. */
export const exchangeObjectLinks = pgTable(
  'exchange_object_links',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => exchangePartners.id, { onDelete: 'cascade' }),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    remoteVersion: bigint('remote_version', { mode: 'number' }).notNull(),
    localSeq: bigint('local_seq', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.objectType, t.objectId] })],
);

/** A change a partner sent that the ownership rules did not let us apply silently: a person decides. */
export const exchangeConflicts = pgTable(
  'exchange_conflicts',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => exchangePartners.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    remoteVersion: bigint('remote_version', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    theirs: jsonb('theirs').$type<unknown>(),
    ours: jsonb('ours').$type<unknown>(),
    status: text('status').notNull().default('open'),
    resolvedByUserId: text('resolved_by_user_id'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('exchange_conflicts_open_idx').on(t.partnerId, t.createdAt).where(sql`status = 'open'`),
    check('exchange_conflicts_status_ck', sql`status in ('open', 'accepted-theirs', 'kept-ours')`),
  ],
);

/** Ours ↔ theirs for partners with their own identifiers; `ourId` null = waiting in the review queue. */
export const exchangeIdMap = pgTable(
  'exchange_id_map',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => exchangePartners.id, { onDelete: 'cascade' }),
    objectType: text('object_type').notNull(),
    theirId: text('their_id').notNull(),
    ourId: text('our_id'),
    /** What the partner calls it, to help the person mapping it ("Bộ Khoa học và Công nghệ"). */
    theirLabel: text('their_label'),
    mappedByUserId: text('mapped_by_user_id'),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('exchange_id_map_their_uq').on(t.partnerId, t.objectType, t.theirId),
    index('exchange_id_map_our_idx').on(t.partnerId, t.objectType, t.ourId),
  ],
);

/**
 * Which system is the source of truth, per partner and directive (`directiveId` null: the partner's default):
 * for a directive's tasks (directive, sections, tasks, assignments) and for its progress reports (reports, evidence).
 */
export const exchangeOwnershipRules = pgTable(
  'exchange_ownership_rules',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => exchangePartners.id, { onDelete: 'cascade' }),
    directiveId: text('directive_id'),
    /** local | partner | shared */
    tasksSource: text('tasks_source').notNull().default('shared'),
    reportsSource: text('reports_source').notNull().default('shared'),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('exchange_ownership_rules_uq').on(t.partnerId, sql`coalesce(${t.directiveId}, '')`),
    check(
      'exchange_ownership_rules_ck',
      sql`tasks_source in ('local', 'partner', 'shared') and reports_source in ('local', 'partner', 'shared')`,
    ),
  ],
);

/** Every exchange request in either direction (who, what, how many objects, outcome, duration). */
export const exchangeLog = pgTable(
  'exchange_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnerId: text('partner_id'),
    keyId: text('key_id'),
    /** in (a partner called us) | out (we called a partner) | file (bundle) */
    direction: text('direction').notNull(),
    operation: text('operation').notNull(),
    httpStatus: integer('http_status'),
    objectCount: integer('object_count').notNull().default(0),
    durationMs: integer('duration_ms'),
    error: text('error'),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exchange_log_partner_idx').on(t.partnerId, t.at)],
);
