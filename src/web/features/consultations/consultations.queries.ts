import type {
  CommentView,
  ConsultationAttachment,
  ConsultationDetail,
  DrafterAnswer,
  ResponseInput,
  SendForComment,
} from '@shared/contracts/consultation-workflow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, apiGet, apiPost, apiUpload } from '@web/api/client';

export const consultationKeys = {
  all: ['consultations'] as const,
  list: () => ['consultations', 'list'] as const,
  detail: (id: string) => ['consultations', 'detail', id] as const,
};

export type ConsultationListItem = Pick<
  ConsultationDetail,
  'id' | 'key' | 'directiveId' | 'title' | 'status' | 'deadline'
>;

export function useConsultations() {
  return useQuery({
    queryKey: consultationKeys.list(),
    queryFn: ({ signal }) => apiGet<{ items: ConsultationListItem[] }>('/consultations', undefined, signal),
  });
}

export function useConsultation(id: string | undefined) {
  return useQuery({
    queryKey: consultationKeys.detail(id ?? ''),
    queryFn: ({ signal }) =>
      apiGet<ConsultationDetail>(`/consultations/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

function useInvalidating<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: consultationKeys.all });
    },
  });
}

export function useMarkDraft() {
  return useInvalidating((directiveId: string) =>
    apiPost<{ id: string; status: string }>(`/directives/${encodeURIComponent(directiveId)}/draft`),
  );
}

export function useSendForComment() {
  return useInvalidating(({ directiveId, request }: { directiveId: string; request: SendForComment }) =>
    apiPost<ConsultationDetail>(`/directives/${encodeURIComponent(directiveId)}/consultation`, request),
  );
}

export function useSubmitResponse(id: string) {
  return useInvalidating((request: ResponseInput) =>
    apiPost<ConsultationDetail>(`/consultations/${encodeURIComponent(id)}/responses`, request),
  );
}

export function useUploadAttachment(id: string) {
  return useMutation({
    mutationFn: (file: Blob & { name?: string }) =>
      apiUpload<ConsultationAttachment>(`/consultations/${encodeURIComponent(id)}/attachments`, file),
  });
}

export function useAnswerComment() {
  return useInvalidating(({ commentId, answer }: { commentId: string; answer: DrafterAnswer }) =>
    apiPost<CommentView>(`/consultations/comments/${encodeURIComponent(commentId)}/answer`, answer),
  );
}

export function useApplyProposal() {
  return useInvalidating((commentId: string) =>
    apiPost<CommentView>(`/consultations/comments/${encodeURIComponent(commentId)}/apply`),
  );
}

export function useRemindLate(id: string) {
  return useInvalidating(() =>
    apiPost<{ reminded: number; agencies: string[] }>(`/consultations/${encodeURIComponent(id)}/reminders`),
  );
}

export function useIssueDraft(id: string) {
  return useInvalidating(() => apiPost<ConsultationDetail>(`/consultations/${encodeURIComponent(id)}/issue`));
}

export function synthesisUrl(id: string, format: 'docx' | 'xlsx'): string {
  return `${API_BASE}/consultations/${encodeURIComponent(id)}/synthesis?format=${format}`;
}
