import type {
  AgencySeries,
  AgencyTarget,
  EvaluationResponse,
  Indicator,
  IndicatorValue,
  TargetChangeRequest,
  TargetRegister,
  ValueEntry,
} from '@shared/contracts/indicators';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '@web/api/client';

export const indicatorKeys = {
  all: ['indicators'] as const,
  catalogue: ['indicators', 'catalogue'] as const,
  evaluation: (query: EvaluationParams) => ['indicators', 'evaluation', query] as const,
  series: (agencyId: string, year: number, code: string) => ['indicators', 'series', agencyId, year, code] as const,
};

export type EvaluationParams = { period: string; indicator: string; rollUp: boolean };

export function useIndicatorCatalogue() {
  return useQuery({
    queryKey: indicatorKeys.catalogue,
    queryFn: ({ signal }) => apiGet<{ items: Indicator[] }>('/indicators', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** The evaluation of several periods at once (the months of a Phụ lục 03 table), one request per period. */
export function useEvaluations(periods: string[], indicator: string | undefined, rollUp: boolean) {
  return useQueries({
    queries: periods.map((period) => {
      const params: EvaluationParams = { period, indicator: indicator ?? '', rollUp };
      return {
        queryKey: indicatorKeys.evaluation(params),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          apiGet<EvaluationResponse>('/indicator-evaluation', { period, indicator, rollUp }, signal),
        enabled: Boolean(indicator),
        placeholderData: keepPreviousData,
      };
    }),
  });
}

export function useAgencySeries(agencyId: string | undefined, year: number, code: string | undefined) {
  return useQuery({
    queryKey: indicatorKeys.series(agencyId ?? '', year, code ?? ''),
    queryFn: ({ signal }) =>
      apiGet<AgencySeries>(
        `/indicator-evaluation/agencies/${encodeURIComponent(agencyId ?? '')}`,
        { year, indicator: code },
        signal,
      ),
    enabled: Boolean(agencyId && code),
  });
}

function useIndicatorMutation<TInput, TOutput>(post: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: post,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
}

export function useEnterValue(code: string) {
  return useIndicatorMutation((input: ValueEntry) =>
    apiPost<IndicatorValue>(`/indicators/${encodeURIComponent(code)}/values`, input),
  );
}

export function useRegisterTarget(code: string) {
  return useIndicatorMutation((input: TargetRegister) =>
    apiPost<AgencyTarget>(`/indicators/${encodeURIComponent(code)}/targets`, input),
  );
}

export function useRequestTargetChange(code: string) {
  return useIndicatorMutation((input: TargetChangeRequest) =>
    apiPost<AgencyTarget>(`/indicators/${encodeURIComponent(code)}/target-changes`, input),
  );
}
