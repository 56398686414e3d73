import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Append-only record of every state change: who, for which agency, what, before/after, when, from where. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: text('actor_user_id'),
    actorAgencyId: text('actor_agency_id'),
    /** e.g. import.apply, task.update, agency.merge */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before').$type<unknown>(),
    after: jsonb('after').$type<unknown>(),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_at_idx').on(t.at),
    // The audit viewer filters by who did it and for which agency, newest first.
    index('audit_log_actor_idx').on(t.actorUserId, t.at),
    index('audit_log_agency_idx').on(t.actorAgencyId, t.at),
  ],
);
