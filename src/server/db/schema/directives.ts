import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** A file that was imported; the bytes live in file storage under `storageKey`. */
export const sourceFiles = pgTable(
  'source_files',
  {
    id: text('id').primaryKey(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('source_files_sha_uq').on(t.sha256)],
);

/** One import attempt (dry runs are not stored). */
export const importRuns = pgTable('import_runs', {
  id: text('id').primaryKey(),
  sourceFileId: text('source_file_id')
    .notNull()
    .references(() => sourceFiles.id),
  actorUserId: text('actor_user_id'),
  summary: jsonb('summary').notNull().$type<Record<string, unknown>>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A directive document (Nghị quyết, Kế hoạch, Thông báo kết luận, Quyết định, Công văn, Báo cáo…).
 * `stableKey` survives re-import and exchange: the number/symbol when there is one ("71/NQ-CP"),
 * otherwise a key derived from issuer, date and title.
 */
export const directives = pgTable(
  'directives',
  {
    id: text('id').primaryKey(),
    stableKey: text('stable_key').notNull(),
    kind: text('kind').notNull(),
    number: text('number'),
    issuedOn: date('issued_on'),
    issuer: text('issuer'),
    title: text('title').notNull(),
    /** issued | draft | reference (known only because another document cites it) */
    status: text('status').notNull().default('issued'),
    sourceFileId: text('source_file_id').references(() => sourceFiles.id),
    titleFolded: text('title_folded').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('directives_stable_key_uq').on(t.stableKey)],
);

/** Section headings of a directive (I, II, 1., a)…) as a tree. */
export const directiveSections = pgTable(
  'directive_sections',
  {
    id: text('id').primaryKey(),
    directiveId: text('directive_id')
      .notNull()
      .references(() => directives.id, { onDelete: 'cascade' }),
    parentId: text('parent_id'),
    label: text('label'),
    title: text('title').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('directive_sections_directive_idx').on(t.directiveId)],
);

/**
 * A list met in a source file: a task table or appendix, with its kind (task-list, status-report,
 * indicator-table, comment-table, proposed-tasks) and caption. Lists are provenance, not ownership:
 * a task belongs to the directive that assigned it.
 */
export const sourceLists = pgTable(
  'source_lists',
  {
    id: text('id').primaryKey(),
    sourceFileId: text('source_file_id')
      .notNull()
      .references(() => sourceFiles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    line: integer('line'),
    reportedOn: date('reported_on'),
  },
  (t) => [uniqueIndex('source_lists_file_pos_uq').on(t.sourceFileId, t.position)],
);
