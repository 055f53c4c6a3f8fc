// The tRPC client every front end talks to the server through: queries and mutations over one batched HTTP link,
// subscriptions over server-sent events, both with the wire transformer (dates survive) and bearer auth.
import type { AppRouter } from '@portico/api';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import { wireTransformer } from '@portico/validators/wire';
import { EventSource, type FetchLike } from 'eventsource';

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
  const authorization = async (): Promise<Record<string, string>> => {
    const token = getToken ? await getToken() : null;
    return token ? { Authorization: `Bearer ${token}` } : {};
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // The browser's EventSource cannot send headers, and a token in the URL (tRPC's connectionParams)
        // would end up in access logs. The `eventsource` package is the same EventSource over fetch, so the
        // stream carries the bearer header like every other request; the token is read again on each
        // (re)connect.
        true: httpSubscriptionLink({
          url: options.url,
          transformer: wireTransformer,
          EventSource,
          eventSourceOptions: async () => {
            const headers = await authorization();
            const baseFetch = options.fetch ?? globalThis.fetch;
            const withAuthorization: FetchLike = (url, init) =>
              baseFetch(url, { ...init, headers: { ...init.headers, ...headers } });
            return { fetch: withAuthorization };
          },
        }),
        false: httpBatchLink({
          url: options.url,
          transformer: wireTransformer,
          // Keeps batched GET URLs well under common proxy limits; longer batches are split.
          maxURLLength: 4000,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          headers: authorization,
        }),
      }),
    ],
  });
}
