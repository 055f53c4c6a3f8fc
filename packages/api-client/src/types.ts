// Input and output types of every procedure, for components that pass tRPC data around.
import type { AppRouter } from '@portico/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
