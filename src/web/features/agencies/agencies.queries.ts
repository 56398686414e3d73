import type { AgencySummary } from '@shared/contracts/agencies';
import { useQuery } from '@tanstack/react-query';
import { apiGet, type QueryValue } from '@web/api/client';

export const agencyKeys = {
  all: ['agencies'] as const,
  list: (query: Record<string, QueryValue>) => ['agencies', 'list', query] as const,
};

export function useAgencyList(query: Record<string, QueryValue> = {}) {
  return useQuery({
    queryKey: agencyKeys.list(query),
    queryFn: ({ signal }) => apiGet<{ items: AgencySummary[] }>('/agencies', query, signal),
    select: (data) => data.items,
  });
}

/** Agencies that have at least one assignment: the choices of the task-register agency filter. */
export function useAssignedAgencies() {
  return useAgencyList({ assignedOnly: true });
}
