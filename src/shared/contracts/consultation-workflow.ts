import { z } from 'zod';
import { IsoDateSchema } from './common';

/**
 * The consultation workflow on a draft directive (issue #9): send for comment, agencies answer, the drafter answers
 * each comment and applies accepted proposals, progress, synthesis. The imported shape is `consultations.ts`.
 */

export const ConsultationAttachmentSchema = z.object({
  key: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});
export type ConsultationAttachment = z.infer<typeof ConsultationAttachmentSchema>;

export const ProposedChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().min(1) }),
  z.object({ kind: z.literal('lead'), leadAgencyId: z.string().min(1) }),
  z.object({ kind: z.literal('coordinators'), agencyIds: z.array(z.string().min(1)) }),
  z.object({ kind: z.literal('deadline'), deadlineRaw: z.string().min(1) }),
  z.object({ kind: z.literal('delete') }),
  z.object({
    kind: z.literal('add'),
    text: z.string().min(1),
    leadAgencyId: z.string().nullish(),
    deadlineRaw: z.string().nullish(),
  }),
]);
export type ProposedChange = z.infer<typeof ProposedChangeSchema>;

export const SendForCommentSchema = z.object({
  agencyIds: z.array(z.string().min(1)).min(1),
  deadline: IsoDateSchema,
  title: z.string().min(1).optional(),
});
export type SendForComment = z.infer<typeof SendForCommentSchema>;

export const CommentInputSchema = z.object({
  text: z.string().min(1),
  /** The task commented on; absent = the whole draft (or `sectionId`). */
  taskId: z.string().min(1).optional(),
  sectionId: z.string().min(1).optional(),
  /** The task's number as the commenter saw it ("III.29"), kept if the task is gone. */
  taskLabel: z.string().min(1).optional(),
  proposal: ProposedChangeSchema.optional(),
  /** As returned by the attachment upload of this consultation. */
  attachments: z.array(ConsultationAttachmentSchema).max(10).default([]),
});

export const ResponseInputSchema = z.object({
  /** Whose answer (defaults to the caller's agency); the standing office may enter it for an agency. */
  agencyId: z.string().min(1).optional(),
  agree: z.boolean(),
  comments: z.array(CommentInputSchema).default([]),
});
export type ResponseInput = z.infer<typeof ResponseInputSchema>;

/** The drafter's answer: accepted (tiếp thu), explained (giải trình), noted (ghi nhận). */
export const DrafterAnswerSchema = z.object({
  stance: z.enum(['accepted', 'explained', 'noted']),
  text: z.string().min(1),
});
export type DrafterAnswer = z.infer<typeof DrafterAnswerSchema>;

export const CommentViewSchema = z.object({
  id: z.string(),
  consulteeId: z.string(),
  agencyName: z.string(),
  point: z.number().int(),
  text: z.string(),
  stance: z.string(),
  taskId: z.string().nullable(),
  taskLabel: z.string().nullable(),
  taskRefs: z.array(z.string()),
  proposal: ProposedChangeSchema.nullable(),
  /** `task-deleted`: the task commented on is no longer in the draft (the comment is kept). */
  flag: z.string().nullable(),
  flagMessage: z.string().nullable(),
  late: z.boolean(),
  attachments: z.array(ConsultationAttachmentSchema),
  answerText: z.string(),
  answerStance: z.string(),
  answeredAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
});
export type CommentView = z.infer<typeof CommentViewSchema>;

export const ConsulteeViewSchema = z.object({
  id: z.string(),
  agencyId: z.string().nullable(),
  agencyName: z.string(),
  group: z.enum(['ministries', 'localities']),
  row: z.number().int(),
  /** pending (not answered yet) | agree | comment | none */
  stance: z.string(),
  respondedAt: z.string().nullable(),
  /** Answered after the deadline, or still pending after it. */
  late: z.boolean(),
  remindedOn: z.string().nullable(),
});

export const ConsultationDetailSchema = z.object({
  id: z.string(),
  key: z.string(),
  directiveId: z.string().nullable(),
  title: z.string(),
  drafter: z.string().nullable(),
  status: z.string(),
  deadline: z.string().nullable(),
  consultees: z.array(ConsulteeViewSchema),
  comments: z.array(CommentViewSchema),
  progress: z.object({
    consultees: z.number().int(),
    answered: z.number().int(),
    pending: z.number().int(),
    late: z.number().int(),
    agree: z.number().int(),
    commented: z.number().int(),
    comments: z.number().int(),
    answers: z.object({ accepted: z.number().int(), explained: z.number().int(), noted: z.number().int() }),
    unanswered: z.number().int(),
  }),
});
export type ConsultationDetail = z.infer<typeof ConsultationDetailSchema>;

export const ConsultationListItemSchema = z.object({
  id: z.string(),
  key: z.string(),
  directiveId: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  deadline: z.string().nullable(),
});

export const ReminderResultSchema = z.object({ reminded: z.number().int(), agencies: z.array(z.string()) });
