// Owns the pg-boss job system: starting it for producers and workers, registering handlers, the outbox relay.
import { systemClock, type Clock, type QueueName, type QueuePayloads } from '@portico/core';
import { sweepDueReminders } from '@portico/core/notifications/reminders';
import type { Db } from '@portico/db';
import type { ChannelProviders } from '@portico/notifications';
import { PgBoss, type Job as PgJob, type JobResult, type JobWithMetadata } from 'pg-boss';
import { deliverHandler, describeError } from './handlers/deliver';
import { runHousekeeping } from './housekeeping';
import { deliverDeadLetterHandler } from './handlers/deliver-dead-letter';
import { notificationTestHandler } from './handlers/notification-test';
import { notifyHandler } from './handlers/notify';
import { portalAccessRequestHandler } from './handlers/portal-access-request';
import { portalCodeHandler } from './handlers/portal-code';
import { portalInviteHandler } from './handlers/portal-invite';
import { staffInviteHandler } from './handlers/staff-invite';
import {
  defaultCrashRecovery,
  defaultRetry,
  defaultThroughput,
  DELIVER_DEAD_LETTER,
  handledQueues,
  HOUSEKEEPING,
  queueSettings,
  retrySettings,
  SWEEP_REMINDERS,
  workOptions,
  type CrashRecovery,
  type HandledQueue,
  type RetrySettings,
  type Throughput,
} from './queues';
import { startRelay, type Relay } from './relay';
import {
  defaultDeliveryTuning,
  type DeliveryTuning,
  type JobHandler,
  type WorkerDeps,
  type WorkerLog,
} from './worker-deps';

export { relayOutbox, startRelay, type Relay } from './relay';
export { defaultCrashRecovery, defaultRetry, defaultThroughput, DELIVER_DEAD_LETTER } from './queues';
export type { CrashRecovery, HandledQueue, RetrySettings, Throughput } from './queues';
export type { DeliveryTuning, JobHandler, WorkerDeps, WorkerLog } from './worker-deps';
export { mintAccessLink, ensurePortalUser } from './portal-links';
export {
  deliverPortalCode,
  portalCodeHandler,
  renderCodeMessage,
  type CodeSendOutcome,
} from './handlers/portal-code';
export { portalAccessRequestHandler } from './handlers/portal-access-request';
export { accessLink, taskPageLink, MASKED_TOKEN } from './notification-content';
/** Re-exported so the server composes workers without depending on the notifications package itself. */
export { createChannelProviders } from '@portico/notifications';

export type JobSystem = {
  boss: PgBoss;
  /** True while pg-boss is started and has reported no error since the last successful check. */
  check: () => Promise<'ok' | 'error'>;
  stop: () => Promise<void>;
  /** The outbox relay of a worker (null for a producer): `wake()` makes it poll at once. */
  relay: Relay | null;
};

/** What a worker's handlers need; a worker started without it supervises queues but handles no jobs. */
export type WorkerOptions = {
  db: Db;
  providers: ChannelProviders;
  publicOrigin: string;
  clock?: Clock;
  log?: WorkerLog;
  retry?: Partial<RetrySettings>;
  recovery?: Partial<CrashRecovery>;
  throughput?: Partial<Record<HandledQueue, Partial<Throughput>>>;
  delivery?: Partial<DeliveryTuning>;
  /** The outbox relay loop (every ~250 ms; also sweeps due reminders every second). */
  relay?: { intervalMs?: number; sweepIntervalMs?: number; batchSize?: number };
};

export type StartJobsOptions = {
  connectionString: string;
  /** Workers supervise queues (maintenance, scheduling); API-only producers do not. */
  role: 'producer' | 'worker';
  onError?: (error: unknown) => void;
  worker?: WorkerOptions;
};

const silentLog: WorkerLog = { info: () => {}, warn: () => {}, error: () => {} };

export async function startJobSystem(options: StartJobsOptions): Promise<JobSystem> {
  const isWorker = options.role === 'worker';
  const recovery = { ...defaultCrashRecovery, ...options.worker?.recovery };
  const boss = new PgBoss({
    connectionString: options.connectionString,
    application_name: `portico-jobs-${options.role}`,
    // fetch loops of every queue, heartbeats and settling share it
    max: isWorker ? 10 : 2,
    supervise: isWorker,
    schedule: isWorker,
    migrate: true,
    superviseIntervalSeconds: recovery.monitorIntervalSeconds,
    monitorIntervalSeconds: recovery.monitorIntervalSeconds,
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  let relay: Relay | null = null;
  if (isWorker && options.worker) {
    try {
      relay = await registerWorkers(boss, options.worker);
    } catch (error) {
      await boss.stop({ graceful: false });
      throw error;
    }
  }
  return {
    boss,
    relay,
    check: async () => {
      try {
        await boss.getDb().executeSql('select 1 from pgboss.version limit 1');
        return 'ok';
      } catch (error) {
        options.onError?.(error);
        return 'error';
      }
    },
    stop: async () => {
      // the relay first: it would otherwise keep moving jobs into a queue that is shutting down
      await relay?.stop();
      await boss.stop({ graceful: true, timeout: 20_000 });
    },
  };
}

/**
 * Runs each job of a fetched batch on its own and settles it on its own (perJobResults), so one failing send
 * retries alone instead of failing its whole batch.
 */
function perJob<Q extends QueueName>(queue: Q, handler: JobHandler<Q>, deps: WorkerDeps) {
  return (jobs: PgJob<QueuePayloads[Q]>[]): Promise<JobResult[]> =>
    Promise.all(
      jobs.map(async (job): Promise<JobResult> => {
        try {
          await handler({ id: job.id, data: job.data, retryCount: job.retryCount }, deps);
          return { id: job.id, status: 'completed' };
        } catch (error) {
          deps.log.warn(
            { err: error, queue, jobId: job.id, retryCount: job.retryCount },
            `${queue} job failed; pg-boss will retry it`,
          );
          return { id: job.id, status: 'failed', output: { message: describeError(error) } };
        }
      }),
    );
}

/** Creates the queues (or brings their settings up to date), starts every handler, the sweeper and the relay. */
async function registerWorkers(boss: PgBoss, worker: WorkerOptions): Promise<Relay> {
  const retry = { ...defaultRetry, ...worker.retry };
  const recovery = { ...defaultCrashRecovery, ...worker.recovery };
  const deps: WorkerDeps = {
    db: worker.db,
    clock: worker.clock ?? systemClock,
    boss,
    providers: worker.providers,
    publicOrigin: worker.publicOrigin.replace(/\/+$/, ''),
    log: worker.log ?? silentLog,
    delivery: { ...defaultDeliveryTuning, ...worker.delivery },
  };

  const ensureQueue = async (name: string, settings: Parameters<PgBoss['createQueue']>[1] = {}) => {
    await boss.createQueue(name, settings);
    // createQueue leaves an existing queue as it was: apply settings changed since it was first created
    const { policy: _policy, ...changeable } = settings ?? {};
    await boss.updateQueue(name, {
      ...changeable,
      deadLetter: changeable.deadLetter ?? null,
      retryDelayMax: changeable.retryDelayMax ?? null,
      heartbeatSeconds: changeable.heartbeatSeconds ?? null,
    });
  };
  // the dead-letter queue first: the deliver queue names it
  await ensureQueue(DELIVER_DEAD_LETTER, { retryLimit: retry.limit, ...retrySettings(retry) });
  for (const name of handledQueues) await ensureQueue(name, queueSettings(name, retry, recovery));
  await ensureQueue(SWEEP_REMINDERS, { retryLimit: 0, expireInSeconds: 300 });
  await ensureQueue(HOUSEKEEPING, { retryLimit: 0, expireInSeconds: 600 });

  const throughput = (name: HandledQueue) =>
    workOptions({ ...defaultThroughput[name], ...worker.throughput?.[name] });
  await boss.work(
    'notify',
    { ...throughput('notify'), perJobResults: true },
    perJob('notify', notifyHandler, deps),
  );
  await boss.work(
    'deliver',
    { ...throughput('deliver'), perJobResults: true },
    perJob('deliver', deliverHandler, deps),
  );
  await boss.work(
    'portal-invite',
    { ...throughput('portal-invite'), perJobResults: true },
    perJob('portal-invite', portalInviteHandler, deps),
  );
  await boss.work(
    'portal-code',
    { ...throughput('portal-code'), perJobResults: true },
    perJob('portal-code', portalCodeHandler, deps),
  );
  await boss.work(
    'portal-access-request',
    { ...throughput('portal-access-request'), perJobResults: true },
    perJob('portal-access-request', portalAccessRequestHandler, deps),
  );
  await boss.work(
    'staff-invite',
    { ...throughput('staff-invite'), perJobResults: true },
    perJob('staff-invite', staffInviteHandler, deps),
  );
  await boss.work(
    'notification-test',
    { ...throughput('notification-test'), perJobResults: true },
    perJob('notification-test', notificationTestHandler, deps),
  );
  await boss.work(
    DELIVER_DEAD_LETTER,
    { batchSize: 10, pollingIntervalSeconds: 1, includeMetadata: true, perJobResults: true },
    (jobs: JobWithMetadata<QueuePayloads['deliver']>[]) =>
      Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            await deliverDeadLetterHandler(job, deps);
            return { id: job.id, status: 'completed' };
          } catch (error) {
            deps.log.error({ err: error, jobId: job.id }, 'recording a dead-lettered delivery failed');
            return { id: job.id, status: 'failed', output: { message: describeError(error) } };
          }
        }),
      ),
  );

  // The relay loop sweeps every second; this schedule keeps reminders flowing should that loop ever stall.
  await boss.work(SWEEP_REMINDERS, { pollingIntervalSeconds: 5 }, async () => {
    await sweepDueReminders(deps.db, deps.clock);
  });
  await boss.schedule(SWEEP_REMINDERS, '* * * * *', null, { tz: 'UTC' });

  // Expired sessions, spent throttle windows and long-expired links: hourly is plenty (pg-boss runs a
  // schedule once across all workers).
  await boss.work(HOUSEKEEPING, { pollingIntervalSeconds: 30 }, async () => {
    await runHousekeeping(deps.db, deps.clock);
  });
  await boss.schedule(HOUSEKEEPING, '17 * * * *', null, { tz: 'UTC' });

  return startRelay({
    db: deps.db,
    boss,
    clock: deps.clock,
    log: deps.log,
    queues: handledQueues,
    ...worker.relay,
  });
}

/** Creates pg-boss's schema (used once for the test template database). */
export async function installJobSchema(connectionString: string): Promise<void> {
  const boss = new PgBoss({ connectionString, supervise: false, schedule: false, migrate: true, max: 1 });
  await boss.start();
  await boss.stop({ graceful: false });
}
