import type { FeedbackCreate, FeedbackItem } from '@shared/contracts/feedback';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiUpload } from '@web/api/client';

export const feedbackKeys = {
  all: ['feedback'] as const,
  list: (overdue: boolean) => ['feedback', 'list', overdue] as const,
};

export function useFeedbackList(overdue: boolean) {
  return useQuery({
    queryKey: feedbackKeys.list(overdue),
    queryFn: ({ signal }) =>
      apiGet<{ items: FeedbackItem[] }>('/feedback', overdue ? { overdue: 'true' } : undefined, signal),
  });
}

function useInvalidating<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: feedbackKeys.all });
    },
  });
}

export function useSubmitFeedback() {
  return useInvalidating((request: FeedbackCreate) => apiPost<FeedbackItem>('/feedback', request));
}

export function useUploadFeedbackAttachment() {
  return useMutation({
    mutationFn: (file: Blob & { name?: string }) =>
      apiUpload<FeedbackCreate['attachments'][number]>('/feedback/attachments', file),
  });
}

export function useRouteFeedback() {
  return useInvalidating(({ id, agencyId, dueOn }: { id: string; agencyId: string; dueOn: string }) =>
    apiPost<FeedbackItem>(`/feedback/${encodeURIComponent(id)}/route`, { agencyId, dueOn }),
  );
}

export function useAnswerFeedback() {
  return useInvalidating(({ id, text }: { id: string; text: string }) =>
    apiPost<FeedbackItem>(`/feedback/${encodeURIComponent(id)}/answer`, { text }),
  );
}
