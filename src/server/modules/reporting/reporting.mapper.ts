import type { reportEvents } from '@server/db/schema/index';
import type {
  Evidence,
  EvidenceFileType,
  ProgressReport,
  ProgressState,
  WorkflowStatus,
} from '@shared/contracts/reporting';
import type { EvidenceRow, ReportListRow } from './reporting.repo';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toEvidenceDto(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    kind: row.kind as Evidence['kind'],
    fileName: row.fileName,
    mediaType: row.mediaType,
    detectedType: (row.detectedType as EvidenceFileType | null) ?? null,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    url: row.url,
    referenceText: row.referenceText,
    createdAt: iso(row.createdAt) as string,
  };
}

export function toReportDto(
  row: ReportListRow,
  evidence: EvidenceRow[],
  events: (typeof reportEvents.$inferSelect)[],
  enteredIn: ProgressReport['enteredIn'] = null,
): ProgressReport {
  return {
    id: row.id,
    assignmentId: row.assignmentId,
    taskId: row.taskId,
    taskText: row.taskText,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    role: row.role === 'lead' ? 'lead' : 'coordinator',
    period: row.period,
    version: row.version,
    supersedesId: row.supersedesId,
    state: row.state as ProgressState,
    narrative: row.narrative,
    completedOn: row.completedOn,
    product: row.product,
    citedReportIds: row.citedReportIds,
    workflowStatus: row.workflowStatus as WorkflowStatus,
    returnedBy: (row.returnedBy as ProgressReport['returnedBy']) ?? null,
    returnReason: row.returnReason,
    submittedAt: iso(row.submittedAt),
    leaderApprovedAt: iso(row.leaderApprovedAt),
    acceptedAt: iso(row.acceptedAt),
    rowVersion: row.rowVersion,
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
    enteredIn,
    evidence: evidence.filter((e) => e.reportId === row.id).map(toEvidenceDto),
    events: events
      .filter((e) => e.reportId === row.id)
      .map((e) => ({
        action: e.action,
        fromStatus: (e.fromStatus as WorkflowStatus | null) ?? null,
        toStatus: e.toStatus as WorkflowStatus,
        actorUserId: e.actorUserId,
        actorAgencyId: e.actorAgencyId,
        reason: e.reason,
        at: iso(e.at) as string,
      })),
  };
}
