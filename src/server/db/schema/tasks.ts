import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { directiveSections, directives, sourceLists } from './directives';

export type TaskProvenance = { file: string; sourceFileId?: string; line?: number; row?: number; list?: string };

/**
 * A task assigned by a directive. `id` is stable across re-imports and exchange; `identityKey`
 * (directive key + folded text) is how the same task is recognised when met again.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    identityKey: text('identity_key').notNull(),
    directiveId: text('directive_id')
      .notNull()
      .references(() => directives.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').references(() => directiveSections.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    label: text('label'),
    text: text('text').notNull(),
    textFolded: text('text_folded').notNull(),
    product: text('product'),
    notes: text('notes'),
    leadText: text('lead_text'),
    coordinatorsText: text('coordinators_text'),
    deadlineRaw: text('deadline_raw'),
    /** date | month | quarter | half-year | year | period | recurring | none | relative | unreadable */
    deadlineKind: text('deadline_kind').notNull().default('none'),
    deadlineDue: date('deadline_due'),
    deadlineStart: date('deadline_start'),
    deadlineRule: text('deadline_rule'),
    /** proposed (from prose, awaiting a person) | confirmed */
    status: text('status').notNull().default('confirmed'),
    provenance: jsonb('provenance').notNull().$type<TaskProvenance>(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('tasks_identity_idx').on(t.identityKey),
    index('tasks_directive_idx').on(t.directiveId, t.position),
    index('tasks_due_idx').on(t.deadlineDue),
    index('tasks_text_trgm_idx').using('gin', t.textFolded.op('gin_trgm_ops')),
  ],
);

/**
 * Every identity key a task has had. When an edited file is re-imported, the task keeps its id and its
 * new key is added here, so that both the old and the new wording find the same task.
 */
export const taskKeys = pgTable(
  'task_keys',
  {
    key: text('key').primaryKey(),
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
  },
  (t) => [index('task_keys_task_idx').on(t.taskId)],
);

/** task × agency × role. `viaGroup` names the collective expression this assignment was expanded from. */
export const assignments = pgTable(
  'assignments',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** lead | coordinator */
    role: text('role').notNull(),
    viaGroup: text('via_group'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assignments_task_agency_role_uq').on(t.taskId, t.agencyId, t.role),
    index('assignments_agency_idx').on(t.agencyId, t.role),
  ],
);

/** Where a task was met: one row per (list, task), with the cells as read. */
export const taskOccurrences = pgTable(
  'task_occurrences',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    listId: text('list_id')
      .notNull()
      .references(() => sourceLists.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    line: integer('line'),
    cells: jsonb('cells').notNull().$type<Record<string, string>>(),
  },
  (t) => [
    uniqueIndex('task_occurrences_list_row_uq').on(t.listId, t.row),
    index('task_occurrences_task_idx').on(t.taskId),
  ],
);

/**
 * What a document said about a task (a status column, "Đơn vị chưa hoàn thành", a result): kept as a
 * reported fact with its source and date, never as ground truth.
 */
export const reportedFacts = pgTable(
  'reported_facts',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    listId: text('list_id').references(() => sourceLists.id, { onDelete: 'cascade' }),
    /** status | units-not-completed | result | description | note */
    kind: text('kind').notNull(),
    value: jsonb('value').notNull().$type<unknown>(),
    reportedOn: date('reported_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reported_facts_task_idx').on(t.taskId),
    uniqueIndex('reported_facts_task_list_kind_uq').on(t.taskId, t.listId, t.kind),
  ],
);

/** Every version of a task that an import or a person replaced. */
export const taskHistory = pgTable(
  'task_history',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    before: jsonb('before').notNull().$type<Record<string, unknown>>(),
    importRunId: text('import_run_id'),
    actorUserId: text('actor_user_id'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_history_task_idx').on(t.taskId, t.version)],
);
