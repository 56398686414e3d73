import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';

const ROLE_LIST = `array['admin', 'standing-office', 'reporter', 'leader', 'viewer']::text[]`;

/**
 * Accounts. A user acts for exactly one agency (issue #4) and holds one or more roles. `login_name` is stored
 * lower-case; the password is an argon2id PHC string (the hash carries its own parameters, so raising them later
 * only affects new hashes).
 */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    loginName: text('login_name').notNull(),
    displayName: text('display_name').notNull(),
    /** Where reminders and early warnings are e-mailed (SMTP, when configured); optional. */
    email: text('email'),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    roles: text('roles').array().notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Set for one-time passwords (new accounts, resets): the next sign-in must choose a new password. */
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    active: boolean('active').notNull().default(true),
    /** Demo accounts (documented passwords) may sign in only while the server runs with --demo. */
    isDemo: boolean('is_demo').notNull().default(false),
    /** Base32 RFC 6238 secret; `totp_enabled` only after the user proved a code from it. */
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The 30-second step of the last accepted code: a code of this step or older is a replay and is refused. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    /** Consecutive failed sign-ins (password or TOTP) since the last success. */
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_login_name_uq').on(t.loginName),
    index('users_agency_idx').on(t.agencyId),
    check('users_login_name_lower_ck', sql`${t.loginName} = lower(${t.loginName})`),
    check('users_roles_ck', sql.raw(`cardinality(roles) > 0 and roles <@ ${ROLE_LIST}`)),
  ],
);

/**
 * Server-side sessions. The cookie carries a random token; only its SHA-256 is stored (`id`), so a database
 * read does not hand out live sessions. `stage` is how far sign-in got: only `full` sessions act for the user.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** full | totp | password-change | totp-enrol */
    stage: text('stage').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Absolute end of life; the idle timeout is checked against `last_seen_at`. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    index('sessions_expires_idx').on(t.expiresAt),
    check('sessions_stage_ck', sql`${t.stage} in ('full', 'totp', 'password-change', 'totp-enrol')`),
  ],
);
