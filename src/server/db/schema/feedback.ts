import { date, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { directives } from './directives';
import { tasks } from './tasks';

export type FeedbackAttachment = { fileName: string; mediaType: string; sizeBytes: number; storageKey: string };

/**
 * A feedback item (phản ánh, kiến nghị, sáng kiến, giải pháp) from a signed-in user or, where enabled, the public.
 * The standing office routes it to an agency with a handling deadline (`dueOn`); the agency answers.
 */
export const feedbackItems = pgTable(
  'feedback_items',
  {
    id: text('id').primaryKey(),
    /** reflection | petition | initiative | solution */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    submitterUserId: text('submitter_user_id'),
    submitterAgencyId: text('submitter_agency_id').references(() => agencies.id),
    submitterName: text('submitter_name'),
    submitterContact: text('submitter_contact'),
    source: text('source').notNull().default('account'),
    directiveId: text('directive_id').references(() => directives.id, { onDelete: 'set null' }),
    taskId: text('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    attachments: jsonb('attachments').notNull().$type<FeedbackAttachment[]>().default([]),
    /** new | routed | answered */
    status: text('status').notNull().default('new'),
    routedAgencyId: text('routed_agency_id').references(() => agencies.id),
    dueOn: date('due_on'),
    routedAt: timestamp('routed_at', { withTimezone: true }),
    answerText: text('answer_text'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('feedback_items_routed_idx').on(t.routedAgencyId, t.status),
    index('feedback_items_created_idx').on(t.createdAt),
  ],
);
