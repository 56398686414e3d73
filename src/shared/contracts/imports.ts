import { z } from 'zod';
import { ConsultationSchema } from './consultations';

/**
 * The import result. `tiendo import --json` prints exactly this object and the UI preview renders it;
 * other tools read it, so the shape is stable: add fields, never rename or remove.
 */

export const DeadlineKindSchema = z.enum([
  'date',
  'month',
  'quarter',
  'half-year',
  'year',
  'period',
  'recurring',
  'relative',
  'none',
  'unreadable',
]);
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;

export const DeadlineSchema = z.object({
  /** The text exactly as written (NFC, whitespace collapsed). */
  raw: z.string(),
  kind: DeadlineKindSchema,
  /** Last day on which completion is on time, ISO date, or null. */
  due: z.iso.date().nullable(),
  /** First day of the period or of a start condition ("từ tháng 8/2025"), when stated. */
  start: z.iso.date().nullable().optional(),
  /** For recurring deadlines: continuous | monthly | quarterly | yearly | periodic */
  recurrence: z.string().nullable().optional(),
  /** Which rule was applied, in plain words (Vietnamese), e.g. "Tháng M/YYYY → ngày cuối tháng". */
  rule: z.string(),
  /** Strictly before `due` ("trước ngày 10/6/2025"). */
  before: z.boolean().optional(),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

export const ProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().nullable().optional(),
  row: z.number().int().nullable().optional(),
  /** Stable machine code, e.g. UNKNOWN_AGENCY, DEADLINE_UNREADABLE, MISSING_COLUMN, EMPTY_FILE. */
  code: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const ListKindSchema = z.enum([
  'task-list',
  'status-report',
  'indicator-table',
  'comment-table',
  'proposed-tasks',
  'other-table',
]);
export type ListKind = z.infer<typeof ListKindSchema>;

/** What the list said about the task's progress, kept as a reported fact with its source. */
export const ReportedFactsSchema = z.object({
  status: z.string().optional(),
  unitsNotCompleted: z.array(z.string()).optional(),
  result: z.string().optional(),
  description: z.string().optional(),
  note: z.string().optional(),
});

export const ImportTaskSchema = z.object({
  /** Stable identifier: the same task met in two lists, or imported twice, has the same id. */
  id: z.string(),
  /** Section path as written, e.g. "I. HOÀN THIỆN THỂ CHẾ" or "III › 2. …"; null at top level. */
  section: z.string().nullable(),
  /** The task's own number as written ("1.", "12"), if any. */
  label: z.string().nullable().optional(),
  text: z.string(),
  /** Canonical agency names (collectives expanded to their members). */
  lead: z.array(z.string()),
  coordinators: z.array(z.string()),
  /** Register ids of `lead`/`coordinators`, position by position, as resolved on the document's date ('' if unknown). */
  leadIds: z.array(z.string()).optional(),
  coordinatorIds: z.array(z.string()).optional(),
  /** The cells as written, before resolution. */
  leadRaw: z.string().nullable().optional(),
  coordinatorsRaw: z.string().nullable().optional(),
  /** Collective expressions that were expanded ("Các bộ, ngành, địa phương"). */
  leadGroups: z.array(z.string()).optional(),
  product: z.string().nullable(),
  notes: z.string().nullable().optional(),
  deadline: DeadlineSchema,
  /** Key of the directive that assigned the task (e.g. "71/NQ-CP"). */
  assignedBy: z.string().nullable(),
  /** proposed: read from prose, a person must confirm it before it counts. */
  status: z.enum(['confirmed', 'proposed']),
  line: z.number().int().nullable(),
  row: z.number().int().nullable(),
  facts: ReportedFactsSchema.optional(),
});
export type ImportTask = z.infer<typeof ImportTaskSchema>;

export const ImportListSchema = z.object({
  file: z.string(),
  kind: ListKindSchema,
  title: z.string(),
  line: z.number().int().nullable(),
  /** Directive that assigned this list's tasks, when the caption or the document says so. */
  assignedBy: z.string().nullable(),
  /** Date of the document this list reports as of (for status-report lists), ISO. */
  reportedOn: z.iso.date().nullable().optional(),
  columns: z.array(z.string()).optional(),
  tasks: z.array(ImportTaskSchema),
  /** Rows of non-task tables (indicator and comment tables), as header → cell. */
  rows: z.array(z.record(z.string(), z.string())).optional(),
});
export type ImportList = z.infer<typeof ImportListSchema>;

export const DirectiveKindSchema = z.enum([
  'nghi-quyet',
  'ke-hoach',
  'thong-bao-ket-luan',
  'quyet-dinh',
  'chi-thi',
  'cong-van',
  'bao-cao',
  'chuong-trinh',
  'de-an',
  'khac',
]);

export const ImportDirectiveSchema = z.object({
  /** Stable key: the number/symbol when there is one ("71/NQ-CP"), else derived. */
  key: z.string(),
  kind: DirectiveKindSchema,
  number: z.string().nullable(),
  issuedOn: z.iso.date().nullable(),
  issuer: z.string().nullable(),
  title: z.string(),
  /** issued | draft | reference (cited by another document, not itself in the file) */
  status: z.enum(['issued', 'draft', 'reference']),
  /** File that contains the directive itself, when it does. */
  file: z.string().nullable(),
  sections: z.array(z.object({ label: z.string().nullable(), title: z.string(), parent: z.string().nullable() })),
});
export type ImportDirective = z.infer<typeof ImportDirectiveSchema>;

export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  files: z.array(z.object({ file: z.string(), format: z.string(), bytes: z.number().int(), sha256: z.string() })),
  directives: z.array(ImportDirectiveSchema),
  lists: z.array(ImportListSchema),
  problems: z.array(ProblemSchema),
  /** Consultations read from synthesis tables of comments (seed 000): consultees, comments and answers. */
  consultations: z.array(ConsultationSchema).optional(),
  /** Counts of what was (or, in a dry run, would be) created and updated. */
  summary: z.object({
    tasks: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    assignments: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
