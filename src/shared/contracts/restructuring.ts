import { z } from 'zod';
import { AgencyKindSchema, AgencySuccessionKindSchema, AgencySummarySchema } from './agencies';

export const RestructuringKindSchema = AgencySuccessionKindSchema;
export type RestructuringKind = z.infer<typeof RestructuringKindSchema>;

export const RestructuringStatusSchema = z.enum(['draft', 'applied', 'discarded', 'reversed']);
export type RestructuringStatus = z.infer<typeof RestructuringStatusSchema>;

export const RESTRUCTURING_STATUS_LABELS: Record<RestructuringStatus, string> = {
  draft: 'Bản nháp',
  applied: 'Đã áp dụng',
  discarded: 'Đã hủy bản nháp',
  reversed: 'Đã bị đảo ngược',
};

/** Label shown next to a predecessor that has no single successor (split): its figures stay listed under it. */
export const DISSOLVED_LABEL = 'đã giải thể/chia tách';

export const LegalBasisSchema = z.object({
  /** Number of the decision, e.g. "Nghị quyết 202/2025/QH15". */
  number: z.string().trim().min(3).max(300),
  date: z.iso.date().optional(),
});
export type LegalBasis = z.infer<typeof LegalBasisSchema>;

/** A successor created by the event. Kind and parent default to the (first) predecessor's. */
export const NewSuccessorSchema = z.object({
  name: z.string().trim().min(2).max(300),
  shortName: z.string().trim().max(120).optional(),
  kind: AgencyKindSchema.optional(),
  parentId: z.string().min(1).nullable().optional(),
  code: z.string().trim().max(20).optional(),
});
export type NewSuccessor = z.infer<typeof NewSuccessorSchema>;

export const SuccessorInputSchema = z.union([
  z.object({ agencyId: z.string().min(1) }),
  z.object({ newAgency: NewSuccessorSchema }),
]);
export type SuccessorInput = z.infer<typeof SuccessorInputSchema>;

/**
 * A restructuring event as recorded by the standing office.
 * - merge: one or more predecessors → one successor (new, or an existing agency that absorbs them);
 * - split: one predecessor → two or more successors; `transfers` says which successor takes which open assignment
 *   (index into `successors`); assignments left without a successor stay with the predecessor;
 * - rename: one → one new agency with the new name; move: one → one agency under `newParentId`.
 */
export const RestructuringInputSchema = z.object({
  kind: RestructuringKindSchema,
  effectiveOn: z.iso.date(),
  legalBasis: LegalBasisSchema,
  predecessorIds: z.array(z.string().min(1)).min(1).max(100),
  successors: z.array(SuccessorInputSchema).min(1).max(50),
  newParentId: z.string().min(1).optional(),
  transfers: z
    .object({
      defaultSuccessor: z.number().int().min(0).optional(),
      byAssignment: z.record(z.string(), z.number().int().min(0)).optional(),
    })
    .optional(),
  note: z.string().trim().max(2000).optional(),
});
export type RestructuringInput = z.infer<typeof RestructuringInputSchema>;

export const RestructuringCreateSchema = RestructuringInputSchema.extend({
  /** `draft` only records the event; `apply` records and applies it in one transaction. */
  mode: z.enum(['draft', 'apply']).default('apply'),
});
export type RestructuringCreate = z.infer<typeof RestructuringCreateSchema>;

export const RestructuringReverseSchema = z.object({
  legalBasis: LegalBasisSchema,
  note: z.string().trim().max(2000).optional(),
});
export type RestructuringReverse = z.infer<typeof RestructuringReverseSchema>;

export const RestructuringSuccessorSchema = AgencySummarySchema.extend({ isNew: z.boolean() });
export type RestructuringSuccessor = z.infer<typeof RestructuringSuccessorSchema>;

export const RestructuringCountsSchema = z.object({
  transferred: z.number().int(),
  completedStaying: z.number().int(),
  untransferred: z.number().int(),
  usersMoved: z.number().int(),
  usersStaying: z.number().int(),
  aliasesAdded: z.number().int(),
});
export type RestructuringCounts = z.infer<typeof RestructuringCountsSchema>;

export const RestructuringEventSchema = z.object({
  id: z.string(),
  kind: RestructuringKindSchema,
  status: RestructuringStatusSchema,
  effectiveOn: z.iso.date(),
  legalBasis: z.object({ number: z.string(), date: z.iso.date().nullable() }),
  predecessors: z.array(AgencySummarySchema),
  successors: z.array(RestructuringSuccessorSchema),
  newParent: AgencySummarySchema.nullable(),
  note: z.string().nullable(),
  reversesEventId: z.string().nullable(),
  reversedByEventId: z.string().nullable(),
  appliedAt: z.string().nullable(),
  appliedBy: z.string().nullable(),
  createdAt: z.string(),
  /** What applying it did (null until applied). */
  counts: RestructuringCountsSchema.nullable(),
});
export type RestructuringEvent = z.infer<typeof RestructuringEventSchema>;

export const RestructuringApplyResponseSchema = z.object({
  event: RestructuringEventSchema,
  /** True when the event had already been applied: nothing was changed (a retried request). */
  alreadyApplied: z.boolean(),
});
export type RestructuringApplyResponse = z.infer<typeof RestructuringApplyResponseSchema>;

export const RestructuringListQuerySchema = z.object({
  agencyId: z.string().min(1).optional(),
  status: RestructuringStatusSchema.optional(),
});
export type RestructuringListQuery = z.infer<typeof RestructuringListQuerySchema>;

export const RestructuringListResponseSchema = z.object({ items: z.array(RestructuringEventSchema) });
export type RestructuringListResponse = z.infer<typeof RestructuringListResponseSchema>;

export const RestructuringIdParamsSchema = z.object({ eventId: z.string().min(1) });

const AssignmentSampleSchema = z.object({
  assignmentId: z.string(),
  taskId: z.string(),
  taskText: z.string(),
  role: z.string(),
});
export type AssignmentSample = z.infer<typeof AssignmentSampleSchema>;

const AssignmentBucketSchema = z.object({ count: z.number().int(), sample: z.array(AssignmentSampleSchema) });

export const RestructuringPreviewSchema = z.object({
  /** The id the event gets when recorded (the same input always gives the same id). */
  eventId: z.string(),
  kind: RestructuringKindSchema,
  effectiveOn: z.iso.date(),
  /** The predecessors' last day. */
  lastDayOfPredecessors: z.iso.date(),
  legalBasis: z.object({ number: z.string(), date: z.iso.date().nullable() }),
  predecessors: z.array(AgencySummarySchema),
  successors: z.array(RestructuringSuccessorSchema),
  newParent: AgencySummarySchema.nullable(),
  /** An event with this content already exists (its status), else null. */
  existingStatus: RestructuringStatusSchema.nullable(),
  perPredecessor: z.array(
    z.object({
      predecessor: AgencySummarySchema,
      /** Open assignments handed over, per successor. */
      transfers: z.array(AssignmentBucketSchema.extend({ successor: RestructuringSuccessorSchema })),
      /** Completed work: stays with the predecessor. */
      completed: AssignmentBucketSchema,
      /** Split only: open assignments no successor was named for; they stay with the predecessor. */
      untransferred: AssignmentBucketSchema,
      /** Child agencies (departments, communes) that keep the predecessor as parent. */
      children: z.number().int(),
    }),
  ),
  users: z.object({
    moving: z.array(
      z.object({
        from: AgencySummarySchema,
        to: RestructuringSuccessorSchema,
        count: z.number().int(),
        sample: z.array(z.object({ id: z.string(), loginName: z.string(), displayName: z.string() })),
      }),
    ),
    /** Split: accounts stay with the predecessor; an administrator reassigns them. */
    staying: z.array(z.object({ agency: AgencySummarySchema, count: z.number().int() })),
  }),
  aliases: z.array(z.object({ agencyId: z.string(), alias: z.string(), kind: z.string() })),
  counts: RestructuringCountsSchema,
});
export type RestructuringPreview = z.infer<typeof RestructuringPreviewSchema>;
