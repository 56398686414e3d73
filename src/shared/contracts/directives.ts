import { z } from 'zod';
import { DirectiveKindSchema } from './imports';

export const DIRECTIVE_KIND_LABELS: Record<z.infer<typeof DirectiveKindSchema>, string> = {
  'nghi-quyet': 'Nghị quyết',
  'ke-hoach': 'Kế hoạch',
  'thong-bao-ket-luan': 'Thông báo kết luận',
  'quyet-dinh': 'Quyết định',
  'chi-thi': 'Chỉ thị',
  'cong-van': 'Công văn',
  'bao-cao': 'Báo cáo',
  'chuong-trinh': 'Chương trình',
  'de-an': 'Đề án',
  khac: 'Văn bản khác',
};

export const DirectiveSummarySchema = z.object({
  id: z.string(),
  stableKey: z.string(),
  kind: DirectiveKindSchema,
  number: z.string().nullable(),
  issuedOn: z.iso.date().nullable(),
  issuer: z.string().nullable(),
  title: z.string(),
  status: z.enum(['issued', 'draft', 'reference']),
  taskCount: z.number().int(),
  updatedAt: z.string(),
});
export type DirectiveSummary = z.infer<typeof DirectiveSummarySchema>;

export type SectionNode = {
  id: string;
  label: string | null;
  title: string;
  taskCount: number;
  children: SectionNode[];
};

export const SectionNodeSchema: z.ZodType<SectionNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    label: z.string().nullable(),
    title: z.string(),
    taskCount: z.number().int(),
    children: z.array(SectionNodeSchema),
  }),
);

export const DirectiveDetailSchema = DirectiveSummarySchema.extend({
  sections: z.array(SectionNodeSchema),
  /** Files this directive's tasks were read from. */
  sources: z.array(z.object({ id: z.string(), fileName: z.string(), createdAt: z.string() })),
});
export type DirectiveDetail = z.infer<typeof DirectiveDetailSchema>;

export const DirectiveListQuerySchema = z.object({
  q: z.string().optional(),
  kind: DirectiveKindSchema.optional(),
  status: z.enum(['issued', 'draft', 'reference']).optional(),
});
