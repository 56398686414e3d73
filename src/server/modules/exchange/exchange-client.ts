import type { ChangeFeedPage, EventBatch, EventBatchResult } from '@shared/contracts/exchange';
import { signRequest } from './request-signing';

/**
 * A partner's exchange API as seen from here: every call signed with the key the partner issued to us. `signal`
 * aborts calls in flight (the server is shutting down).
 */
export type PartnerEndpoint = { baseUrl: string; apiKey: string; signal?: AbortSignal | undefined };

export class PartnerCallError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 30_000;

async function signedFetch(
  endpoint: PartnerEndpoint,
  method: 'GET' | 'POST',
  pathWithQuery: string,
  body: string | null,
  now: () => Date,
): Promise<Response> {
  const url = new URL(endpoint.baseUrl.replace(/\/+$/, '') + pathWithQuery);
  const signed = signRequest(
    endpoint.apiKey,
    { method, pathWithQuery: url.pathname + url.search, body: body ?? '' },
    now(),
  );
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { ...signed, ...(body !== null ? { 'content-type': 'application/json' } : {}) },
      ...(body !== null ? { body } : {}),
      signal: endpoint.signal
        ? AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), endpoint.signal])
        : AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new PartnerCallError(
      `${cause?.code ?? (error as Error).name}: ${cause?.message ?? (error as Error).message}`,
      null,
    );
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new PartnerCallError(`HTTP ${response.status}: ${text.slice(0, 300)}`, response.status);
  }
  return response;
}

export function createPartnerClient(endpoint: PartnerEndpoint, now: () => Date = () => new Date()) {
  return {
    async pushEvents(batch: EventBatch): Promise<EventBatchResult> {
      const response = await signedFetch(endpoint, 'POST', '/events', JSON.stringify(batch), now);
      return (await response.json()) as EventBatchResult;
    },
    async readFeed(after: number, limit: number): Promise<ChangeFeedPage> {
      const response = await signedFetch(endpoint, 'GET', `/changes?after=${after}&limit=${limit}`, null, now);
      return (await response.json()) as ChangeFeedPage;
    },
    async fetchFile(sha256: string): Promise<Buffer> {
      const response = await signedFetch(endpoint, 'GET', `/files/${sha256}`, null, now);
      return Buffer.from(await response.arrayBuffer());
    },
    async subscribe(url: string, from: 'beginning' | 'now'): Promise<{ id: string }> {
      const response = await signedFetch(endpoint, 'POST', '/subscriptions', JSON.stringify({ url, from }), now);
      return (await response.json()) as { id: string };
    },
  };
}

export type PartnerClient = ReturnType<typeof createPartnerClient>;
