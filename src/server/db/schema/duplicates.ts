import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { tasks } from './tasks';

/**
 * A pair of tasks the matcher proposed as the same or overlapping work (issue 10). One row per unordered pair,
 * stored with `task_a_id < task_b_id`, so the same pair can never be proposed twice; once a person has decided,
 * later scans leave the row (and the decision) alone.
 */
export const duplicateCandidates = pgTable(
  'duplicate_candidates',
  {
    id: text('id').primaryKey(),
    taskAId: text('task_a_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    taskBId: text('task_b_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    score: doublePrecision('score').notNull(),
    /** What the matcher suggests: duplicate | overlap */
    suggestedKind: text('suggested_kind').notNull(),
    /** Human-readable reasons in Vietnamese ("cùng cơ quan chủ trì", "78% trùng từ"). */
    reasons: jsonb('reasons').notNull().$type<string[]>(),
    /** pending | duplicate | overlap | different (the latest decision) */
    status: text('status').notNull().default('pending'),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    lastScannedAt: timestamp('last_scanned_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('duplicate_candidates_pair_uq').on(t.taskAId, t.taskBId),
    index('duplicate_candidates_b_idx').on(t.taskBId),
    index('duplicate_candidates_status_idx').on(t.status, t.score),
    check('duplicate_candidates_order_ck', sql`${t.taskAId} < ${t.taskBId}`),
  ],
);

/** Every decision on a candidate, in order: a reversal is a new row, the history is kept. */
export const duplicateDecisions = pgTable(
  'duplicate_decisions',
  {
    id: text('id').primaryKey(),
    /** Order of decisions (several can share one instant). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    candidateId: text('candidate_id')
      .notNull()
      .references(() => duplicateCandidates.id, { onDelete: 'cascade' }),
    /** duplicate | overlap | different */
    decision: text('decision').notNull(),
    note: text('note'),
    decidedBy: text('decided_by'),
    decidedByAgencyId: text('decided_by_agency_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('duplicate_decisions_candidate_idx').on(t.candidateId, t.seq)],
);

/**
 * Two tasks a person judged the same (duplicate) or partly the same (overlap). Both tasks stay, each with its own
 * directive and deadline; the link is deactivated, not deleted, when the decision is reversed.
 */
export const taskLinks = pgTable(
  'task_links',
  {
    /** Same id as the candidate it came from. */
    id: text('id').primaryKey(),
    taskAId: text('task_a_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    taskBId: text('task_b_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    /** duplicate | overlap */
    kind: text('kind').notNull(),
    /** A report filed for one task counts for the other (reporting reads this through `linkedTaskIds`). */
    reportsCountForLinked: boolean('reports_count_for_linked').notNull().default(true),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('task_links_pair_uq').on(t.taskAId, t.taskBId),
    index('task_links_b_idx').on(t.taskBId),
    check('task_links_order_ck', sql`${t.taskAId} < ${t.taskBId}`),
  ],
);
