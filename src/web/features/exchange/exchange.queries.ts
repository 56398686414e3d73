import type {
  Conflict,
  Credential,
  CredentialIssue,
  DeadLetter,
  ExchangeLogEntrySchema,
  ExchangeOverview,
  IdMapping,
  IdMappingUpsertSchema,
  IssuedCredential,
  OwnershipRule,
  OwnershipRuleUpsertSchema,
  Partner,
  PartnerCreate,
  PartnerUpdate,
  Subscription,
  SubscriptionCreateSchema,
} from '@shared/contracts/exchange';
import { BUNDLE_EXTENSION, type BundleImportResult } from '@shared/contracts/exchange-bundle';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  API_BASE,
  ApiError,
  apiGet,
  apiPost,
  apiRequest,
  buildQueryString,
  NETWORK_ERROR_MESSAGE,
  toApiError,
} from '@web/api/client';
import type { z } from 'zod';
import { bundleExportQuery, fileNameFromDisposition } from './bundle-format';

export type ExchangeLogEntry = z.infer<typeof ExchangeLogEntrySchema>;
export type SubscriptionCreate = z.input<typeof SubscriptionCreateSchema>;
export type IdMappingInput = z.input<typeof IdMappingUpsertSchema>;
export type OwnershipRuleInput = z.input<typeof OwnershipRuleUpsertSchema>;

/** The parked-event row of `GET /exchange/partners/:id/parked` (declared inline in the route, not in contracts). */
export type ParkedEvent = {
  eventId: string;
  objectType: string;
  objectId: string;
  status: string;
  reason: string | null;
  receivedAt: string;
};

export type PullResult = { pages: number; events: number; counts: Record<string, number>; cursor: number };

export const exchangeKeys = {
  all: ['exchange'] as const,
  overview: ['exchange', 'overview'] as const,
  deadLetters: ['exchange', 'dead-letters'] as const,
  conflicts: (status: 'open' | 'all') => ['exchange', 'conflicts', status] as const,
  idMap: (partnerId: string, unmapped: boolean) => ['exchange', 'id-map', partnerId, unmapped] as const,
  ownership: (partnerId: string) => ['exchange', 'ownership', partnerId] as const,
  parked: (partnerId: string) => ['exchange', 'parked', partnerId] as const,
  log: (partnerId: string | undefined) => ['exchange', 'log', partnerId ?? ''] as const,
};

const partnerPath = (partnerId: string) => `/exchange/partners/${encodeURIComponent(partnerId)}`;

export function useExchangeOverview() {
  return useQuery({
    queryKey: exchangeKeys.overview,
    queryFn: ({ signal }) => apiGet<ExchangeOverview>('/exchange', undefined, signal),
  });
}

export function useDeadLetters() {
  return useQuery({
    queryKey: exchangeKeys.deadLetters,
    queryFn: ({ signal }) => apiGet<{ items: DeadLetter[] }>('/exchange/dead-letters', undefined, signal),
    select: (data) => data.items,
  });
}

export function useConflicts(status: 'open' | 'all') {
  return useQuery({
    queryKey: exchangeKeys.conflicts(status),
    queryFn: ({ signal }) => apiGet<{ items: Conflict[] }>('/exchange/conflicts', { status }, signal),
    select: (data) => data.items,
  });
}

export function useIdMappings(partnerId: string | undefined, unmapped: boolean) {
  return useQuery({
    queryKey: exchangeKeys.idMap(partnerId ?? '', unmapped),
    queryFn: ({ signal }) =>
      apiGet<{ items: IdMapping[] }>(`${partnerPath(partnerId ?? '')}/id-map`, { unmapped }, signal),
    select: (data) => data.items,
    enabled: Boolean(partnerId),
  });
}

export function useOwnershipRules(partnerId: string | undefined) {
  return useQuery({
    queryKey: exchangeKeys.ownership(partnerId ?? ''),
    queryFn: ({ signal }) =>
      apiGet<{ items: OwnershipRule[] }>(`${partnerPath(partnerId ?? '')}/ownership`, {}, signal),
    select: (data) => data.items,
    enabled: Boolean(partnerId),
  });
}

export function useParkedEvents(partnerId: string | undefined) {
  return useQuery({
    queryKey: exchangeKeys.parked(partnerId ?? ''),
    queryFn: ({ signal }) => apiGet<{ items: ParkedEvent[] }>(`${partnerPath(partnerId ?? '')}/parked`, {}, signal),
    select: (data) => data.items,
    enabled: Boolean(partnerId),
  });
}

export function useExchangeLog(partnerId: string | undefined, limit = 200) {
  return useQuery({
    queryKey: exchangeKeys.log(partnerId),
    queryFn: ({ signal }) => apiGet<{ items: ExchangeLogEntry[] }>('/exchange/log', { partnerId, limit }, signal),
    select: (data) => data.items,
  });
}

/** Every exchange mutation can move counts shown on several tabs, so the whole `exchange` cache is refetched. */
function useExchangeMutation<TInput, TOutput>(run: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: exchangeKeys.all });
    },
  });
}

export function useCreatePartner() {
  return useExchangeMutation((input: PartnerCreate) => apiPost<Partner>('/exchange/partners', input));
}

export function useUpdatePartner() {
  return useExchangeMutation(({ partnerId, patch }: { partnerId: string; patch: PartnerUpdate }) =>
    apiRequest<Partner>('PATCH', partnerPath(partnerId), { json: patch }),
  );
}

export function useIssueCredential() {
  return useExchangeMutation(({ partnerId, request }: { partnerId: string; request: Partial<CredentialIssue> }) =>
    apiPost<IssuedCredential>(`${partnerPath(partnerId)}/credentials`, request),
  );
}

export function useRevokeCredential() {
  return useExchangeMutation(({ partnerId, keyId }: { partnerId: string; keyId: string }) =>
    apiPost<Credential>(`${partnerPath(partnerId)}/credentials/${encodeURIComponent(keyId)}/revoke`),
  );
}

export function useCreateSubscription() {
  return useExchangeMutation(({ partnerId, request }: { partnerId: string; request: SubscriptionCreate }) =>
    apiPost<Subscription>(`${partnerPath(partnerId)}/subscriptions`, request),
  );
}

export function useSetSubscriptionStatus() {
  return useExchangeMutation(({ subscriptionId, status }: { subscriptionId: string; status: Subscription['status'] }) =>
    apiRequest<Subscription>('PATCH', `/exchange/subscriptions/${encodeURIComponent(subscriptionId)}`, {
      json: { status },
    }),
  );
}

export function usePullNow() {
  return useExchangeMutation((partnerId: string) => apiPost<PullResult>(`${partnerPath(partnerId)}/pull`));
}

export function useReplayDeadLetters() {
  return useExchangeMutation((selection: { deliveryIds?: number[]; subscriptionId?: string }) =>
    apiPost<{ replayed: number }>('/exchange/dead-letters/replay', selection),
  );
}

export function useResolveConflict() {
  return useExchangeMutation(
    ({ conflictId, resolution }: { conflictId: string; resolution: 'accept-theirs' | 'keep-ours' }) =>
      apiPost<Conflict>(`/exchange/conflicts/${encodeURIComponent(conflictId)}/resolve`, { resolution }),
  );
}

export function useUpsertIdMapping() {
  return useExchangeMutation(({ partnerId, request }: { partnerId: string; request: IdMappingInput }) =>
    apiRequest<{ mapping: IdMapping; retriedApplied: number }>('PUT', `${partnerPath(partnerId)}/id-map`, {
      json: request,
    }),
  );
}

export function useUpsertOwnershipRule() {
  return useExchangeMutation(({ partnerId, request }: { partnerId: string; request: OwnershipRuleInput }) =>
    apiRequest<{ items: OwnershipRule[] }>('PUT', `${partnerPath(partnerId)}/ownership`, { json: request }),
  );
}

export function useRetryParked() {
  return useExchangeMutation((partnerId: string) =>
    apiPost<{ applied: number }>(`${partnerPath(partnerId)}/parked/retry`),
  );
}

export type BundleDownload = { file: Blob; fileName: string; events: number; toSeq: number };

/**
 * Downloads this system's signed bundle of the changes after `after` (a GET: no CSRF token needed). The blob is
 * returned rather than saved here so the page decides when to offer it.
 */
async function fetchBundle({ after, types }: { after: number; types: readonly string[] }): Promise<BundleDownload> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/exchange/bundle${buildQueryString(bundleExportQuery(after, types))}`, {
      method: 'GET',
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE });
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  const fileName = fileNameFromDisposition(
    response.headers.get('content-disposition'),
    `goi-du-lieu${BUNDLE_EXTENSION}`,
  );
  return {
    file: await response.blob(),
    fileName,
    events: Number(response.headers.get('x-tiendo-bundle-events') ?? 0),
    toSeq: Number(response.headers.get('x-tiendo-bundle-to-seq') ?? 0),
  };
}

/** Downloading and checking bundles only add rows to the exchange log; nothing else needs refetching. */
function useBundleMutation<TInput, TOutput>(run: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['exchange', 'log'] });
    },
  });
}

export function useDownloadBundle() {
  return useBundleMutation(fetchBundle);
}

function postBundle(partnerId: string, file: File, dryRun: boolean): Promise<BundleImportResult> {
  const formData = new FormData();
  formData.append('file', file, file.name);
  return apiRequest<BundleImportResult>('POST', `${partnerPath(partnerId)}/bundle`, {
    query: { dryRun },
    formData,
  });
}

/** Checks a partner's bundle without writing anything (the server rolls the import back). */
export function useCheckBundle() {
  return useBundleMutation(({ partnerId, file }: { partnerId: string; file: File }) =>
    postBundle(partnerId, file, true),
  );
}

/** Imports a checked bundle; the whole exchange cache (overview counts, conflicts, parked events) is refetched. */
export function useImportBundle() {
  return useExchangeMutation(({ partnerId, file }: { partnerId: string; file: File }) =>
    postBundle(partnerId, file, false),
  );
}
