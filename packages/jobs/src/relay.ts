// Owns the outbox relay: moves job_outbox rows (written by domain changes in their own transactions) into
// pg-boss. Each batch is one transaction: the rows are locked (SKIP LOCKED, so any number of workers relay at
// once), inserted into pg-boss through the same transaction with the outbox row's id as the job id, and deleted.
// pg-boss ignores an insert whose id it already holds, so a row moved twice still makes one job.
import { sweepDueReminders } from '@portico/core/notifications/reminders';
import type { Clock } from '@portico/core';
import { schema, type Db } from '@portico/db';
import { asc, inArray, sql } from 'drizzle-orm';
import { fromDrizzle, type JobInsert, type PgBoss } from 'pg-boss';
import type { WorkerLog } from './worker-deps';

const { jobOutbox } = schema;

/** Moves up to `batchSize` outbox rows into pg-boss; returns how many moved. */
export async function relayOutbox(
  db: Db,
  boss: PgBoss,
  options: { queues: readonly string[]; batchSize?: number },
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(jobOutbox)
      // a row for a queue this worker does not know stays put (visible to an operator) instead of failing
      // every batch it would be part of
      .where(inArray(jobOutbox.queue, [...options.queues]))
      .orderBy(asc(jobOutbox.createdAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    const adapter = fromDrizzle(tx, sql);
    const byQueue = new Map<string, JobInsert[]>();
    for (const row of rows) {
      const jobs = byQueue.get(row.queue) ?? [];
      jobs.push({
        id: row.id,
        data: row.data,
        ...(row.startAfter ? { startAfter: row.startAfter } : {}),
        ...(row.singletonKey ? { singletonKey: row.singletonKey } : {}),
      });
      byQueue.set(row.queue, jobs);
    }
    for (const [queue, jobs] of byQueue) await boss.insert(queue, jobs, { db: adapter });
    await tx.delete(jobOutbox).where(
      inArray(
        jobOutbox.id,
        rows.map((r) => r.id),
      ),
    );
    return rows.length;
  });
}

export type RelayOptions = {
  db: Db;
  boss: PgBoss;
  clock: Clock;
  log: WorkerLog;
  queues: readonly string[];
  /** Pause between polls of an empty outbox. */
  intervalMs?: number;
  /** How often the loop also sweeps due reminders into the outbox (the pg-boss schedule is the backstop). */
  sweepIntervalMs?: number;
  batchSize?: number;
};

export type Relay = {
  /** Polls at once (a LISTEN notification, or a test that just wrote to the outbox). */
  wake: () => void;
  stop: () => Promise<void>;
};

/** Runs the relay (and the reminder sweep) until stopped; errors are logged and the loop backs off. */
export function startRelay(options: RelayOptions): Relay {
  const intervalMs = options.intervalMs ?? 250;
  const sweepIntervalMs = options.sweepIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 500;
  let isStopping = false;
  let wakeUp: (() => void) | null = null;
  let lastSweepAt = 0;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  const loop = async () => {
    while (!isStopping) {
      try {
        if (Date.now() - lastSweepAt >= sweepIntervalMs) {
          lastSweepAt = Date.now();
          const swept = await sweepDueReminders(options.db, options.clock);
          if (swept.enqueued + swept.cancelled > 0) options.log.info(swept, 'reminders swept');
        }
        const moved = await relayOutbox(options.db, options.boss, { queues: options.queues, batchSize });
        // a full batch means more are waiting: go again at once
        if (moved < batchSize) await pause(intervalMs);
      } catch (error) {
        if (isStopping) break;
        options.log.error({ err: error }, 'outbox relay failed; retrying shortly');
        await pause(Math.max(1000, intervalMs));
      }
    }
  };
  const running = loop();

  return {
    wake: () => wakeUp?.(),
    stop: async () => {
      isStopping = true;
      wakeUp?.();
      await running;
    },
  };
}
