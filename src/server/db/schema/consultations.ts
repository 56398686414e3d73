import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { directives, sourceFiles } from './directives';
import { tasks } from './tasks';

export type ConsultationSectionInfo = {
  label: string | null;
  title: string;
  group: 'ministries' | 'localities';
  drafter: string | null;
  drafterRaw: string | null;
};

export type ConsultationAttachment = { key: string; fileName: string; mediaType: string; sizeBytes: number };

/** A change an agency proposes with its comment; the drafter may apply it to the draft in one step. */
export type ProposedChange =
  | { kind: 'text'; text: string }
  | { kind: 'lead'; leadAgencyId: string }
  | { kind: 'coordinators'; agencyIds: string[] }
  | { kind: 'deadline'; deadlineRaw: string }
  | { kind: 'delete' }
  | { kind: 'add'; text: string; leadAgencyId?: string | null; deadlineRaw?: string | null };

/**
 * A consultation on a draft (lấy ý kiến dự thảo): sent by the drafter to a list of agencies with a deadline, or
 * imported from a synthesis table such as seed 000 (then `directiveId` may be null: the draft itself is not in the file).
 * `key` is stable: `import:<sha256 of the source file>` for an imported table, `directive:<directive id>` otherwise.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    directiveId: text('directive_id').references(() => directives.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    drafter: text('drafter'),
    drafterAgencyId: text('drafter_agency_id').references(() => agencies.id),
    /** open | closed (the draft was issued) | imported */
    status: text('status').notNull().default('open'),
    deadline: date('deadline'),
    sourceFileId: text('source_file_id').references(() => sourceFiles.id),
    sections: jsonb('sections').notNull().$type<ConsultationSectionInfo[]>().default([]),
    createdByUserId: text('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('consultations_key_uq').on(t.key), index('consultations_directive_idx').on(t.directiveId)],
);

/** One consulted agency; `stance` is `pending` until it answers (agree | comment | none once it has). */
export const consultationConsultees = pgTable(
  'consultation_consultees',
  {
    id: text('id').primaryKey(),
    consultationId: text('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id').references(() => agencies.id),
    agencyName: text('agency_name').notNull(),
    agencyRaw: text('agency_raw').notNull(),
    /** ministries | localities */
    groupKind: text('group_kind').notNull(),
    row: integer('row').notNull(),
    rowLabel: text('row_label'),
    line: integer('line'),
    stance: text('stance').notNull().default('pending'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    late: boolean('late').notNull().default(false),
    remindedOn: date('reminded_on'),
  },
  (t) => [uniqueIndex('consultation_consultees_row_uq').on(t.consultationId, t.groupKind, t.row)],
);

/**
 * One comment (or one point of a comment) and the drafter's answer to it. `taskId` is the link that survives the
 * draft's issue ("the comments that shaped this task"); `flag` records problems such as a task deleted meanwhile.
 */
export const consultationComments = pgTable(
  'consultation_comments',
  {
    id: text('id').primaryKey(),
    consultationId: text('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    consulteeId: text('consultee_id')
      .notNull()
      .references(() => consultationConsultees.id, { onDelete: 'cascade' }),
    point: integer('point').notNull(),
    text: text('text').notNull(),
    /** agree | comment | none */
    stance: text('stance').notNull(),
    taskId: text('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    /** The task's label when the comment was made (kept when the task is deleted). */
    taskLabel: text('task_label'),
    sectionId: text('section_id'),
    taskRefs: jsonb('task_refs').notNull().$type<string[]>().default([]),
    proposal: jsonb('proposal').$type<ProposedChange | null>(),
    /** task-deleted | null */
    flag: text('flag'),
    late: boolean('late').notNull().default(false),
    attachments: jsonb('attachments').notNull().$type<ConsultationAttachment[]>().default([]),
    answerText: text('answer_text').notNull().default(''),
    /** agree | accepted | explained | noted | none */
    answerStance: text('answer_stance').notNull().default('none'),
    answerParagraphs: jsonb('answer_paragraphs').notNull().$type<{ text: string; stance: string }[]>().default([]),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('consultation_comments_point_uq').on(t.consulteeId, t.point),
    index('consultation_comments_task_idx').on(t.taskId),
  ],
);
