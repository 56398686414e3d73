import type { AgencyDetail, AgencyListResponse } from '@shared/contracts/agencies';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, type QueryValue } from '@web/api/client';

export const agencyKeys = {
  all: ['agencies'] as const,
  list: (query: Record<string, QueryValue>) => ['agencies', 'list', query] as const,
  detail: (agencyId: string) => ['agencies', 'detail', agencyId] as const,
};

/** One page of the agency register (search by any name, without diacritics, happens on the server). */
export function useAgencyList(query: Record<string, QueryValue> = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: agencyKeys.list(query),
    queryFn: ({ signal }) => apiGet<AgencyListResponse>('/agencies', query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useAgency(agencyId: string | undefined) {
  return useQuery({
    queryKey: agencyKeys.detail(agencyId ?? ''),
    queryFn: ({ signal }) => apiGet<AgencyDetail>(`/agencies/${encodeURIComponent(agencyId ?? '')}`, undefined, signal),
    enabled: Boolean(agencyId),
  });
}
