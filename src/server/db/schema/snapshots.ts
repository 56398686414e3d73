import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Indicator evaluation rows frozen with a snapshot (one per agency, indicator and period). */
export type SnapshotIndicatorRow = {
  indicatorCode: string;
  indicatorName: string;
  unitLabel: string;
  period: string;
  agencyId: string;
  agencyName: string;
  bloc: string;
  target: number | null;
  value: number | null;
  met: boolean | null;
  statusLabel: string;
  note: string | null;
};

/**
 * A frozen cut of the status of every task and lead assignment (and the indicator evaluation) as of a date.
 * Published figures are read from here, so later edits never change a report that was sent (issue #7).
 */
export const snapshots = pgTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    asOf: date('as_of').notNull(),
    label: text('label').notNull(),
    createdByUserId: text('created_by_user_id'),
    /** Who made it when there is no user (the command line): "cli", "job". */
    createdByLabel: text('created_by_label'),
    taskCount: integer('task_count').notNull(),
    assignmentCount: integer('assignment_count').notNull(),
    indicators: jsonb('indicators').$type<SnapshotIndicatorRow[] | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('snapshots_as_of_idx').on(t.asOf, t.createdAt)],
);

/** One task as it stood in a snapshot: its status and the wording the report prints (copied, not referenced). */
export const snapshotTasks = pgTable(
  'snapshot_tasks',
  {
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => snapshots.id, { onDelete: 'cascade' }),
    taskId: text('task_id').notNull(),
    directiveId: text('directive_id').notNull(),
    directiveLabel: text('directive_label').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    leadNames: text('lead_names').notNull(),
    coordinatorNames: text('coordinator_names').notNull(),
    product: text('product'),
    deadlineRaw: text('deadline_raw'),
    category: text('category').notNull(),
    categoryAgainstOriginal: text('category_against_original').notNull(),
    originalDue: date('original_due'),
    effectiveDue: date('effective_due'),
    completedOn: date('completed_on'),
    basis: text('basis'),
    unitsNotCompleted: jsonb('units_not_completed').notNull().$type<string[]>(),
    discrepancies: jsonb('discrepancies').notNull().$type<string[]>(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.taskId] }),
    index('snapshot_tasks_category_idx').on(t.snapshotId, t.category),
  ],
);

/** One lead assignment as it stood in a snapshot. */
export const snapshotAssignments = pgTable(
  'snapshot_assignments',
  {
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => snapshots.id, { onDelete: 'cascade' }),
    assignmentId: text('assignment_id').notNull(),
    taskId: text('task_id').notNull(),
    agencyId: text('agency_id').notNull(),
    agencyName: text('agency_name').notNull(),
    agencyKind: text('agency_kind').notNull(),
    category: text('category').notNull(),
    categoryAgainstOriginal: text('category_against_original').notNull(),
    effectiveDue: date('effective_due'),
    completedOn: date('completed_on'),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.assignmentId] }),
    index('snapshot_assignments_agency_idx').on(t.snapshotId, t.agencyId),
  ],
);
