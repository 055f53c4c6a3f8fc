// Owns serving the one tRPC router at /trpc: the per-request context and logging of server-side failures.
import { appRouter, type ApiContext, type AppRouter } from '@portico/api';
import type { Clock } from '@portico/core';
import type { Db } from '@portico/db';
import type { JobSystem } from '@portico/jobs';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyPluginAsync } from 'fastify';
import { readSessionToken, sessionCookieName } from '../session-cookie';

export type TrpcPluginOptions = {
  db: Db;
  clock: Clock;
  jobs: JobSystem | null;
  publicOrigin: string;
};

export const trpcPlugin: FastifyPluginAsync<TrpcPluginOptions> = async (app, options) => {
  const cookieName = sessionCookieName(options.publicOrigin);
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }): ApiContext => ({
        db: options.db,
        clock: options.clock,
        boss: options.jobs?.boss ?? null,
        sessionToken: readSessionToken(req, cookieName),
        request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
        publicOrigin: options.publicOrigin,
      }),
      // 4xx answers are the caller's business and already typed; only our own failures are worth a log line.
      onError: ({ error, path, req }) => {
        if (error.code !== 'INTERNAL_SERVER_ERROR') return;
        req.log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
};
