import { z } from 'zod';
import { IsoDateSchema } from './common';

/** phản ánh, kiến nghị, sáng kiến, giải pháp */
export const FeedbackKindSchema = z.enum(['reflection', 'petition', 'initiative', 'solution']);
export type FeedbackKind = z.infer<typeof FeedbackKindSchema>;

export const FEEDBACK_KIND_LABELS: Record<FeedbackKind, string> = {
  reflection: 'Phản ánh',
  petition: 'Kiến nghị',
  initiative: 'Sáng kiến',
  solution: 'Giải pháp',
};

export const FeedbackStatusSchema = z.enum(['new', 'routed', 'answered']);

export const FeedbackAttachmentSchema = z.object({
  key: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});

export const FeedbackCreateSchema = z.object({
  kind: FeedbackKindSchema,
  title: z.string().trim().min(1).max(300),
  text: z.string().trim().min(1).max(20000),
  directiveId: z.string().min(1).optional(),
  taskId: z.string().min(1).optional(),
  /** As returned by the attachment upload. */
  attachments: z.array(FeedbackAttachmentSchema).max(10).default([]),
});
export type FeedbackCreate = z.infer<typeof FeedbackCreateSchema>;

/** The public form: no account; spam guard = honeypot `website` (must stay empty), fill time, link count. */
export const PublicFeedbackSchema = z.object({
  kind: FeedbackKindSchema,
  title: z.string().trim().min(1).max(300),
  text: z.string().trim().min(1).max(5000),
  name: z.string().trim().max(200).optional(),
  contact: z.string().trim().max(200).optional(),
  website: z.string().optional(),
  /** Milliseconds since the form was rendered (the client sends it); too fast = a bot. */
  elapsedMs: z.number().int().min(0),
});
export type PublicFeedback = z.infer<typeof PublicFeedbackSchema>;

export const FeedbackRouteSchema = z.object({ agencyId: z.string().min(1), dueOn: IsoDateSchema });
export const FeedbackAnswerSchema = z.object({ text: z.string().trim().min(1) });

export const FeedbackItemSchema = z.object({
  id: z.string(),
  kind: FeedbackKindSchema,
  title: z.string(),
  text: z.string(),
  source: z.enum(['account', 'public']),
  submitterUserId: z.string().nullable(),
  submitterAgencyId: z.string().nullable(),
  directiveId: z.string().nullable(),
  taskId: z.string().nullable(),
  attachments: z.array(FeedbackAttachmentSchema),
  status: FeedbackStatusSchema,
  routedAgencyId: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  answerText: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type FeedbackItem = z.infer<typeof FeedbackItemSchema>;

export const FeedbackListQuerySchema = z.object({
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  status: FeedbackStatusSchema.optional(),
});

export const FeedbackCountsSchema = z.object({
  month: z.string(),
  received: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  answered: z.number().int(),
  overdue: z.number().int(),
});
export type FeedbackCounts = z.infer<typeof FeedbackCountsSchema>;
