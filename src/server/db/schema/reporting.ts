import {
  DECISION_STATUSES,
  EVIDENCE_FILE_TYPES,
  EVIDENCE_KINDS,
  PROGRESS_STATES,
  RECLASSIFY_TARGETS,
  WORKFLOW_STATUSES,
} from '@shared/contracts/reporting';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { directives } from './directives';
import { assignments, tasks } from './tasks';

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

const stamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One version of an agency's progress report on one assignment for one monthly period. A correction is a new row
 * (version + 1, `supersedes_id` → the previous one); a submitted version is never edited. `row_version` is the
 * optimistic-concurrency token: an update names the version it read, and loses (409) if someone saved first.
 */
export const progressReports = pgTable(
  'progress_reports',
  {
    id: text('id').primaryKey(),
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** lead | coordinator, copied from the assignment when the report was created. */
    role: text('role').notNull(),
    period: text('period').notNull(),
    version: integer('version').notNull(),
    supersedesId: text('supersedes_id'),
    state: text('state').notNull(),
    narrative: text('narrative').notNull().default(''),
    completedOn: date('completed_on'),
    product: text('product'),
    /** Coordinators' reports the lead agency cites in its own report. */
    citedReportIds: jsonb('cited_report_ids').notNull().$type<string[]>().default(sql`'[]'::jsonb`),
    workflowStatus: text('workflow_status').notNull().default('draft'),
    returnedBy: text('returned_by'),
    returnReason: text('return_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    leaderApprovedAt: timestamp('leader_approved_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdByUserId: text('created_by_user_id'),
    updatedByUserId: text('updated_by_user_id'),
    rowVersion: integer('row_version').notNull().default(1),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('progress_reports_version_uq').on(t.assignmentId, t.period, t.version),
    // At most one open (editable or under review) version per assignment and period.
    uniqueIndex('progress_reports_open_uq')
      .on(t.assignmentId, t.period)
      .where(sql`workflow_status in ('draft', 'submitted', 'leader-approved')`),
    index('progress_reports_accepted_idx').on(t.assignmentId, t.acceptedAt).where(sql`workflow_status = 'accepted'`),
    index('progress_reports_agency_period_idx').on(t.agencyId, t.period),
    index('progress_reports_task_idx').on(t.taskId),
    index('progress_reports_status_idx').on(t.workflowStatus),
    check('progress_reports_state_ck', inList('state', PROGRESS_STATES)),
    check('progress_reports_workflow_ck', inList('workflow_status', WORKFLOW_STATUSES)),
    check('progress_reports_period_ck', sql`period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('progress_reports_returned_by_ck', sql`returned_by is null or returned_by in ('leader', 'standing-office')`),
    check('progress_reports_completed_ck', sql`completed_on is null or state = 'completed'`),
  ],
);

/** Every workflow step of a report version: who did what, when, and why (return reasons). Append-only. */
export const reportEvents = pgTable(
  'report_events',
  {
    id: text('id').primaryKey(),
    /** Insertion order: steps taken within the same instant keep their order. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    reportId: text('report_id')
      .notNull()
      .references(() => progressReports.id, { onDelete: 'cascade' }),
    /** create | save | submit | approve | accept | return */
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: text('actor_user_id'),
    actorAgencyId: text('actor_agency_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.at)],
);

/**
 * Deadline extension asked by an agency for its assignment and decided by the standing office. The task keeps its
 * original deadline; a granted extension is a dated record the status engine applies from `decided_at` on.
 */
export const extensionRequests = pgTable(
  'extension_requests',
  {
    id: text('id').primaryKey(),
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    originalDue: date('original_due'),
    requestedDue: date('requested_due').notNull(),
    grantedDue: date('granted_due'),
    reasons: text('reasons').notNull(),
    status: text('status').notNull().default('pending'),
    decisionReason: text('decision_reason'),
    decidedByUserId: text('decided_by_user_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    requestedByUserId: text('requested_by_user_id'),
    rowVersion: integer('row_version').notNull().default(1),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('extension_requests_pending_uq').on(t.assignmentId).where(sql`status = 'pending'`),
    index('extension_requests_granted_idx').on(t.assignmentId, t.decidedAt).where(sql`status = 'granted'`),
    check('extension_requests_status_ck', inList('status', DECISION_STATUSES)),
    check('extension_requests_granted_ck', sql`status <> 'granted' or granted_due is not null`),
  ],
);

/**
 * A request to move a task to another category (003 Phụ lục 3: "chưa tới hạn", "đã hoàn thành"), with reasons and
 * evidence; the standing office decides and its reason is kept. An accepted request becomes a dated record.
 */
export const reclassificationRequests = pgTable(
  'reclassification_requests',
  {
    id: text('id').primaryKey(),
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    fromCategory: text('from_category').notNull(),
    toCategory: text('to_category').notNull(),
    reasons: text('reasons').notNull(),
    completedOn: date('completed_on'),
    proposedDue: date('proposed_due'),
    status: text('status').notNull().default('pending'),
    decisionReason: text('decision_reason'),
    decidedByUserId: text('decided_by_user_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    requestedByUserId: text('requested_by_user_id'),
    rowVersion: integer('row_version').notNull().default(1),
    ...stamps(),
  },
  (t) => [
    index('reclassification_requests_assignment_idx').on(t.assignmentId),
    index('reclassification_requests_granted_idx').on(t.assignmentId, t.decidedAt).where(sql`status = 'granted'`),
    check('reclassification_requests_status_ck', inList('status', DECISION_STATUSES)),
    check('reclassification_requests_to_ck', inList('to_category', RECLASSIFY_TARGETS)),
    check(
      'reclassification_requests_detail_ck',
      sql`(to_category = 'completed' and completed_on is not null) or (to_category = 'inProgress' and proposed_due is not null)`,
    ),
  ],
);

/**
 * Evidence ("minh chứng") attached to a report version or a reclassification request: a stored file (type detected
 * from its bytes, SHA-256, size), an http(s) link, or a reference to a document ("Quyết định số 1169/QĐ-TTg …").
 */
export const evidence = pgTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    reportId: text('report_id').references(() => progressReports.id, { onDelete: 'cascade' }),
    reclassificationId: text('reclassification_id').references(() => reclassificationRequests.id, {
      onDelete: 'cascade',
    }),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').notNull(),
    fileName: text('file_name'),
    storageKey: text('storage_key'),
    sha256: text('sha256'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    detectedType: text('detected_type'),
    mediaType: text('media_type'),
    url: text('url'),
    referenceText: text('reference_text'),
    createdByUserId: text('created_by_user_id'),
    ...stamps(),
  },
  (t) => [
    index('evidence_report_idx').on(t.reportId),
    index('evidence_reclassification_idx').on(t.reclassificationId),
    check('evidence_kind_ck', inList('kind', EVIDENCE_KINDS)),
    check(
      'evidence_owner_ck',
      sql`(report_id is not null and reclassification_id is null) or (report_id is null and reclassification_id is not null)`,
    ),
    check(
      'evidence_detail_ck',
      sql`(kind = 'file' and storage_key is not null and sha256 is not null and size_bytes is not null and detected_type is not null)
        or (kind = 'link' and url ~ '^https?://')
        or (kind = 'document' and reference_text is not null)`,
    ),
    check('evidence_type_ck', sql`detected_type is null or ${inList('detected_type', EVIDENCE_FILE_TYPES)}`),
  ],
);

/**
 * Monthly reporting periods: the day of the month by which the period's report is due ("trước ngày 25 hàng tháng",
 * seed 000). One row per directive that overrides the default; `directive_id` null is the installation default.
 */
export const reportingPeriodSettings = pgTable(
  'reporting_period_settings',
  {
    id: text('id').primaryKey(),
    directiveId: text('directive_id').references(() => directives.id, { onDelete: 'cascade' }),
    dueDay: integer('due_day').notNull().default(25),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('reporting_period_settings_directive_uq').on(t.directiveId),
    check('reporting_period_settings_day_ck', sql`due_day between 1 and 28`),
  ],
);

/** In-app notifications, addressed to an agency (all its users see them) or to one user. */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id').references(() => agencies.id, { onDelete: 'cascade' }),
    userId: text('user_id'),
    /** due-soon | newly-overdue | not-reported | report-returned | report-accepted | extension-decided … */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    index('notifications_agency_idx').on(t.agencyId, t.createdAt),
    index('notifications_user_idx').on(t.userId, t.createdAt),
  ],
);

/**
 * One row per reminder ever sent: the unique key (assignment, rule, period) is what makes the reminder sweep
 * idempotent across restarts and concurrent runs.
 */
export const reminderLog = pgTable(
  'reminder_log',
  {
    id: text('id').primaryKey(),
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    /** Copy of the assignment's agency (for grouping); the assignment's foreign key already guarantees it exists. */
    agencyId: text('agency_id').notNull(),
    /** due-soon | newly-overdue | not-reported */
    rule: text('rule').notNull(),
    period: text('period').notNull(),
    notificationId: text('notification_id'),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    uniqueIndex('reminder_log_uq').on(t.assignmentId, t.rule, t.period),
    index('reminder_log_notification_idx').on(t.notificationId),
  ],
);
