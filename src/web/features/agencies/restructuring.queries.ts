import type {
  RestructuringApplyResponse,
  RestructuringCreate,
  RestructuringEvent,
  RestructuringInput,
  RestructuringListResponse,
  RestructuringPreview,
  RestructuringReverse,
} from '@shared/contracts/restructuring';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiRequest } from '@web/api/client';

export const restructuringKeys = {
  all: ['agencies', 'restructurings'] as const,
  list: (agencyId: string | undefined) => ['agencies', 'restructurings', 'list', agencyId ?? ''] as const,
};

/** Recorded restructuring events, newest first; with an agency, the events that name it. */
export function useRestructurings(agencyId?: string) {
  return useQuery({
    queryKey: restructuringKeys.list(agencyId),
    queryFn: ({ signal }) =>
      apiGet<RestructuringListResponse>('/agencies/restructurings', agencyId ? { agencyId } : undefined, signal),
  });
}

/** What applying an event would move (nothing is written). */
export function usePreviewRestructuring() {
  return useMutation({
    mutationFn: (input: RestructuringInput) => apiPost<RestructuringPreview>('/agencies/restructurings/preview', input),
  });
}

/** An applied or reversed event changes agencies, assignments and accounts: everything agency-shaped is refetched. */
function useInvalidateAfterChange() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      ['agencies', 'tasks', 'dashboard', 'users'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
    );
  };
}

export function useCreateRestructuring() {
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: (input: RestructuringCreate) => apiPost<RestructuringApplyResponse>('/agencies/restructurings', input),
    onSuccess: invalidate,
  });
}

export function useApplyRestructuring() {
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: (eventId: string) =>
      apiPost<RestructuringApplyResponse>(`/agencies/restructurings/${encodeURIComponent(eventId)}/apply`),
    onSuccess: invalidate,
  });
}

export function useDiscardRestructuring() {
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: (eventId: string) =>
      apiRequest<RestructuringEvent>('DELETE', `/agencies/restructurings/${encodeURIComponent(eventId)}`),
    onSuccess: invalidate,
  });
}

export function useReverseRestructuring() {
  const invalidate = useInvalidateAfterChange();
  return useMutation({
    mutationFn: ({ eventId, body }: { eventId: string; body: RestructuringReverse }) =>
      apiPost<RestructuringApplyResponse>(`/agencies/restructurings/${encodeURIComponent(eventId)}/reverse`, body),
    onSuccess: invalidate,
  });
}
