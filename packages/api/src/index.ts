// Public surface of @portico/api: the router, its type, the context and error helpers.
export { appRouter, createCaller, type AppRouter } from './root';
export type { ApiContext, CreateContextDeps, RequestMeta } from './context';
export { toTRPCError, type ErrorData } from './trpc';
