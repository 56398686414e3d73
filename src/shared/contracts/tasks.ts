import { z } from 'zod';
import { PageQuerySchema } from './common';
import { DeadlineKindSchema } from './imports';

export const AssignmentRoleSchema = z.enum(['lead', 'coordinator']);
export type AssignmentRole = z.infer<typeof AssignmentRoleSchema>;

export const TaskAssignmentSchema = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  role: AssignmentRoleSchema,
  viaGroup: z.string().nullable(),
});

export const TaskDeadlineSchema = z.object({
  raw: z.string().nullable(),
  kind: DeadlineKindSchema,
  due: z.iso.date().nullable(),
  start: z.iso.date().nullable(),
  rule: z.string().nullable(),
});

export const TaskSummarySchema = z.object({
  id: z.string(),
  directiveId: z.string(),
  directiveKey: z.string(),
  directiveTitle: z.string(),
  section: z.string().nullable(),
  label: z.string().nullable(),
  text: z.string(),
  product: z.string().nullable(),
  deadline: TaskDeadlineSchema,
  leads: z.array(z.string()),
  coordinators: z.array(z.string()),
  status: z.enum(['confirmed', 'proposed']),
});
export type TaskSummary = z.infer<typeof TaskSummarySchema>;

export const TaskListQuerySchema = PageQuerySchema.extend({
  /** Free text; diacritics and case are ignored ("cong nghe so" finds "công nghệ số"). */
  q: z.string().optional(),
  directiveId: z.string().optional(),
  sectionId: z.string().optional(),
  agencyId: z.string().optional(),
  role: AssignmentRoleSchema.optional(),
  dueFrom: z.iso.date().optional(),
  dueTo: z.iso.date().optional(),
  deadlineKind: DeadlineKindSchema.optional(),
  status: z.enum(['confirmed', 'proposed']).optional(),
  sort: z.enum(['position', 'due', 'updated']).default('position'),
});
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;

export const TaskOccurrenceSchema = z.object({
  listId: z.string(),
  listTitle: z.string(),
  listKind: z.string(),
  fileName: z.string(),
  row: z.number().int(),
  line: z.number().int().nullable(),
  cells: z.record(z.string(), z.string()),
});

export const ReportedFactSchema = z.object({
  kind: z.string(),
  value: z.unknown(),
  reportedOn: z.iso.date().nullable(),
  listTitle: z.string().nullable(),
});

export const TaskDetailSchema = TaskSummarySchema.extend({
  notes: z.string().nullable(),
  leadText: z.string().nullable(),
  coordinatorsText: z.string().nullable(),
  assignments: z.array(TaskAssignmentSchema),
  provenance: z.object({
    file: z.string(),
    sourceFileId: z.string().optional(),
    line: z.number().int().optional(),
    row: z.number().int().optional(),
    list: z.string().optional(),
  }),
  occurrences: z.array(TaskOccurrenceSchema),
  facts: z.array(ReportedFactSchema),
  history: z.array(
    z.object({ version: z.number().int(), changedAt: z.string(), before: z.record(z.string(), z.unknown()) }),
  ),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TaskDetail = z.infer<typeof TaskDetailSchema>;
