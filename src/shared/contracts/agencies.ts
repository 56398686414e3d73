import { z } from 'zod';

export const AgencyKindSchema = z.enum([
  'party-body',
  'ministry',
  'ministerial-agency',
  'government-agency',
  'province',
  'commune',
  'provincial-department',
  'enterprise',
  'other',
]);
export type AgencyKind = z.infer<typeof AgencyKindSchema>;

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  'party-body': 'Cơ quan Đảng',
  ministry: 'Bộ',
  'ministerial-agency': 'Cơ quan ngang bộ',
  'government-agency': 'Cơ quan thuộc Chính phủ',
  province: 'Tỉnh, thành phố',
  commune: 'Xã, phường, đặc khu',
  'provincial-department': 'Sở, ngành cấp tỉnh',
  enterprise: 'Doanh nghiệp',
  other: 'Khác',
};

export const AgencySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: AgencyKindSchema,
  parentId: z.string().nullable(),
  validFrom: z.iso.date().nullable(),
  validTo: z.iso.date().nullable(),
});
export type AgencySummary = z.infer<typeof AgencySummarySchema>;

export const AgencyListQuerySchema = z.object({
  q: z.string().optional(),
  kind: AgencyKindSchema.optional(),
  asOf: z.iso.date().optional(),
  /** Only agencies that have at least one assignment. */
  assignedOnly: z.stringbool().optional(),
});

export const AgencyListQueryWithPageSchema = AgencyListQuerySchema.extend({
  // z.coerce.boolean() reads the query string "false" as true; stringbool reads true/false/1/0/yes/no.
  assignedOnly: z.stringbool().optional(),
  /** Only the direct children of this agency (a ministry's units, a province's departments and communes). */
  parentId: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type AgencyListQueryWithPage = z.infer<typeof AgencyListQueryWithPageSchema>;

export const AgencyListResponseSchema = z.object({
  items: z.array(AgencySummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AgencyListResponse = z.infer<typeof AgencyListResponseSchema>;

export const AgencySuccessionKindSchema = z.enum(['merge', 'split', 'rename', 'move']);
export type AgencySuccessionKind = z.infer<typeof AgencySuccessionKindSchema>;

export const AGENCY_SUCCESSION_KIND_LABELS: Record<AgencySuccessionKind, string> = {
  merge: 'Hợp nhất, sáp nhập',
  split: 'Chia tách, giải thể',
  rename: 'Đổi tên',
  move: 'Chuyển trực thuộc',
};

/** One restructuring link seen from an agency: the agency on the other side, when, how and by which decision. */
export const AgencySuccessionLinkSchema = z.object({
  agency: AgencySummarySchema,
  effectiveOn: z.iso.date(),
  kind: AgencySuccessionKindSchema,
  legalBasis: z.string().nullable(),
  note: z.string().nullable(),
});
export type AgencySuccessionLink = z.infer<typeof AgencySuccessionLinkSchema>;

export const AgencyDetailSchema = AgencySummarySchema.extend({
  code: z.string().nullable(),
  note: z.string().nullable(),
  aliases: z.array(z.object({ alias: z.string(), kind: z.string() })),
  parent: AgencySummarySchema.nullable(),
  childCount: z.number().int(),
  predecessors: z.array(AgencySuccessionLinkSchema),
  successors: z.array(AgencySuccessionLinkSchema),
});
export type AgencyDetail = z.infer<typeof AgencyDetailSchema>;

export const AgencyIdParamsSchema = z.object({ id: z.string().min(1) });
