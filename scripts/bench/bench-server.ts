// The server under benchmark, run in its own process: Portico's real buildServer plus one plain route
// (Fastify + postgres.js, no tRPC) that answers the same tasks.list SQL, for comparison.
import { validateSessionToken } from '@portico/auth';
import { systemClock, type CoreContext } from '@portico/core';
import { buildListTasksQuery, listTasks } from '@portico/core/tasks/list-tasks';
import { createDb } from '@portico/db';
import { startJobSystem } from '@portico/jobs';
import { buildServer } from '@portico/server/app';
import { taskListInputSchema } from '@portico/validators';
import fs from 'node:fs';
import postgres from 'postgres';
import { Session } from 'node:inspector/promises';
import type {
  BenchServerMessage,
  BenchServerProfile,
  BenchServerRequest,
  BenchServerStart,
} from './protocol';

function send(message: BenchServerMessage): void {
  process.send?.(message);
}

async function start(config: BenchServerStart): Promise<() => Promise<void>> {
  // The pool size and options `pnpm start` uses (createDb's defaults).
  const database = createDb(config.databaseUrl, { applicationName: 'portico-bench' });
  const jobs = await startJobSystem({ connectionString: config.databaseUrl, role: 'producer' });
  const clock = systemClock;
  const app = await buildServer({
    db: database.db,
    jobs,
    clock,
    publicOrigin: 'http://127.0.0.1',
    logger: false,
    portalDist: null,
  });

  const closers: (() => Promise<void>)[] = [];
  const listInput = taskListInputSchema.parse(config.listInput);
  /** The staff context of the bearer session, or null. */
  const signedIn = async (authorization: string | undefined): Promise<CoreContext | null> => {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null;
    const session = token ? await validateSessionToken(database.db, token, clock.now()) : null;
    if (!session?.staffUser) return null;
    return {
      db: database.db,
      clock,
      organizationId: session.organizationId,
      actor: { type: 'staff', id: session.staffUser.id, role: session.staffUser.role },
    };
  };
  const signInFirst = { message: 'Sign in first.' };

  // The comparison route: same session check, same SQL, no tRPC, no drizzle result mapping, no wire transformer.
  app.get('/bench/plain-tasks', async (request, reply) => {
    const ctx = await signedIn(request.headers.authorization);
    if (!ctx) return reply.code(401).send(signInFirst);
    const query = buildListTasksQuery(ctx, listInput).toSQL();
    return database.sql.unsafe(query.sql, query.params as never[]);
  });

  // Breakdown routes (bench:api --breakdown): each adds one layer, so the differences say where time goes.
  app.get('/bench/session', async (request, reply) => {
    const ctx = await signedIn(request.headers.authorization);
    if (!ctx) return reply.code(401).send(signInFirst);
    return { ok: true };
  });
  // postgres.js's unsafe() (like drizzle) sends an unnamed statement: Parse + Describe, wait, then Bind +
  // Execute, so two round trips, and PostgreSQL plans the query on every call. A named statement needs one
  // round trip once prepared...
  app.get('/bench/plain-tasks-prepared', async (request, reply) => {
    const ctx = await signedIn(request.headers.authorization);
    if (!ctx) return reply.code(401).send(signInFirst);
    const query = buildListTasksQuery(ctx, listInput).toSQL();
    return database.sql.unsafe(query.sql, query.params as never[], { prepare: true });
  });
  // ...and with a generic plan PostgreSQL stops re-planning it (left to itself it keeps custom plans here,
  // the LIMIT being a parameter).
  const genericPlans = postgres(config.databaseUrl, {
    max: 10,
    onnotice: () => {},
    connection: { application_name: 'portico-bench-generic', plan_cache_mode: 'force_generic_plan' },
  });
  closers.push(() => genericPlans.end({ timeout: 5 }));
  app.get('/bench/plain-tasks-generic', async (request, reply) => {
    const ctx = await signedIn(request.headers.authorization);
    if (!ctx) return reply.code(401).send(signInFirst);
    const query = buildListTasksQuery(ctx, listInput).toSQL();
    return genericPlans.unsafe(query.sql, query.params as never[], { prepare: true });
  });
  // The procedure's core function, answered as plain JSON: everything tasks.list does except tRPC,
  // zod output parsing and the wire transformer.
  app.get('/bench/core-list', async (request, reply) => {
    const ctx = await signedIn(request.headers.authorization);
    if (!ctx) return reply.code(401).send(signInFirst);
    return listTasks(ctx, listInput);
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.addresses()[0];
  if (!address || typeof address === 'string') throw new Error('the bench server has no TCP address');
  send({ type: 'listening', port: address.port });
  return async () => {
    await app.close();
    for (const close of closers) await close();
    await jobs.stop();
    await database.close();
  };
}

let stop: (() => Promise<void>) | null = null;
let isStopping = false;
async function shutdown(code: number): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  try {
    await stop?.();
  } finally {
    process.exit(code);
  }
}

let profiler: Session | null = null;
async function profile(message: BenchServerProfile): Promise<BenchServerMessage> {
  if (message.type === 'profile-start') {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.post('Profiler.start');
    return { type: 'profile-started' };
  }
  if (!profiler) throw new Error('the profiler is not running');
  const { profile: cpuProfile } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = null;
  fs.writeFileSync(message.file, JSON.stringify(cpuProfile));
  return { type: 'profile-written', file: message.file };
}

process.on('message', (message: BenchServerRequest) => {
  if (message.type === 'profile-start' || message.type === 'profile-stop') {
    profile(message).then(send, (error: unknown) => send({ type: 'profile-failed', error: String(error) }));
    return;
  }
  if (message.type !== 'start' || stop) return;
  start(message).then(
    (close) => {
      stop = close;
    },
    (error: unknown) => {
      send({
        type: 'failed',
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      void shutdown(1);
    },
  );
});
// The parent going away (crash, Ctrl-C) must not leave this process holding the database.
process.on('disconnect', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
