// The tRPC client every front end talks to the server through: one batched HTTP link, the wire transformer (dates survive), bearer auth.
import type { AppRouter } from '@portico/api';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import { wireTransformer } from '@portico/validators/wire';

export type PorticoClient = TRPCClient<AppRouter>;

type MaybePromise<T> = T | Promise<T>;

export type PorticoClientOptions = {
  /** The tRPC endpoint, e.g. `/trpc` (same origin) or `https://portico.example.com/trpc`. */
  url: string;
  /**
   * The session token to send as `Authorization: Bearer` (desktop). Read before every request, so a
   * sign-in or sign-out takes effect at once. The portal leaves it out: its session rides in a cookie.
   */
  getToken?: () => MaybePromise<string | null | undefined>;
  /** Replaces the global fetch (tests, or a fetch bound to another realm). */
  fetch?: typeof fetch;
};

export function createPorticoClient(options: PorticoClientOptions): PorticoClient {
  const { getToken } = options;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: options.url,
        transformer: wireTransformer,
        // Keeps batched GET URLs well under common proxy limits; longer batches are split.
        maxURLLength: 4000,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        async headers() {
          const token = getToken ? await getToken() : null;
          return token ? { Authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}
