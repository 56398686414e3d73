import type { DraftSave, Evidence, Notification, Obligations, ProgressReport } from '@shared/contracts/reporting';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiRequest, apiUpload, type QueryValue } from '@web/api/client';

export const reportingKeys = {
  all: ['reporting'] as const,
  obligations: (period: string) => ['reporting', 'obligations', period] as const,
  reports: (query: Record<string, QueryValue>) => ['reporting', 'reports', query] as const,
  report: (id: string) => ['reporting', 'report', id] as const,
  notifications: ['notifications'] as const,
};

/** "What I owe this month": the agency's open assignments for a period and the state of their reports. */
export function useObligations(period: string) {
  return useQuery({
    queryKey: reportingKeys.obligations(period),
    queryFn: ({ signal }) => apiGet<Obligations>('/reporting/my-obligations', { period }, signal),
  });
}

export function useReports(query: Record<string, QueryValue>, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: reportingKeys.reports(query),
    queryFn: ({ signal }) => apiGet<ProgressReport[]>('/reports', query, signal),
    enabled: options.enabled ?? true,
  });
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: reportingKeys.report(id ?? ''),
    queryFn: ({ signal }) => apiGet<ProgressReport>(`/reports/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Every write invalidates the reporting views (obligations, lists, the report) and the status counts. */
function useReportingMutation<TInput, TOutput>(fn: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: reportingKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['status'] }),
        queryClient.invalidateQueries({ queryKey: reportingKeys.notifications }),
      ]);
    },
  });
}

export function useSaveDraft() {
  return useReportingMutation((input: DraftSave) => apiPost<ProgressReport>('/reports', input));
}

export type ReportStep = 'submit' | 'approve' | 'accept';

export function useReportStep() {
  return useReportingMutation((input: { id: string; step: ReportStep; rowVersion: number }) =>
    apiPost<ProgressReport>(`/reports/${encodeURIComponent(input.id)}/${input.step}`, { rowVersion: input.rowVersion }),
  );
}

export function useReturnReport() {
  return useReportingMutation((input: { id: string; rowVersion: number; reason: string }) =>
    apiPost<ProgressReport>(`/reports/${encodeURIComponent(input.id)}/return`, {
      rowVersion: input.rowVersion,
      reason: input.reason,
    }),
  );
}

export function useUploadEvidence() {
  return useReportingMutation((input: { reportId: string; file: File }) =>
    apiUpload<Evidence>(`/reports/${encodeURIComponent(input.reportId)}/evidence`, input.file),
  );
}

export function useAddEvidenceReference() {
  return useReportingMutation(
    (input: { reportId: string; kind: 'link' | 'document'; url?: string; referenceText?: string }) =>
      apiPost<Evidence>(`/reports/${encodeURIComponent(input.reportId)}/evidence/references`, {
        kind: input.kind,
        ...(input.url ? { url: input.url } : {}),
        ...(input.referenceText ? { referenceText: input.referenceText } : {}),
      }),
  );
}

export function useRemoveEvidence() {
  return useReportingMutation((evidenceId: string) =>
    apiRequest<void>('DELETE', `/evidence/${encodeURIComponent(evidenceId)}`),
  );
}

/** Download link of an evidence file (the browser sends the session cookie). */
export function evidenceDownloadUrl(evidenceId: string): string {
  return `/api/v1/evidence/${encodeURIComponent(evidenceId)}/download`;
}

export function useNotifications(options: { unreadOnly?: boolean } = {}) {
  return useQuery({
    queryKey: [...reportingKeys.notifications, options.unreadOnly ?? false],
    queryFn: ({ signal }) =>
      apiGet<{ items: Notification[]; unread: number }>(
        '/notifications',
        { unreadOnly: options.unreadOnly ? 'true' : undefined },
        signal,
      ),
    refetchInterval: 60_000,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | null) => apiPost<{ updated: number }>('/notifications/read', ids ? { ids } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportingKeys.notifications }),
  });
}
