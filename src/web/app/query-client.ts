import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@web/api/client';

/** Retrying a 4xx cannot help (bad filter, missing object); network blips and 5xx get one more try. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    return false;
  }
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 30_000,
        // Officials leave the tab open for hours; refetching on every focus would hammer old machines.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
