// Builds the Fastify server (not listening): tRPC at /trpc, health, security hooks, the built portal.
import cookie from '@fastify/cookie';
import type { Clock } from '@portico/core';
import type { Db } from '@portico/db';
import type { JobSystem } from '@portico/jobs';
import { sql } from 'drizzle-orm';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { randomUUID } from 'node:crypto';
import { redactUrl } from './logger';
import { calendarPlugin } from './plugins/calendar';
import { installErrorHandlers } from './plugins/errors';
import { filesPlugin } from './plugins/files';
import { healthPlugin } from './plugins/health';
import { devOutboxPlugin } from './plugins/dev-outbox';
import { defaultPortalDist, portalPlugin } from './plugins/portal';
import { requestGuardPlugin } from './plugins/request-guard';
import { securityHeadersPlugin } from './plugins/security-headers';
import { trpcPlugin } from './plugins/trpc';

export type BuildServerOptions = {
  db: Db;
  /** The database's liveness for /health; defaults to `select 1` through `db`. */
  checkDatabase?: () => Promise<boolean>;
  /** null where no job system runs (some tests): /health then reports jobs as failing. */
  jobs: JobSystem | null;
  clock: Clock;
  /** The origin the portal is served from; links and the CSRF rule are built from it. */
  publicOrigin: string;
  /** Other origins whose pages may call mutations (and get CORS, bearer only). */
  trustedOrigins?: string[];
  /** false: silent (tests); true or pino options: Fastify's own pino; a pino logger: used as is. */
  logger?: boolean | FastifyBaseLogger | Record<string, unknown>;
  /** Set behind a load balancer so req.ip (rate limits, sessions) is the client's, not the balancer's. */
  trustProxy?: boolean;
  /** Folder of the built portal; default apps/portal/dist; null answers 503 at /p/. */
  portalDist?: string | null;
  /** Per-check bound for /health (milliseconds). */
  healthTimeoutMs?: number;
  /** NODE_ENV; the development outbox pages (/dev/outbox) exist only in 'development'. */
  nodeEnv?: 'development' | 'production' | 'test';
};

/**
 * Deliberate limits: Fastify's timeouts default to 0 (never), which lets a slow client hold a socket
 * forever. keepAliveTimeout sits above the usual load-balancer idle timeout (60 s) so the balancer, not
 * us, closes idle connections and never reuses one we are closing.
 */
export const serverLimits = {
  bodyLimit: 1024 * 1024,
  connectionTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 72_000,
  maxRequestsPerSocket: 1000,
} as const;

/** One line per request, with the fields we choose and a redacted URL, instead of Fastify's two. */
class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      url: redactUrl(request.url),
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      ...(error ? { err: error } : {}),
    };
    // Load balancers poll /health every few seconds; only a failing answer is news.
    const isRoutineProbe = request.url === '/health' && reply.statusCode === 200;
    if (error) request.log.error(line, 'request');
    else if (isRoutineProbe) request.log.debug(line, 'request');
    else request.log.info(line, 'request');
  }
}

function isLoggerInstance(value: unknown): value is FastifyBaseLogger {
  return (
    typeof value === 'object' && value !== null && typeof (value as { child?: unknown }).child === 'function'
  );
}

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const logging: Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> = isLoggerInstance(options.logger)
    ? { loggerInstance: options.logger }
    : { logger: options.logger ?? false };
  const app = Fastify({
    ...logging,
    ...serverLimits,
    routerOptions: { maxParamLength: 5000 },
    trustProxy: options.trustProxy ?? false,
    genReqId: () => randomUUID(),
    logController: new RequestLogController(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }) as unknown as FastifyInstance;

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  installErrorHandlers(app);

  const allowedOrigins = [...new Set([options.publicOrigin, ...(options.trustedOrigins ?? [])])];
  await app.register(securityHeadersPlugin, {
    publicOrigin: options.publicOrigin,
    corsOrigins: allowedOrigins.filter((o) => o !== options.publicOrigin),
  });
  await app.register(requestGuardPlugin, { allowedOrigins });
  await app.register(cookie);

  await app.register(trpcPlugin, {
    db: options.db,
    clock: options.clock,
    jobs: options.jobs,
    publicOrigin: options.publicOrigin,
  });

  await app.register(calendarPlugin, {
    db: options.db,
    clock: options.clock,
    publicOrigin: options.publicOrigin,
  });

  await app.register(filesPlugin, { db: options.db });

  const db = options.db;
  await app.register(healthPlugin, {
    checkDatabase:
      options.checkDatabase ??
      (async () => {
        await db.execute(sql`select 1`);
        return true;
      }),
    checkJobs: options.jobs ? options.jobs.check : null,
    ...(options.healthTimeoutMs ? { timeoutMs: options.healthTimeoutMs } : {}),
  });

  if (options.nodeEnv === 'development') await app.register(devOutboxPlugin, { db });

  await app.register(portalPlugin, {
    prefix: '/p',
    distDir: options.portalDist === undefined ? defaultPortalDist : options.portalDist,
  });
  app.get('/', async (_request, reply) => reply.redirect('/p/', 302));

  return app;
}
