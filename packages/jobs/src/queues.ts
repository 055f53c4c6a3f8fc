// Owns the pg-boss queue settings (retries, backoff, dead letter, crash recovery) and the worker throughput
// settings of every queue. Defaults are for production; tests pass shorter delays.
import type { Queue, WorkOptions } from 'pg-boss';

export const DELIVER_DEAD_LETTER = 'deliver-dead-letter';
export const SWEEP_REMINDERS = 'sweep-reminders';
export const HOUSEKEEPING = 'housekeeping';

export type RetrySettings = {
  /** Retries after the first run (pg-boss retryLimit). */
  limit: number;
  /** First retry delay in seconds; doubled each retry (with jitter) when backoff is on. */
  delaySeconds: number;
  backoff: boolean;
  /** Longest delay between two runs, in seconds. */
  delayMaxSeconds: number;
};

/** 5 retries, 5 s doubling to at most 5 min: a provider outage of ~10 min is ridden out before giving up. */
export const defaultRetry: RetrySettings = { limit: 5, delaySeconds: 5, backoff: true, delayMaxSeconds: 300 };

export type CrashRecovery = {
  /**
   * A running job's worker touches it every heartbeatSeconds/2; one not touched for heartbeatSeconds is failed
   * (and retried) by the next monitor pass. pg-boss needs >= 10.
   */
  heartbeatSeconds: number;
  /** How often supervision (expiry, heartbeat checks) runs. */
  monitorIntervalSeconds: number;
  /** Backstop for a handler that hangs while its process lives: longer than any rate-limited wait. */
  expireInSeconds: number;
};

/**
 * A crashed worker's jobs are failed within heartbeat (30 s) + one monitor pass (30 s) and retried after the
 * first retry delay (5-10 s): about 70 s, well inside the 3 minutes asked for.
 */
export const defaultCrashRecovery: CrashRecovery = {
  heartbeatSeconds: 30,
  monitorIntervalSeconds: 30,
  expireInSeconds: 600,
};

export function retrySettings(retry: RetrySettings): Omit<Queue, 'name'> {
  return {
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
    // pg-boss refuses a maximum without backoff
    ...(retry.backoff ? { retryDelayMax: retry.delayMaxSeconds } : {}),
  };
}

/** The queues whose handlers run in every worker (each has retry, recovery and throughput settings). */
export const handledQueues = [
  'notify',
  'deliver',
  'portal-invite',
  'portal-code',
  'portal-access-request',
  'staff-invite',
  'notification-test',
] as const;
export type HandledQueue = (typeof handledQueues)[number];

/** Sign-in messages are worth sending only while a person waits for them (a code lives 5 minutes). */
const SIGN_IN_QUEUES: readonly HandledQueue[] = ['portal-code', 'portal-access-request'];
const SIGN_IN_RETRY_LIMIT = 3;
const SIGN_IN_EXPIRE_SECONDS = 120;

export function queueSettings(
  name: HandledQueue,
  retry: RetrySettings,
  recovery: CrashRecovery,
): Omit<Queue, 'name'> {
  const isSignIn = SIGN_IN_QUEUES.includes(name);
  return {
    policy: 'standard',
    retryLimit:
      name === 'notify'
        ? Math.max(retry.limit, 8)
        : isSignIn
          ? Math.min(retry.limit, SIGN_IN_RETRY_LIMIT)
          : retry.limit,
    ...retrySettings(retry),
    heartbeatSeconds: recovery.heartbeatSeconds,
    expireInSeconds: isSignIn
      ? Math.min(recovery.expireInSeconds, SIGN_IN_EXPIRE_SECONDS)
      : recovery.expireInSeconds,
    ...(name === 'deliver' ? { deadLetter: DELIVER_DEAD_LETTER } : {}),
  };
}

/** Jobs fetched per poll × fetch loops per process; a full batch fetches again at once (burstWhenBatchFull). */
export type Throughput = { batchSize: number; localConcurrency: number; pollingIntervalSeconds: number };

/**
 * pg-boss's defaults (one job per 2 s poll) give 0.5 jobs/s; throughput is about batchSize × localConcurrency /
 * poll interval, and burstWhenBatchFull removes the wait while a backlog lasts (research §0: 50 × 2 with burst
 * measured 546 jobs/s on this box; 100 × 4, 602 where PostgreSQL saturates). A delivery is mostly waiting on the
 * provider and the database, so one process keeps up to 4 × 50 in flight; the providers' rate limiters, not
 * the queue, then decide the send rate. A notify job writes a fan-out in one transaction, so fewer run at once.
 */
export const defaultThroughput: Record<HandledQueue, Throughput> = {
  notify: { batchSize: 25, localConcurrency: 2, pollingIntervalSeconds: 0.5 },
  deliver: { batchSize: 50, localConcurrency: 4, pollingIntervalSeconds: 0.5 },
  'portal-invite': { batchSize: 10, localConcurrency: 1, pollingIntervalSeconds: 0.5 },
  // a person is waiting on the sign-in page: small batches, polled as often as pg-boss allows
  'portal-code': { batchSize: 10, localConcurrency: 2, pollingIntervalSeconds: 0.5 },
  'portal-access-request': { batchSize: 10, localConcurrency: 1, pollingIntervalSeconds: 0.5 },
  'staff-invite': { batchSize: 10, localConcurrency: 1, pollingIntervalSeconds: 0.5 },
  // an admin is waiting for the test to arrive
  'notification-test': { batchSize: 10, localConcurrency: 1, pollingIntervalSeconds: 0.5 },
};

export function workOptions(throughput: Throughput): WorkOptions {
  return {
    batchSize: throughput.batchSize,
    localConcurrency: throughput.localConcurrency,
    pollingIntervalSeconds: throughput.pollingIntervalSeconds,
    burstWhenBatchFull: throughput.batchSize > 1,
  };
}
