import { z } from 'zod';

const CategorySchema = z.enum([
  'completedOnTime',
  'completedLate',
  'completedUndated',
  'inProgress',
  'overdue',
  'recurring',
  'noDeadline',
]);
const CountsSchema = z.record(CategorySchema, z.number().int());

export const SnapshotCreateSchema = z.object({
  asOf: z.iso.date(),
  label: z.string().trim().min(1).max(200).optional(),
});
export type SnapshotCreate = z.infer<typeof SnapshotCreateSchema>;

export const SnapshotSchema = z.object({
  id: z.string(),
  asOf: z.iso.date(),
  label: z.string(),
  createdByUserId: z.string().nullable(),
  createdByLabel: z.string().nullable(),
  taskCount: z.number().int(),
  assignmentCount: z.number().int(),
  createdAt: z.string(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const SnapshotListSchema = z.object({ items: z.array(SnapshotSchema) });

export const SnapshotCompareQuerySchema = z.object({ from: z.string().min(1), to: z.string().min(1) });

const ChangedTaskSchema = z.object({
  taskId: z.string(),
  text: z.string(),
  directive: z.string(),
  fromCategory: CategorySchema.nullable(),
  toCategory: CategorySchema,
  fromDue: z.iso.date().nullable(),
  toDue: z.iso.date().nullable(),
});
export type ChangedTask = z.infer<typeof ChangedTaskSchema>;

const AgencyMoveSchema = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  overdueBefore: z.number().int(),
  overdueAfter: z.number().int(),
});

export const SnapshotComparisonSchema = z.object({
  from: SnapshotSchema,
  to: SnapshotSchema,
  countsFrom: CountsSchema,
  countsTo: CountsSchema,
  changedCategory: z.array(ChangedTaskSchema),
  newlyOverdue: z.array(ChangedTaskSchema),
  newlyCompleted: z.array(ChangedTaskSchema),
  deadlineChanged: z.array(ChangedTaskSchema),
  newTasks: z.array(ChangedTaskSchema),
  agenciesImproved: z.array(AgencyMoveSchema),
  agenciesSlipped: z.array(AgencyMoveSchema),
});
export type SnapshotComparison = z.infer<typeof SnapshotComparisonSchema>;

export const ReportKindSchema = z.enum(['monthly', 'agency', 'directive']);
export type ReportKind = z.infer<typeof ReportKindSchema>;

export const ReportJobCreateSchema = z.object({
  kind: ReportKindSchema.default('monthly'),
  /** Cut-off date: a new snapshot is made as of this date unless `snapshotId` names an existing one. */
  asOf: z.iso.date().optional(),
  snapshotId: z.string().optional(),
  agencyId: z.string().optional(),
  directiveId: z.string().optional(),
});
export type ReportJobCreate = z.infer<typeof ReportJobCreateSchema>;

export const ReportJobSchema = z.object({
  id: z.string(),
  kind: ReportKindSchema,
  status: z.enum(['queued', 'running', 'done', 'failed']),
  snapshotId: z.string().nullable(),
  asOf: z.iso.date().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  files: z.array(z.object({ name: z.string(), url: z.string(), bytes: z.number().int() })),
});
export type ReportJob = z.infer<typeof ReportJobSchema>;

export const ReportJobListSchema = z.object({ items: z.array(ReportJobSchema) });

export const DashboardQuerySchema = z.object({
  asOf: z.iso.date().optional(),
  directiveId: z.string().optional(),
  agencyMode: z.enum(['as-constituted', 'rolled-up']).default('as-constituted'),
  role: z.enum(['lead', 'coordinator']).default('lead'),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

/** The filter that lists the tasks behind a number: the UI links to `/tasks?…` or the status list with it. */
const DrillSchema = z.object({
  asOf: z.iso.date(),
  category: CategorySchema.optional(),
  directiveId: z.string().optional(),
  agencyId: z.string().optional(),
  group: z.string().optional(),
  dueFrom: z.iso.date().optional(),
  dueTo: z.iso.date().optional(),
});
export type Drill = z.infer<typeof DrillSchema>;

const CountCellSchema = z.object({ count: z.number().int(), share: z.number(), drill: DrillSchema });

const StatusRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  total: z.number().int(),
  cells: z.record(CategorySchema, CountCellSchema),
});
export type DashboardStatusRow = z.infer<typeof StatusRowSchema>;

export const DashboardSchema = z.object({
  asOf: z.iso.date(),
  directiveId: z.string().nullable(),
  agencyMode: z.enum(['as-constituted', 'rolled-up']),
  role: z.enum(['lead', 'coordinator']),
  totals: StatusRowSchema,
  byDirective: z.array(StatusRowSchema),
  byAgencyGroup: z.array(StatusRowSchema),
  trend: z.array(z.object({ snapshotId: z.string(), asOf: z.iso.date(), counts: CountsSchema })),
  overdueLeague: z.array(
    z.object({
      agencyId: z.string(),
      agencyName: z.string(),
      overdue: z.number().int(),
      total: z.number().int(),
      drill: DrillSchema,
    }),
  ),
  notReported: z
    .object({
      period: z.string(),
      agencies: z.number().int(),
      items: z.array(z.object({ agencyId: z.string(), agencyName: z.string(), owed: z.number().int() })),
    })
    .nullable(),
  dueSoon: z.object({
    next7: z.object({ count: z.number().int(), drill: DrillSchema }),
    next30: z.object({ count: z.number().int(), drill: DrillSchema }),
  }),
  indicators: z.array(
    z.object({
      indicatorCode: z.string(),
      indicatorName: z.string(),
      period: z.string(),
      agencies: z.number().int(),
      met: z.number().int(),
      notMet: z.number().int(),
      noTarget: z.number().int(),
    }),
  ),
  timings: z.object({ ms: z.number() }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
