// The portal's router: file routes under /p, with the Query client and tRPC proxy in every loader's context.
import { createPorticoOptionsProxy, type PorticoClient, type PorticoTRPC } from '@portico/api-client';
import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { RouteError, RoutePending, NotFound } from './components/route-states';
import { routeTree } from './routeTree.gen';

export type RouterContext = {
  queryClient: QueryClient;
  trpc: PorticoTRPC;
};

export function createPortalRouter({
  client,
  queryClient,
}: {
  client: PorticoClient;
  queryClient: QueryClient;
}) {
  return createRouter({
    routeTree,
    basepath: '/p',
    context: { queryClient, trpc: createPorticoOptionsProxy(client, queryClient) },
    // Loaders read through the Query cache, which owns freshness; the router should not cache a second time.
    defaultPreloadStaleTime: 0,
    defaultPreload: 'intent',
    // A quick load shows nothing; a slow one shows the pending screen for long enough not to flash.
    defaultPendingMs: 300,
    defaultPendingMinMs: 400,
    defaultPendingComponent: RoutePending,
    defaultErrorComponent: RouteError,
    defaultNotFoundComponent: NotFound,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createPortalRouter>;
  }
}
