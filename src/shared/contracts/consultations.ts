import { z } from 'zod';

/**
 * Consultation on a draft: who was asked, what each consulted agency said and how the drafter answered.
 * `tiendo import --json` prints these under `consultations` (read from a synthesis table of comments such as
 * seed 000); the consultation workflow will produce the same shape. Add fields, never rename or remove.
 */

/** agree: only "Nhất trí"; comment: substantive remarks; none: the consultee row carries no comment at all. */
export const CommentStanceSchema = z.enum(['agree', 'comment', 'none']);
export type CommentStance = z.infer<typeof CommentStanceSchema>;

/**
 * The drafter's answer: accepted ("Tiếp thu…", with or without what was changed), explained (a reasoned answer
 * that keeps the draft: "Đề xuất giữ nguyên…", "Đây là nhiệm vụ giao tại…"), agree (the drafter just agrees),
 * none (no answer written).
 */
export const AnswerStanceSchema = z.enum(['agree', 'accepted', 'explained', 'none']);
export type AnswerStance = z.infer<typeof AnswerStanceSchema>;

export const ConsultationGroupSchema = z.enum(['ministries', 'localities']);
export type ConsultationGroup = z.infer<typeof ConsultationGroupSchema>;

export const AnswerParagraphSchema = z.object({ text: z.string(), stance: AnswerStanceSchema });

export const ConsultationAnswerSchema = z.object({
  /** The answer as written (its paragraphs joined by "\n"); empty when there is none. */
  text: z.string(),
  /** The paragraphs' stance when they agree; `explained` when any paragraph explains; `none` without answer. */
  stance: AnswerStanceSchema,
  /** One entry per answer paragraph: totals are counted from these. */
  paragraphs: z.array(AnswerParagraphSchema),
});
export type ConsultationAnswer = z.infer<typeof ConsultationAnswerSchema>;

/**
 * One comment: a consultee row, or one point of it when the drafter answered the points separately (the comment's
 * points are paired with the answer paragraphs in order).
 */
export const ConsultationCommentSchema = z.object({
  /** Canonical name of the consulted agency, or null when the register does not know the name. */
  agency: z.string().nullable(),
  /** The name as written ("Ngân hàng nhà nước", "Sơn la"). */
  agencyRaw: z.string(),
  /** The consultee's number in its table; inferred from its neighbours when the TT cell is empty. */
  row: z.number().int(),
  /** The TT cell as written ("1", "1."), null when empty. */
  rowLabel: z.string().nullable(),
  /** 1-based point of the consultee's comment this entry holds; 1 when the comment is not split. */
  point: z.number().int(),
  /** Source line (text), row (xlsx) or row index (docx) of the consultee row. */
  line: z.number().int().nullable(),
  group: ConsultationGroupSchema,
  text: z.string(),
  stance: CommentStanceSchema,
  answer: ConsultationAnswerSchema,
  /** Draft tasks the comment points at, as "section.number" ("III.29", "IV.7") or "number" when no section is named. */
  taskRefs: z.array(z.string()),
});
export type ConsultationComment = z.infer<typeof ConsultationCommentSchema>;

export const ConsultationSectionSchema = z.object({
  /** "I", "II" when the table sits under a numbered heading. */
  label: z.string().nullable(),
  title: z.string(),
  group: ConsultationGroupSchema,
  line: z.number().int().nullable(),
  /** Who answers, from the header ("Ý kiến tiếp thu/giải trình của Bộ TT&TT"): canonical name when known. */
  drafter: z.string().nullable(),
  drafterRaw: z.string().nullable(),
  consultees: z.number().int(),
});

export const ConsultationSummarySchema = z.object({
  consultees: z.number().int(),
  agree: z.number().int(),
  commented: z.number().int(),
  silent: z.number().int(),
  answers: z.object({
    accepted: z.number().int(),
    explained: z.number().int(),
    agree: z.number().int(),
  }),
});

export const ConsultationSchema = z.object({
  title: z.string(),
  file: z.string(),
  /** The drafting agency (canonical), from the answer column's header. */
  drafter: z.string().nullable(),
  sections: z.array(ConsultationSectionSchema),
  comments: z.array(ConsultationCommentSchema),
  summary: ConsultationSummarySchema,
});
export type Consultation = z.infer<typeof ConsultationSchema>;
