import { z } from 'zod';
import { AssignmentRoleSchema } from './tasks';

/** What the reporting agency says about its part of the task (issue #5 "Progress reports"). */
export const PROGRESS_STATES = ['not-started', 'in-progress', 'completed', 'cannot-complete'] as const;
export const ProgressStateSchema = z.enum(PROGRESS_STATES);
export type ProgressState = z.infer<typeof ProgressStateSchema>;

export const PROGRESS_STATE_LABELS: Record<ProgressState, string> = {
  'not-started': 'Chưa triển khai',
  'in-progress': 'Đang thực hiện',
  completed: 'Đã hoàn thành',
  'cannot-complete': 'Không thể thực hiện / đề xuất dừng',
};

/**
 * Workflow of one report version: draft → submitted → leader-approved → accepted; `returned` (by the agency leader
 * or by the standing office, with a reason) closes the version, and the reporter corrects it with a new version.
 */
export const WORKFLOW_STATUSES = ['draft', 'submitted', 'leader-approved', 'accepted', 'returned'] as const;
export const WorkflowStatusSchema = z.enum(WORKFLOW_STATUSES);
export type WorkflowStatus = z.infer<typeof WorkflowStatusSchema>;

export const WORKFLOW_STATUS_LABELS: Record<WorkflowStatus, string> = {
  draft: 'Bản nháp',
  submitted: 'Đã gửi, chờ lãnh đạo duyệt',
  'leader-approved': 'Lãnh đạo đã duyệt, chờ Thường trực tiếp nhận',
  accepted: 'Thường trực đã tiếp nhận',
  returned: 'Bị trả lại',
};

export const EVIDENCE_KINDS = ['file', 'link', 'document'] as const;
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);

/** File types accepted as evidence, detected from the bytes (magic numbers), never from the file name. */
export const EVIDENCE_FILE_TYPES = ['pdf', 'docx', 'xlsx', 'png', 'jpeg'] as const;
export const EvidenceFileTypeSchema = z.enum(EVIDENCE_FILE_TYPES);
export type EvidenceFileType = z.infer<typeof EvidenceFileTypeSchema>;

export const DECISION_STATUSES = ['pending', 'granted', 'refused'] as const;
export const DecisionStatusSchema = z.enum(DECISION_STATUSES);
export type DecisionStatus = z.infer<typeof DecisionStatusSchema>;

/** Categories an agency may ask a task to be moved to (003 Phụ lục 3: "chưa tới hạn", "đã hoàn thành"). */
export const RECLASSIFY_TARGETS = ['completed', 'inProgress'] as const;
export const ReclassifyTargetSchema = z.enum(RECLASSIFY_TARGETS);

/** Reporting period: one calendar month, 'YYYY-MM'. */
export const PeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Kỳ báo cáo có dạng YYYY-MM');

export const EvidenceSchema = z.object({
  id: z.string(),
  kind: EvidenceKindSchema,
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  detectedType: EvidenceFileTypeSchema.nullable(),
  sizeBytes: z.number().int().nullable(),
  sha256: z.string().nullable(),
  url: z.string().nullable(),
  referenceText: z.string().nullable(),
  createdAt: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ReportEventSchema = z.object({
  action: z.string(),
  fromStatus: WorkflowStatusSchema.nullable(),
  toStatus: WorkflowStatusSchema,
  actorUserId: z.string().nullable(),
  actorAgencyId: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

export const ProgressReportSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  taskId: z.string(),
  taskText: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  role: AssignmentRoleSchema,
  period: PeriodSchema,
  version: z.number().int(),
  supersedesId: z.string().nullable(),
  state: ProgressStateSchema,
  narrative: z.string(),
  completedOn: z.iso.date().nullable(),
  product: z.string().nullable(),
  citedReportIds: z.array(z.string()),
  workflowStatus: WorkflowStatusSchema,
  returnedBy: z.enum(['leader', 'standing-office']).nullable(),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  leaderApprovedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  rowVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The partner system where the report was entered (received through the exchange); null: entered here. */
  enteredIn: z.object({ systemId: z.string(), name: z.string() }).nullable(),
  evidence: z.array(EvidenceSchema),
  events: z.array(ReportEventSchema),
});
export type ProgressReport = z.infer<typeof ProgressReportSchema>;

/** Save (create or update) the draft of an assignment for a period. `rowVersion` is required to update. */
export const DraftSaveSchema = z.object({
  assignmentId: z.string().min(1),
  period: PeriodSchema,
  state: ProgressStateSchema,
  narrative: z.string().max(20_000).default(''),
  completedOn: z.iso.date().nullable().optional(),
  product: z.string().max(2_000).nullable().optional(),
  citedReportIds: z.array(z.string()).max(200).optional(),
  /** The row version the client last read; absent when creating the first draft. */
  rowVersion: z.number().int().positive().optional(),
});
export type DraftSave = z.infer<typeof DraftSaveSchema>;

export const TransitionSchema = z.object({
  rowVersion: z.number().int().positive(),
});
export const ReturnSchema = z.object({
  rowVersion: z.number().int().positive(),
  reason: z.string().trim().min(3, 'Cần nêu lý do trả lại').max(4_000),
});

export const ReportListQuerySchema = z.object({
  period: PeriodSchema.optional(),
  agencyId: z.string().optional(),
  taskId: z.string().optional(),
  workflowStatus: WorkflowStatusSchema.optional(),
  /** Reports awaiting the caller's decision (leader: submitted of own agency; standing office: leader-approved). */
  awaitingMe: z.stringbool().optional(),
});
export type ReportListQuery = z.infer<typeof ReportListQuerySchema>;

export const EvidenceLinkSchema = z.object({
  kind: z.enum(['link', 'document']),
  url: z.string().max(2_000).optional(),
  referenceText: z.string().max(2_000).optional(),
});

export const ObligationSchema = z.object({
  assignmentId: z.string(),
  taskId: z.string(),
  taskText: z.string(),
  directiveKey: z.string(),
  role: AssignmentRoleSchema,
  deadlineDue: z.iso.date().nullable(),
  deadlineRaw: z.string().nullable(),
  recurring: z.boolean(),
  /** The day this period's report is due (the directive's due day, default the 25th). */
  dueOn: z.iso.date(),
  category: z.string(),
  /** The latest version for this period, if any. */
  report: z
    .object({
      id: z.string(),
      version: z.number().int(),
      workflowStatus: WorkflowStatusSchema,
      rowVersion: z.number().int(),
      state: ProgressStateSchema,
    })
    .nullable(),
  reportedOnTime: z.boolean().nullable(),
});

export const ObligationsSchema = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  period: PeriodSchema,
  dueOn: z.iso.date(),
  owed: z.number().int(),
  submitted: z.number().int(),
  drafts: z.number().int(),
  items: z.array(ObligationSchema),
});
export type Obligations = z.infer<typeof ObligationsSchema>;

export const ReportingComplianceRowSchema = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  owed: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  notReported: z.number().int(),
});
export const ReportingComplianceSchema = z.object({
  period: PeriodSchema,
  dueOn: z.iso.date(),
  asOf: z.iso.date(),
  totals: z.object({
    owed: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    notReported: z.number().int(),
  }),
  agencies: z.array(ReportingComplianceRowSchema),
});
export type ReportingCompliance = z.infer<typeof ReportingComplianceSchema>;

export const ExtensionRequestCreateSchema = z.object({
  assignmentId: z.string().min(1),
  requestedDue: z.iso.date(),
  reasons: z.string().trim().min(3).max(8_000),
});
export const DecisionSchema = z.object({
  decision: z.enum(['granted', 'refused']),
  reason: z.string().trim().max(4_000).optional(),
  /** Standing office may grant a different date than requested (extensions only). */
  grantedDue: z.iso.date().optional(),
  rowVersion: z.number().int().positive(),
});
export const ExtensionRequestSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  taskId: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  originalDue: z.iso.date().nullable(),
  requestedDue: z.iso.date(),
  grantedDue: z.iso.date().nullable(),
  reasons: z.string(),
  status: DecisionStatusSchema,
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  rowVersion: z.number().int(),
});

export const ReclassificationCreateSchema = z.object({
  assignmentId: z.string().min(1),
  toCategory: ReclassifyTargetSchema,
  reasons: z.string().trim().min(3).max(8_000),
  /** Required when asking for "completed": the date the work was done. */
  completedOn: z.iso.date().optional(),
  /** Required when asking for "in progress (not yet due)": the schedule the task follows. */
  proposedDue: z.iso.date().optional(),
  evidence: z
    .array(z.object({ kind: z.enum(['link', 'document']), value: z.string().min(1).max(2_000) }))
    .max(20)
    .optional(),
});
export const ReclassificationSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  taskId: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  fromCategory: z.string(),
  toCategory: ReclassifyTargetSchema,
  reasons: z.string(),
  completedOn: z.iso.date().nullable(),
  proposedDue: z.iso.date().nullable(),
  status: DecisionStatusSchema,
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  rowVersion: z.number().int(),
  evidence: z.array(EvidenceSchema),
});

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;
