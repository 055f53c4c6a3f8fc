// The router's root: what every screen may read from the router context (queries, tRPC, who is signed in).
import type { PorticoTRPC, RouterOutputs } from '@portico/api-client';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, redirect } from '@tanstack/react-router';
import type { DesktopBridge } from '../../../shared/bridge';
import { AppShell } from './app-shell';

export type DesktopRouterContext = {
  queryClient: QueryClient;
  trpc: PorticoTRPC;
  bridge: DesktopBridge;
  me: RouterOutputs['auth']['me'];
  signOut: () => Promise<void>;
};

export const rootRoute = createRootRouteWithContext<DesktopRouterContext>()({
  component: AppShell,
});

/** `#/` opens the task list, the screen a dispatcher starts the day on. */
export const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/tasks' });
  },
});
