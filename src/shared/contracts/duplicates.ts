import { z } from 'zod';
import { PageQuerySchema } from './common';
import { DeadlineKindSchema } from './imports';

/**
 * Duplicate and overlapping tasks across directives (issue 10): candidate pairs proposed by the matcher, a
 * person's decisions, the links that result, and the "check draft" report. `tiendo duplicates check FILE --json`
 * prints `DraftCheckItem[]`; that shape is stable (add fields, never rename or remove).
 */

export const DuplicateKindSchema = z.enum(['duplicate', 'overlap']);
export type DuplicateKind = z.infer<typeof DuplicateKindSchema>;

export const DuplicateDecisionKindSchema = z.enum(['duplicate', 'overlap', 'different']);
export type DuplicateDecisionKind = z.infer<typeof DuplicateDecisionKindSchema>;

export const CandidateStatusSchema = z.enum(['pending', 'duplicate', 'overlap', 'different']);
export type CandidateStatus = z.infer<typeof CandidateStatusSchema>;

export const DuplicateTaskRefSchema = z.object({
  id: z.string(),
  text: z.string(),
  directiveId: z.string(),
  directiveKey: z.string(),
  directiveTitle: z.string(),
  leads: z.array(z.string()),
  product: z.string().nullable(),
  deadline: z.object({ raw: z.string().nullable(), kind: DeadlineKindSchema, due: z.iso.date().nullable() }),
});
export type DuplicateTaskRef = z.infer<typeof DuplicateTaskRefSchema>;

export const DuplicateDecisionSchema = z.object({
  id: z.string(),
  decision: DuplicateDecisionKindSchema,
  note: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string(),
});
export type DuplicateDecision = z.infer<typeof DuplicateDecisionSchema>;

export const DuplicateCandidateSchema = z.object({
  id: z.string(),
  score: z.number(),
  suggestedKind: DuplicateKindSchema,
  reasons: z.array(z.string()),
  status: CandidateStatusSchema,
  detectedAt: z.string(),
  decidedAt: z.string().nullable(),
  taskA: DuplicateTaskRefSchema,
  taskB: DuplicateTaskRefSchema,
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidateSchema>;

export const DuplicateCandidateDetailSchema = DuplicateCandidateSchema.extend({
  decisions: z.array(DuplicateDecisionSchema),
  link: z
    .object({ id: z.string(), kind: DuplicateKindSchema, active: z.boolean(), reportsCountForLinked: z.boolean() })
    .nullable(),
});
export type DuplicateCandidateDetail = z.infer<typeof DuplicateCandidateDetailSchema>;

export const CandidateListQuerySchema = PageQuerySchema.extend({
  status: CandidateStatusSchema.default('pending'),
  directiveId: z.string().optional(),
  taskId: z.string().optional(),
  minScore: z.coerce.number().min(0).max(1).optional(),
});
export type CandidateListQuery = z.infer<typeof CandidateListQuerySchema>;

export const ScanRequestSchema = z.object({ directiveId: z.string().min(1) });

export const ScanResultSchema = z.object({
  directiveId: z.string(),
  tasksScanned: z.number().int(),
  /** Pairs at or above the threshold, whether new, still pending or already decided. */
  pairsFound: z.number().int(),
  newCandidates: z.number().int(),
  /** Pairs found again that a person already decided: never proposed again. */
  alreadyDecided: z.number().int(),
  threshold: z.number(),
  durationMs: z.number(),
});
export type ScanResult = z.infer<typeof ScanResultSchema>;

export const DecisionRequestSchema = z.object({
  decision: DuplicateDecisionKindSchema,
  note: z.string().max(2000).optional(),
  /** For duplicate/overlap: whether a report filed for one task counts for the other (default: duplicate yes, overlap no). */
  reportsCountForLinked: z.boolean().optional(),
});
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;

export const TaskLinkSchema = z.object({
  id: z.string(),
  kind: DuplicateKindSchema,
  reportsCountForLinked: z.boolean(),
  active: z.boolean(),
  other: DuplicateTaskRefSchema,
});
export type TaskLink = z.infer<typeof TaskLinkSchema>;

export const TaskDuplicatesSchema = z.object({
  taskId: z.string(),
  links: z.array(TaskLinkSchema),
  pending: z.array(DuplicateCandidateSchema),
  /** Tasks for which a report on this task also counts (linked duplicates, transitively). */
  linkedTaskIds: z.array(z.string()),
});
export type TaskDuplicates = z.infer<typeof TaskDuplicatesSchema>;

export const LinkUpdateSchema = z.object({ reportsCountForLinked: z.boolean() });

/** A task of a draft that is not imported. */
export const DraftTaskSchema = z.object({
  id: z.string(),
  list: z.string(),
  row: z.number().int().nullable(),
  line: z.number().int().nullable(),
  section: z.string().nullable(),
  text: z.string(),
  lead: z.array(z.string()),
  product: z.string().nullable(),
  deadline: z.object({ raw: z.string(), kind: DeadlineKindSchema, due: z.iso.date().nullable() }),
  assignedBy: z.string().nullable(),
});
export type DraftTask = z.infer<typeof DraftTaskSchema>;

export const CheckCandidateSchema = z.object({
  taskId: z.string(),
  /** Key of the stored task's directive ("71/NQ-CP"). */
  directive: z.string(),
  directiveTitle: z.string(),
  text: z.string(),
  lead: z.array(z.string()),
  deadline: z.object({ raw: z.string().nullable(), due: z.iso.date().nullable() }),
  score: z.number(),
  kind: DuplicateKindSchema,
  reasons: z.array(z.string()),
});
export type CheckCandidate = z.infer<typeof CheckCandidateSchema>;

export const DraftCheckItemSchema = z.object({ task: DraftTaskSchema, candidates: z.array(CheckCandidateSchema) });
export type DraftCheckItem = z.infer<typeof DraftCheckItemSchema>;

export const DraftCheckReportSchema = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  checkedAt: z.string(),
  threshold: z.number(),
  storedTasks: z.number().int(),
  tasksWithCandidates: z.number().int(),
  items: z.array(DraftCheckItemSchema),
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type DraftCheckReport = z.infer<typeof DraftCheckReportSchema>;

export const ExportFormatSchema = z.enum(['docx', 'xlsx']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
