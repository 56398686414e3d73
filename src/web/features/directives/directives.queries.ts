import type { DirectiveDetail, DirectiveSummary } from '@shared/contracts/directives';
import { useQuery } from '@tanstack/react-query';
import { apiGet, type QueryValue } from '@web/api/client';

export const directiveKeys = {
  all: ['directives'] as const,
  list: (query: Record<string, QueryValue>) => ['directives', 'list', query] as const,
  detail: (directiveId: string) => ['directives', 'detail', directiveId] as const,
};

export function useDirectiveList(query: Record<string, QueryValue> = {}) {
  return useQuery({
    queryKey: directiveKeys.list(query),
    queryFn: ({ signal }) => apiGet<{ items: DirectiveSummary[] }>('/directives', query, signal),
    select: (data) => data.items,
  });
}

export function useDirective(directiveId: string | undefined) {
  return useQuery({
    queryKey: directiveKeys.detail(directiveId ?? ''),
    queryFn: ({ signal }) =>
      apiGet<DirectiveDetail>(`/directives/${encodeURIComponent(directiveId ?? '')}`, undefined, signal),
    enabled: Boolean(directiveId),
  });
}
