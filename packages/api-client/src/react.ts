// React wiring: the tRPC + TanStack Query context, hooks, and an options proxy for route loaders.
import type { AppRouter } from '@portico/api';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCContext, createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { createElement, type ReactNode } from 'react';
import type { PorticoClient } from './client';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type PorticoTRPC = TRPCOptionsProxy<AppRouter>;

/** For code outside React (route loaders): `queryClient.ensureQueryData(trpc.x.queryOptions(input))`. */
export function createPorticoOptionsProxy(client: PorticoClient, queryClient: QueryClient): PorticoTRPC {
  return createTRPCOptionsProxy<AppRouter>({ client, queryClient });
}

export type PorticoQueryProviderProps = {
  client: PorticoClient;
  queryClient: QueryClient;
  children?: ReactNode;
};

/** Provides TanStack Query and tRPC to everything below it; `useTRPC()` then gives typed query options. */
export function PorticoQueryProvider({
  client,
  queryClient,
  children,
}: PorticoQueryProviderProps): ReactNode {
  // createElement rather than JSX keeps this package free of a JSX compiler setting.
  return createElement(QueryClientProvider, {
    client: queryClient,
    children: createElement(TRPCProvider, { trpcClient: client, queryClient, children }),
  });
}
