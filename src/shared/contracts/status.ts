import { z } from 'zod';

/** Counts per status category; the shape of `tiendo status --json` (keep it stable). */
export const StatusCountsSchema = z.object({
  completedOnTime: z.number().int(),
  completedLate: z.number().int(),
  completedUndated: z.number().int(),
  inProgress: z.number().int(),
  overdue: z.number().int(),
  recurring: z.number().int(),
  noDeadline: z.number().int(),
});
export type StatusCountsDto = z.infer<typeof StatusCountsSchema>;

export const StatusCategorySchema = z.enum([
  'completedOnTime',
  'completedLate',
  'completedUndated',
  'inProgress',
  'overdue',
  'recurring',
  'noDeadline',
]);

export const DiscrepancySchema = z.object({
  kind: z.enum([
    'completion-contradicted',
    'claimed-overdue-not-due',
    'units-not-assigned',
    'unreadable-status',
    'stated-totals-mismatch',
  ]),
  taskId: z.string().nullable(),
  message: z.string(),
  sources: z.array(z.string()),
  units: z.array(z.string()).optional(),
});
export type DiscrepancyDto = z.infer<typeof DiscrepancySchema>;

export const StatusQuerySchema = z.object({
  asOf: z.iso.date().optional(),
  /** Directive id, stable key or number ("71/NQ-CP"). */
  directiveId: z.string().optional(),
  by: z.enum(['agency', 'directive']).optional(),
});
export type StatusQuery = z.infer<typeof StatusQuerySchema>;

export const StatusGroupSchema = z.object({
  key: z.string(),
  name: z.string(),
  counts: StatusCountsSchema,
  total: z.number().int(),
});

/**
 * Status as of a cut-off date. The top-level counts are tasks; with `by=directive` the groups count tasks, with
 * `by=agency` they count that agency's lead assignments (a shared task counts once per lead agency).
 */
export const StatusSummarySchema = StatusCountsSchema.extend({
  asOf: z.iso.date(),
  directive: z.object({ id: z.string(), key: z.string(), title: z.string() }).nullable(),
  unit: z.literal('task'),
  tasks: z.number().int(),
  againstOriginal: StatusCountsSchema,
  recurringPeriod: z.object({ period: z.string(), reported: z.number().int(), notReported: z.number().int() }),
  by: z.enum(['agency', 'directive']).nullable(),
  groupUnit: z.enum(['task', 'assignment']).nullable(),
  groups: z.array(StatusGroupSchema).optional(),
  discrepancies: z.array(DiscrepancySchema),
});
export type StatusSummaryDto = z.infer<typeof StatusSummarySchema>;

export const AssignmentStatusSchema = z.object({
  assignmentId: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  role: z.enum(['lead', 'coordinator']),
  category: StatusCategorySchema.nullable(),
  categoryAgainstOriginal: StatusCategorySchema.nullable(),
  effectiveDue: z.iso.date().nullable(),
  completedOn: z.iso.date().nullable(),
  state: z.string().nullable(),
  /** The record the judgement rests on: a report id, a decision, or a document (list, row). */
  basis: z.string().nullable(),
  fromDocument: z.boolean(),
  periodReported: z.boolean().nullable(),
});

export const TaskStatusSchema = z.object({
  taskId: z.string(),
  asOf: z.iso.date(),
  text: z.string(),
  directiveKey: z.string(),
  deadline: z.object({ raw: z.string().nullable(), due: z.iso.date().nullable(), kind: z.string() }),
  category: StatusCategorySchema,
  categoryAgainstOriginal: StatusCategorySchema,
  effectiveDue: z.iso.date().nullable(),
  completedOn: z.iso.date().nullable(),
  periodReported: z.boolean().nullable(),
  unitsNotCompleted: z.array(z.object({ agencyId: z.string().nullable(), name: z.string() })),
  assignments: z.array(AssignmentStatusSchema),
  statements: z.array(
    z.object({
      source: z.string(),
      statedOn: z.iso.date(),
      claim: z.string().nullable(),
      statusText: z.string().nullable(),
      unitsNotCompleted: z.array(z.string()).nullable(),
      completion: z.object({ date: z.string(), citation: z.string() }).nullable(),
      counted: z.boolean(),
    }),
  ),
  discrepancies: z.array(DiscrepancySchema),
});
export type TaskStatusDto = z.infer<typeof TaskStatusSchema>;

export const StatusTaskListQuerySchema = z.object({
  asOf: z.iso.date().optional(),
  directiveId: z.string().optional(),
  agencyId: z.string().optional(),
  category: StatusCategorySchema,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const StatusTaskListSchema = z.object({
  items: z.array(
    z.object({
      taskId: z.string(),
      text: z.string(),
      directiveKey: z.string(),
      deadlineRaw: z.string().nullable(),
      effectiveDue: z.iso.date().nullable(),
      category: StatusCategorySchema,
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
