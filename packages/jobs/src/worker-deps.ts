// What every job handler receives besides its job: the database, the clock, the channel providers and config.
import type { Clock, QueueName, QueuePayloads } from '@portico/core';
import type { Db } from '@portico/db';
import type { ChannelProviders } from '@portico/notifications';
import type { PgBoss } from 'pg-boss';

export type WorkerLog = {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
};

export type DeliveryTuning = {
  /**
   * How long a send-ledger claim lives without being renewed. The run holding it renews it while it works, so
   * it only runs out when that run died; another run may then take the send over.
   */
  claimSeconds: number;
  /** How often a run that finds another run's live claim looks again (until the claim is released or expires). */
  claimPollMs: number;
};

export const defaultDeliveryTuning: DeliveryTuning = { claimSeconds: 30, claimPollMs: 250 };

export type WorkerDeps = {
  db: Db;
  clock: Clock;
  boss: PgBoss;
  providers: ChannelProviders;
  /** Origin links are built from (configuration, never a request's Host header). */
  publicOrigin: string;
  log: WorkerLog;
  /** Defaults to defaultDeliveryTuning. */
  delivery?: DeliveryTuning;
};

export type Job<Q extends QueueName> = { id: string; data: QueuePayloads[Q]; retryCount?: number };

/** A handler throws to ask pg-boss for a retry (retryable failures only); returns to complete the job. */
export type JobHandler<Q extends QueueName> = (job: Job<Q>, deps: WorkerDeps) => Promise<void>;
