import type {
  Dashboard,
  DashboardQuery,
  Drill,
  ReportJob,
  Snapshot,
  SnapshotComparison,
} from '@shared/contracts/reports';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '@web/api/client';
import { buildHref } from '@web/app/router';

export const reportKeys = {
  snapshots: ['snapshots'] as const,
  compare: (from: string, to: string) => ['snapshots', 'compare', from, to] as const,
  jobs: ['report-jobs'] as const,
  job: (id: string) => ['report-jobs', id] as const,
  dashboard: (q: Partial<DashboardQuery>) => ['dashboard', q] as const,
};

export function useSnapshots() {
  return useQuery({
    queryKey: reportKeys.snapshots,
    queryFn: ({ signal }) => apiGet<{ items: Snapshot[] }>('/snapshots', undefined, signal),
  });
}

export function useCreateSnapshot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { asOf: string; label?: string }) => apiPost<Snapshot>('/snapshots', input),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.snapshots }),
  });
}

export function useSnapshotComparison(from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: reportKeys.compare(from ?? '', to ?? ''),
    queryFn: ({ signal }) => apiGet<SnapshotComparison>('/snapshots/compare', { from, to }, signal),
    enabled: !!from && !!to && from !== to,
  });
}

export function useReportJobs() {
  return useQuery({
    queryKey: reportKeys.jobs,
    queryFn: ({ signal }) => apiGet<{ items: ReportJob[] }>('/report-jobs', undefined, signal),
    // Poll while a job is still running.
    refetchInterval: (query) =>
      query.state.data?.items.some((j) => j.status === 'queued' || j.status === 'running') ? 1500 : false,
  });
}

export function useStartReportJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      kind: 'monthly' | 'agency' | 'directive';
      asOf?: string;
      snapshotId?: string;
      agencyId?: string;
      directiveId?: string;
    }) => apiPost<{ jobId: string }>('/report-jobs', input),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.jobs }),
  });
}

export function useDashboard(query: Partial<DashboardQuery>) {
  return useQuery({
    queryKey: reportKeys.dashboard(query),
    queryFn: ({ signal }) => apiGet<Dashboard>('/dashboard', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The page that lists the tasks behind a dashboard number. */
export function drillHref(drill: Drill): string {
  if (drill.dueFrom || drill.dueTo) {
    return buildHref('/tasks', { dueFrom: drill.dueFrom, dueTo: drill.dueTo, directiveId: drill.directiveId });
  }
  return buildHref('/status', {
    asOf: drill.asOf,
    category: drill.category,
    directiveId: drill.directiveId,
    ...(drill.agencyId ? { by: 'agency', group: drill.agencyId } : {}),
  });
}
