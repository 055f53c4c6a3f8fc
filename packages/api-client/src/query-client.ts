// The TanStack Query client both front ends start from, with Portico's retry and freshness defaults.
import { QueryClient } from '@tanstack/react-query';
import { isClientFault } from './errors';

const MAX_QUERY_RETRIES = 2;

/** Retries network failures and 5xx answers a couple of times; never a 4xx, whose answer will not change. */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_QUERY_RETRIES && !isClientFault(error);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetryQuery,
        // Appointment data changes on the scale of minutes; this avoids a refetch storm on every mount.
        staleTime: 30_000,
      },
      // A mutation is not known to be safe to repeat (the server may have applied it), so never retry blindly.
      mutations: { retry: false },
    },
  });
}
