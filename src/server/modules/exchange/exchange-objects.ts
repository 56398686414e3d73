import {
  agencies,
  assignments,
  directiveSections,
  directives,
  evidence,
  extensionRequests,
  indicators,
  indicatorTargets,
  indicatorValues,
  progressReports,
  reclassificationRequests,
  reportEvents,
  snapshotAssignments,
  snapshots,
  snapshotTasks,
  tasks,
} from '@server/db/schema';
import type { ExchangeObjectType } from '@shared/contracts/exchange';
import type { PgTable } from 'drizzle-orm/pg-core';

/** Which rule of a directive's ownership governs an object: its tasks, its reports, or neither (reference data). */
export type OwnershipCategory = 'tasks' | 'reports' | 'reference';

export type ChildSpec = {
  /** Property of the payload that carries the rows. */
  key: string;
  table: PgTable;
  /** Column (property name) pointing at the parent object's id. */
  parentKey: string;
  /** Properties that stay in this system (not sent, not compared). */
  localOnly: readonly string[];
  /** Property that orders the rows (so that both systems list them alike). */
  orderBy: readonly string[];
};

/**
 * How one object type travels: which table holds it, which of its columns are local bookkeeping (timestamps of
 * storage, revision counters, users, import runs, file locations), which columns reference other objects (translated
 * for partners with their own identifiers, and awaited when not yet arrived), and which ownership rule applies.
 */
export type ExchangeObjectSpec = {
  type: ExchangeObjectType;
  table: PgTable;
  localOnly: readonly string[];
  references: Readonly<Record<string, ExchangeObjectType>>;
  children: readonly ChildSpec[];
  ownership: OwnershipCategory;
  /** Apply order when replaying everything: parents first. */
  rank: number;
};

const STAMPS = ['createdAt', 'updatedAt'] as const;

export const EXCHANGE_OBJECTS: Record<ExchangeObjectType, ExchangeObjectSpec> = {
  agency: {
    type: 'agency',
    table: agencies,
    localOnly: [...STAMPS],
    references: {},
    children: [],
    ownership: 'reference',
    rank: 0,
  },
  directive: {
    type: 'directive',
    table: directives,
    localOnly: [...STAMPS, 'version', 'sourceFileId'],
    references: {},
    children: [],
    ownership: 'tasks',
    rank: 1,
  },
  section: {
    type: 'section',
    table: directiveSections,
    localOnly: [],
    references: { directiveId: 'directive', parentId: 'section' },
    children: [],
    ownership: 'tasks',
    rank: 2,
  },
  task: {
    type: 'task',
    table: tasks,
    localOnly: [...STAMPS, 'version'],
    references: { directiveId: 'directive', sectionId: 'section' },
    children: [],
    ownership: 'tasks',
    rank: 3,
  },
  assignment: {
    type: 'assignment',
    table: assignments,
    localOnly: ['createdAt'],
    references: { taskId: 'task', agencyId: 'agency' },
    children: [],
    ownership: 'tasks',
    rank: 4,
  },
  progress_report: {
    type: 'progress_report',
    table: progressReports,
    localOnly: [...STAMPS, 'rowVersion', 'createdByUserId', 'updatedByUserId'],
    references: {
      assignmentId: 'assignment',
      taskId: 'task',
      agencyId: 'agency',
      supersedesId: 'progress_report',
    },
    children: [
      {
        key: 'events',
        table: reportEvents,
        parentKey: 'reportId',
        localOnly: ['seq', 'actorUserId'],
        orderBy: ['at', 'seq'],
      },
    ],
    ownership: 'reports',
    rank: 5,
  },
  evidence: {
    type: 'evidence',
    table: evidence,
    localOnly: [...STAMPS, 'storageKey', 'createdByUserId'],
    references: { reportId: 'progress_report', reclassificationId: 'reclassification_request', agencyId: 'agency' },
    children: [],
    ownership: 'reports',
    rank: 6,
  },
  extension_request: {
    type: 'extension_request',
    table: extensionRequests,
    localOnly: [...STAMPS, 'rowVersion', 'decidedByUserId', 'requestedByUserId'],
    references: { assignmentId: 'assignment', taskId: 'task', agencyId: 'agency' },
    children: [],
    ownership: 'reports',
    rank: 5,
  },
  reclassification_request: {
    type: 'reclassification_request',
    table: reclassificationRequests,
    localOnly: [...STAMPS, 'rowVersion', 'decidedByUserId', 'requestedByUserId'],
    references: { assignmentId: 'assignment', taskId: 'task', agencyId: 'agency' },
    children: [],
    ownership: 'reports',
    rank: 5,
  },
  indicator: {
    type: 'indicator',
    table: indicators,
    localOnly: [...STAMPS, 'rowVersion'],
    references: {},
    children: [],
    ownership: 'reference',
    rank: 7,
  },
  indicator_target: {
    type: 'indicator_target',
    table: indicatorTargets,
    localOnly: [...STAMPS, 'rowVersion', 'importRunId', 'requestedByUserId', 'decidedByUserId'],
    references: { indicatorId: 'indicator', agencyId: 'agency', supersedesId: 'indicator_target' },
    children: [],
    ownership: 'reference',
    rank: 8,
  },
  indicator_value: {
    type: 'indicator_value',
    table: indicatorValues,
    localOnly: [...STAMPS, 'rowVersion', 'importRunId', 'enteredByUserId'],
    references: { indicatorId: 'indicator', agencyId: 'agency', supersedesId: 'indicator_value' },
    children: [],
    ownership: 'reference',
    rank: 9,
  },
  snapshot: {
    type: 'snapshot',
    table: snapshots,
    localOnly: [...STAMPS, 'createdByUserId'],
    references: {},
    children: [
      { key: 'tasks', table: snapshotTasks, parentKey: 'snapshotId', localOnly: [], orderBy: ['taskId'] },
      {
        key: 'assignments',
        table: snapshotAssignments,
        parentKey: 'snapshotId',
        localOnly: [],
        orderBy: ['assignmentId'],
      },
    ],
    ownership: 'reference',
    rank: 10,
  },
};

export function exchangeSpec(type: ExchangeObjectType): ExchangeObjectSpec {
  return EXCHANGE_OBJECTS[type];
}
