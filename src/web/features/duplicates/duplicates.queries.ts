import type {
  CandidateStatus,
  DecisionRequest,
  DraftCheckReport,
  DuplicateCandidate,
  DuplicateCandidateDetail,
  ExportFormat,
  TaskDuplicates,
} from '@shared/contracts/duplicates';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, apiGet, apiPost, apiUpload } from '@web/api/client';

export const duplicateKeys = {
  all: ['duplicates'] as const,
  candidates: (status: CandidateStatus, page: number) => ['duplicates', 'candidates', status, page] as const,
  task: (taskId: string) => ['duplicates', 'task', taskId] as const,
};

export type CandidatePage = { items: DuplicateCandidate[]; total: number; page: number; pageSize: number };

export function useCandidates(status: CandidateStatus, page: number, pageSize = 20) {
  return useQuery({
    queryKey: duplicateKeys.candidates(status, page),
    queryFn: ({ signal }) => apiGet<CandidatePage>('/duplicates/candidates', { status, page, pageSize }, signal),
  });
}

export function useTaskDuplicates(taskId: string | undefined) {
  return useQuery({
    queryKey: duplicateKeys.task(taskId ?? ''),
    queryFn: ({ signal }) =>
      apiGet<TaskDuplicates>(`/tasks/${encodeURIComponent(taskId ?? '')}/duplicates`, undefined, signal),
    enabled: Boolean(taskId),
  });
}

/** Records a decision; the queue and the tasks' links are refetched. */
export function useDecideCandidate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: DecisionRequest }) =>
      apiPost<DuplicateCandidateDetail>(`/duplicates/candidates/${encodeURIComponent(id)}/decision`, request),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: duplicateKeys.all });
    },
  });
}

export function useScanDirective() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (directiveId: string) => apiPost<{ newCandidates: number }>('/duplicates/scan', { directiveId }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: duplicateKeys.all });
    },
  });
}

export function useCheckDraft() {
  return useMutation({
    mutationFn: (file: File) => apiUpload<DraftCheckReport>('/duplicates/check', file),
  });
}

/** Link to download a kept "check draft" report (the browser sends the session cookie). */
export function draftCheckExportUrl(uploadId: string, format: ExportFormat): string {
  return `${API_BASE}/duplicates/check/${encodeURIComponent(uploadId)}/export?format=${format}`;
}
