// Builds the Fastify server (not listening): tRPC at /trpc, health, security hooks, the built portal.
import { appRouter, type ApiContext } from '@portico/api';
import type { Clock } from '@portico/core';
import type { Db } from '@portico/db';
import type { JobSystem } from '@portico/jobs';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppRouter } from '@portico/api';

export type BuildServerOptions = {
  db: Db;
  /** Runs `select 1` style checks; the database's liveness for /health. */
  checkDatabase: () => Promise<boolean>;
  jobs: JobSystem | null;
  clock: Clock;
  publicOrigin: string;
  trustedOrigins?: string[];
  logger?: boolean | object;
  trustProxy?: boolean;
};

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { maxParamLength: 5000 },
    trustProxy: options.trustProxy ?? false,
  });

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }): ApiContext => {
        const auth = req.headers.authorization;
        return {
          db: options.db,
          clock: options.clock,
          boss: options.jobs?.boss ?? null,
          sessionToken: auth?.startsWith('Bearer ') ? auth.slice(7) : null,
          request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
          publicOrigin: options.publicOrigin,
        };
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  app.get('/health', async (_req, reply) => {
    const database = (await options.checkDatabase()) ? 'ok' : 'error';
    const jobs = options.jobs ? await options.jobs.check() : 'error';
    const ok = database === 'ok' && jobs === 'ok';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'error', database, jobs });
  });

  return app;
}
