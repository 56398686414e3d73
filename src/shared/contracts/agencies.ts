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
  assignedOnly: z.coerce.boolean().optional(),
});
