// One worker process of bench:reminders: Portico's job system in the worker role, sending through the real SNS
// and Resend SDK clients to the stand-ins, and remembering which sends it handed to a provider.
import { systemClock } from '@portico/core';
import { createDb } from '@portico/db';
import { createChannelProviders, startJobSystem, type JobSystem, type WorkerLog } from '@portico/jobs';
import fs from 'node:fs';
import type { WorkerMessage, WorkerRequest, WorkerStart } from './protocol';

type Providers = ReturnType<typeof createChannelProviders>;

function send(message: WorkerMessage): void {
  process.send?.(message);
}

/** Writes each send's key to `fd` (a synchronous write: it is in the file before the request leaves). */
function tracked(providers: Providers, fd: number): Providers {
  const track =
    <M extends { idempotencyKey?: string | undefined }, R>(sendOne: (message: M) => Promise<R>) =>
    (message: M): Promise<R> => {
      fs.writeSync(fd, `${message.idempotencyKey ?? '-'}\n`);
      return sendOne(message);
    };
  return {
    ...providers,
    sms: { send: track(providers.sms.send.bind(providers.sms)) },
    email: { send: track(providers.email.send.bind(providers.email)) },
  };
}

async function start(config: WorkerStart): Promise<() => Promise<void>> {
  const database = createDb(config.databaseUrl, { applicationName: `bench-${config.name}` });
  const providers = createChannelProviders(
    {
      NODE_ENV: 'production',
      SNS_REGION: 'us-east-1',
      SNS_ENDPOINT: config.snsEndpoint,
      AWS_ACCESS_KEY_ID: 'bench-access-key',
      AWS_SECRET_ACCESS_KEY: 'bench-secret-key',
      RESEND_API_KEY: 're_bench_key',
      RESEND_BASE_URL: config.resendBaseUrl,
      EMAIL_FROM: 'Northwind Heating <notify@portico.test>',
      // the stand-ins answer at once: only they and the pipeline set the pace
      SMS_RATE_PER_SECOND: 100_000,
      EMAIL_RATE_PER_SECOND: 100_000,
      PROVIDER_TIMEOUT_MS: 10_000,
    },
    database.db,
  );
  if (providers.channels.sms !== 'live' || providers.channels.email !== 'live') {
    throw new Error('the bench worker must send through the stand-ins, not the outbox');
  }
  // Warnings and errors go to stderr, a few of each kind: a retry storm must show, not flood the terminal.
  const seen = new Map<string, number>();
  const line = (level: string) => (obj: object, msg?: string) => {
    const key = `${level} ${msg ?? ''}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= 3 || n % 1000 === 0) {
      const err = (obj as { err?: unknown }).err;
      const detail = err instanceof Error ? `: ${err.message}` : '';
      console.error(`# ${config.name} ${level} (${n}x): ${msg ?? ''}${detail}`);
    }
  };
  const log: WorkerLog = { info: () => {}, warn: line('warn'), error: line('error') };
  const jobs: JobSystem = await startJobSystem({
    connectionString: config.databaseUrl,
    role: 'worker',
    onError: (error) => log.error({ err: error }, 'pg-boss error'),
    worker: {
      db: database.db,
      providers: tracked(providers, fs.openSync(config.handedOverFile, 'a')),
      publicOrigin: 'https://portico.test',
      clock: systemClock,
      log,
    },
  });
  return async () => {
    await jobs.stop();
    await database.close();
  };
}

let stop: (() => Promise<void>) | null = null;
let isStopping = false;
async function shutdown(code: number): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  // a worker stuck in a graceful stop must not hold the bench's cleanup
  setTimeout(() => process.exit(code), 5_000).unref();
  try {
    await stop?.();
  } finally {
    process.exit(code);
  }
}

process.on('message', (message: WorkerRequest) => {
  if (message.type !== 'start' || stop) return;
  start(message).then(
    (close) => {
      stop = close;
      send({ type: 'ready' });
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
