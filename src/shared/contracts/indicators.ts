import {
  BLOCS,
  EVALUATION_STATUSES,
  INDICATOR_DIRECTIONS,
  INDICATOR_FREQUENCIES,
  INDICATOR_UNITS,
  TARGET_COMBINATION_RULES,
} from '@shared/domain/indicator-evaluation';
import { z } from 'zod';
import { ProblemSchema } from './imports';

/** Indicators (issue #6): catalogue, national and agency targets, values, evaluation. */

export const IndicatorCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Mã chỉ tiêu: chữ in hoa, số và dấu gạch dưới (VD: DVC_TOAN_TRINH).');
export const PeriodKeySchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'Kỳ: YYYY-MM (tháng), YYYY-Qn (quý) hoặc YYYY (năm).');
export const YearSchema = z.coerce.number().int().min(2000).max(2100);

export const IndicatorUnitSchema = z.enum(INDICATOR_UNITS);
export const IndicatorDirectionSchema = z.enum(INDICATOR_DIRECTIONS);
export const IndicatorFrequencySchema = z.enum(INDICATOR_FREQUENCIES);
export const EvaluationStatusSchema = z.enum(EVALUATION_STATUSES);
export const BlocSchema = z.enum(BLOCS);

export const NationalTargetSchema = z.object({
  year: z.number().int(),
  value: z.number(),
  valueMax: z.number().nullable(),
  status: z.enum(['adopted', 'proposed']),
  basis: z.string().nullable(),
  version: z.number().int(),
});
export type NationalTarget = z.infer<typeof NationalTargetSchema>;

export const IndicatorLinkSchema = z.object({
  id: z.string(),
  directiveKey: z.string().nullable(),
  directiveId: z.string().nullable(),
  directiveTitle: z.string().nullable(),
  taskId: z.string().nullable(),
  taskText: z.string().nullable(),
  note: z.string().nullable(),
});
export type IndicatorLink = z.infer<typeof IndicatorLinkSchema>;

export const IndicatorSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: IndicatorUnitSchema,
  unitLabel: z.string(),
  definition: z.string(),
  direction: IndicatorDirectionSchema,
  frequency: IndicatorFrequencySchema,
  isCumulative: z.boolean(),
  /** For rates: what the numerator and the denominator count (stored separately on every value). */
  numeratorLabel: z.string().nullable(),
  denominatorLabel: z.string().nullable(),
  source: z.string().nullable(),
  isActive: z.boolean(),
  nationalTargets: z.array(NationalTargetSchema),
  links: z.array(IndicatorLinkSchema),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const IndicatorListSchema = z.object({ items: z.array(IndicatorSchema) });

const optionalText = z.string().trim().max(4000).nullable().optional();

export const IndicatorCreateSchema = z.object({
  code: IndicatorCodeSchema,
  name: z.string().trim().min(3).max(500),
  unit: IndicatorUnitSchema,
  unitLabel: z.string().trim().max(50).default(''),
  definition: z.string().trim().max(4000).default(''),
  direction: IndicatorDirectionSchema.default('higher-better'),
  frequency: IndicatorFrequencySchema.default('monthly'),
  isCumulative: z.boolean().default(false),
  numeratorLabel: optionalText,
  denominatorLabel: optionalText,
  source: optionalText,
  matchPhrases: z.array(z.string().trim().min(3)).max(20).default([]),
});
export type IndicatorCreate = z.infer<typeof IndicatorCreateSchema>;

export const IndicatorUpdateSchema = IndicatorCreateSchema.omit({ code: true })
  .partial()
  .extend({ isActive: z.boolean().optional() });
export type IndicatorUpdate = z.infer<typeof IndicatorUpdateSchema>;

export const IndicatorCodeParamsSchema = z.object({ code: IndicatorCodeSchema });

export const IndicatorLinkCreateSchema = z
  .object({
    directiveKey: z.string().trim().min(2).max(100).optional(),
    taskId: z.string().min(1).optional(),
    note: optionalText,
  })
  .refine((v) => (v.directiveKey ? 1 : 0) + (v.taskId ? 1 : 0) === 1, {
    message: 'Cần đúng một trong hai: directiveKey (số, ký hiệu văn bản) hoặc taskId.',
  });
export type IndicatorLinkCreate = z.infer<typeof IndicatorLinkCreateSchema>;

export const NationalTargetSetSchema = z.object({
  value: z.number().finite(),
  valueMax: z.number().finite().nullable().optional(),
  status: z.enum(['adopted', 'proposed']).default('adopted'),
  basis: optionalText,
});
export type NationalTargetSet = z.infer<typeof NationalTargetSetSchema>;

export const IndicatorYearParamsSchema = z.object({ code: IndicatorCodeSchema, year: YearSchema });

export const RegistrationWindowStateSchema = z.enum(['none', 'not-yet-open', 'open', 'locked']);
export type RegistrationWindowState = z.infer<typeof RegistrationWindowStateSchema>;

export const RegistrationWindowSchema = z.object({
  indicatorCode: z.string(),
  year: z.number().int(),
  opensOn: z.iso.date().nullable(),
  closesOn: z.iso.date().nullable(),
  lockedAt: z.string().nullable(),
  /** As of today (Asia/Ho_Chi_Minh): none = no window set (only the standing office registers targets). */
  state: RegistrationWindowStateSchema,
});
export type RegistrationWindow = z.infer<typeof RegistrationWindowSchema>;

export const RegistrationWindowSetSchema = z
  .object({ opensOn: z.iso.date(), closesOn: z.iso.date() })
  .refine((v) => v.opensOn <= v.closesOn, { message: 'Ngày mở đăng ký phải trước ngày khóa.' });

export const TargetStateSchema = z.enum(['active', 'superseded', 'pending', 'rejected']);
export const TargetSourceSchema = z.enum(['agency', 'standing-office', 'import', 'api']);
export const ValueSourceSchema = z.enum(['agency', 'import', 'api']);

export const AgencyTargetSchema = z.object({
  id: z.string(),
  indicatorCode: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  period: z.string(),
  value: z.number(),
  version: z.number().int(),
  state: TargetStateSchema,
  source: TargetSourceSchema,
  reason: z.string().nullable(),
  sourceRef: z.string().nullable(),
  requestedAt: z.string(),
  requestedByUserId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByUserId: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type AgencyTarget = z.infer<typeof AgencyTargetSchema>;

export const AgencyTargetListSchema = z.object({ items: z.array(AgencyTargetSchema) });

export const TargetRegisterSchema = z.object({
  agencyId: z.string().min(1),
  period: PeriodKeySchema,
  value: z.number().finite(),
  reason: optionalText,
});
export type TargetRegister = z.infer<typeof TargetRegisterSchema>;

export const TargetChangeRequestSchema = TargetRegisterSchema.extend({
  reason: z.string().trim().min(5, 'Cần nêu lý do điều chỉnh chỉ tiêu.').max(4000),
});
export type TargetChangeRequest = z.infer<typeof TargetChangeRequestSchema>;

export const TargetDecisionSchema = z.object({ note: optionalText });
export const TargetIdParamsSchema = z.object({ targetId: z.string().min(1) });

export const TargetListQuerySchema = z.object({
  agencyId: z.string().optional(),
  year: YearSchema.optional(),
  period: PeriodKeySchema.optional(),
  /** Include superseded, pending and rejected versions (the history). */
  history: z.stringbool().default(false),
});

export const TargetChangeListQuerySchema = z.object({
  state: TargetStateSchema.default('pending'),
  indicator: IndicatorCodeSchema.optional(),
});

const amount = z.number().finite().min(0);

/** A value as entered: a rate from its numerator and denominator (preferred) or as a reported figure. */
const valueFields = {
  value: z.number().finite().nullable().optional(),
  numerator: amount.nullable().optional(),
  denominator: amount.nullable().optional(),
  asOf: z.iso.date().nullable().optional(),
  note: optionalText,
  /** Required when the value misses the registered target. */
  shortfallReason: optionalText,
  remedialAction: optionalText,
};

const hasValueOrComponents = (v: { value?: number | null; numerator?: number | null; denominator?: number | null }) =>
  (v.numerator != null) === (v.denominator != null) && (v.value != null || v.numerator != null);
const VALUE_MESSAGE = 'Cần giá trị, hoặc cả tử số và mẫu số (với chỉ tiêu tỷ lệ).';

export const ValueEntrySchema = z
  .object({ agencyId: z.string().min(1), period: PeriodKeySchema, ...valueFields })
  .refine(hasValueOrComponents, { message: VALUE_MESSAGE });
export type ValueEntry = z.infer<typeof ValueEntrySchema>;

export const ValueCorrectionSchema = z
  .object({ ...valueFields, correctionReason: z.string().trim().min(5, 'Cần nêu lý do đính chính.').max(4000) })
  .refine(hasValueOrComponents, { message: VALUE_MESSAGE });
export type ValueCorrection = z.infer<typeof ValueCorrectionSchema>;

export const ValueIdParamsSchema = z.object({ valueId: z.string().min(1) });

export const IndicatorValueSchema = z.object({
  id: z.string(),
  indicatorCode: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  period: z.string(),
  version: z.number().int(),
  isCurrent: z.boolean(),
  value: z.number(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** False for a rate reported without numerator and denominator: excluded from re-aggregation. */
  hasComponents: z.boolean(),
  asOf: z.iso.date().nullable(),
  source: ValueSourceSchema,
  sourceRef: z.string().nullable(),
  note: z.string().nullable(),
  shortfallReason: z.string().nullable(),
  remedialAction: z.string().nullable(),
  correctionReason: z.string().nullable(),
  enteredAt: z.string(),
  enteredByUserId: z.string().nullable(),
});
export type IndicatorValue = z.infer<typeof IndicatorValueSchema>;

export const IndicatorValueListSchema = z.object({ items: z.array(IndicatorValueSchema) });

export const ValueListQuerySchema = z.object({
  agencyId: z.string().optional(),
  period: PeriodKeySchema.optional(),
  year: YearSchema.optional(),
  history: z.stringbool().default(false),
});

/** Values sent by another system (exchange): agencies by id or by name, idempotent per (indicator, agency, period). */
export const ValueBatchSchema = z.object({
  system: z.string().trim().min(2).max(100),
  items: z
    .array(
      z
        .object({
          indicatorCode: IndicatorCodeSchema,
          agencyId: z.string().optional(),
          agencyName: z.string().optional(),
          period: PeriodKeySchema,
          externalId: z.string().max(200).optional(),
          ...valueFields,
        })
        .refine((v) => Boolean(v.agencyId) !== Boolean(v.agencyName), { message: 'Cần agencyId hoặc agencyName.' })
        .refine(hasValueOrComponents, { message: VALUE_MESSAGE }),
    )
    .min(1)
    .max(20_000),
});
export type ValueBatch = z.infer<typeof ValueBatchSchema>;

export const WriteCountsSchema = z.object({
  created: z.number().int(),
  /** New versions of something that existed with other figures. */
  updated: z.number().int(),
  unchanged: z.number().int(),
});

export const ValueBatchResultSchema = z.object({
  values: WriteCountsSchema,
  problems: z.array(ProblemSchema),
});
export type ValueBatchResult = z.infer<typeof ValueBatchResultSchema>;

export const IndicatorImportTableSchema = z.object({
  file: z.string(),
  title: z.string(),
  line: z.number().int().nullable(),
  indicatorCode: z.string().nullable(),
  year: z.number().int().nullable(),
  rows: z.number().int(),
  /** Rows whose agency was found in the register. */
  agencies: z.number().int(),
  periods: z.array(z.string()),
  targets: z.number().int(),
  /** Empty target cells: the agency registered no target for that period. */
  emptyTargets: z.number().int(),
  values: z.number().int(),
  /** Rates stored without numerator and denominator (as the table gives them). */
  valuesWithoutComponents: z.number().int(),
});

export const IndicatorImportResultSchema = z.object({
  dryRun: z.boolean(),
  tables: z.array(IndicatorImportTableSchema),
  targets: WriteCountsSchema,
  values: WriteCountsSchema,
  reportedAggregates: z.number().int(),
  problems: z.array(ProblemSchema),
});
export type IndicatorImportResult = z.infer<typeof IndicatorImportResultSchema>;

export const EvaluationQuerySchema = z.object({
  period: PeriodKeySchema,
  indicator: IndicatorCodeSchema.optional(),
  bloc: BlocSchema.optional(),
  agencyId: z.string().optional(),
  /** Group values by today's successor agencies (the register's succession rules). */
  rollUp: z.stringbool().default(false),
  /** The day whose agencies values roll up to (default: today). */
  rollUpTo: z.iso.date().optional(),
});
export type EvaluationQuery = z.infer<typeof EvaluationQuerySchema>;

export const EvaluationRowSchema = z.object({
  indicatorCode: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  agencyKind: z.string(),
  bloc: BlocSchema,
  period: z.string(),
  /** null = "chưa đăng ký chỉ tiêu" (never a zero). */
  target: z.number().nullable(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  hasComponents: z.boolean(),
  asOf: z.iso.date().nullable(),
  status: EvaluationStatusSchema,
  statusLabel: z.string(),
  met: z.boolean().nullable(),
  /** value − target (percentage points for a percentage). */
  gap: z.number().nullable(),
  /** Rank within the indicator and bloc by value (1 = best); null without a value. */
  rank: z.number().int().nullable(),
  note: z.string().nullable(),
  valueSource: ValueSourceSchema.nullable(),
  valueVersion: z.number().int().nullable(),
  /** The value misses its target and needs an explanation (why, and what is being done). */
  explanationRequired: z.boolean(),
  explanationMissing: z.boolean(),
  shortfallReason: z.string().nullable(),
  remedialAction: z.string().nullable(),
  /** Roll-up only: the agencies whose values were combined, and how the target was obtained. */
  rolledUpFrom: z.array(z.object({ agencyId: z.string(), agencyName: z.string() })).optional(),
  targetRule: z.enum(TARGET_COMBINATION_RULES).nullable().optional(),
  targetNote: z.string().nullable().optional(),
});
export type EvaluationRow = z.infer<typeof EvaluationRowSchema>;

export const BlocAggregateSchema = z.object({
  indicatorCode: z.string(),
  period: z.string(),
  /** A bloc, or `all` for every agency evaluated. */
  bloc: z.union([BlocSchema, z.literal('all')]),
  agencies: z.number().int(),
  met: z.number().int(),
  notMet: z.number().int(),
  noTarget: z.number().int(),
  noData: z.number().int(),
  /** Σnumerator ÷ Σdenominator over the agencies that report both; null if none does. */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  included: z.number().int(),
  /** Agencies left out of the aggregate because they report a rate without numerator and denominator. */
  excludedWithoutComponents: z.number().int(),
  /** Denominator-weighted target of the included agencies that registered one. */
  target: z.number().nullable(),
  /** The figure the source report states for this bloc, kept for comparison only. */
  reported: z.number().nullable(),
  reportedQuote: z.string().nullable(),
  explanation: z.string(),
});
export type BlocAggregate = z.infer<typeof BlocAggregateSchema>;

export const EvaluationIndicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: IndicatorUnitSchema,
  unitLabel: z.string(),
  direction: IndicatorDirectionSchema,
  isCumulative: z.boolean(),
  nationalTarget: z.number().nullable(),
});

export const EvaluationResponseSchema = z.object({
  period: z.string(),
  rollUp: z.boolean(),
  indicators: z.array(EvaluationIndicatorSchema),
  rows: z.array(EvaluationRowSchema),
  blocs: z.array(BlocAggregateSchema),
  rules: z.object({ comparison: z.string(), aggregation: z.string(), targetCombination: z.string() }),
});
export type EvaluationResponse = z.infer<typeof EvaluationResponseSchema>;

export const AgencySeriesQuerySchema = z.object({ year: YearSchema, indicator: IndicatorCodeSchema.optional() });
export const AgencyIdParamsSchema = z.object({ agencyId: z.string().min(1) });

export const SeriesPointSchema = z.object({
  period: z.string(),
  target: z.number().nullable(),
  value: z.number().nullable(),
  asOf: z.iso.date().nullable(),
  status: EvaluationStatusSchema,
  met: z.boolean().nullable(),
});

export const AgencySeriesSchema = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  year: z.number().int(),
  series: z.array(
    z.object({
      indicatorCode: z.string(),
      indicatorName: z.string(),
      unitLabel: z.string(),
      points: z.array(SeriesPointSchema),
    }),
  ),
});
export type AgencySeries = z.infer<typeof AgencySeriesSchema>;

export const RankingQuerySchema = z.object({
  period: PeriodKeySchema,
  indicator: IndicatorCodeSchema,
  bloc: BlocSchema.optional(),
  rollUp: z.stringbool().default(false),
});

export const RankingSchema = z.object({
  indicatorCode: z.string(),
  period: z.string(),
  items: z.array(EvaluationRowSchema),
});

/** `tiendo indicators evaluate --json`: one object per agency and indicator. Stable: add fields, never rename. */
export const CliEvaluationRowSchema = z.object({
  agency: z.string(),
  indicator: z.string(),
  period: z.string(),
  target: z.number().nullable(),
  value: z.number().nullable(),
  met: z.boolean().nullable(),
});
export type CliEvaluationRow = z.infer<typeof CliEvaluationRowSchema>;
