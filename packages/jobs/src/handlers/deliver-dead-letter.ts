// Handles deliveries pg-boss gave up on (retries exhausted, or a worker lost each time): the log entry becomes
// failed with deadLetteredAt and "Gave up after N attempts: <last error>", so the log shows it and staff can
// re-send it.
import { schema } from '@portico/db';
import { and, eq } from 'drizzle-orm';
import type { WorkerDeps } from '../worker-deps';
import { loadLogEntry } from './deliver';

export type DeadLetterJob = {
  id: string;
  data: { organizationId: string; logId: string };
  /** Retries the original job used before it was dead-lettered (pg-boss metadata). */
  sourceRetryCount?: number | null;
  /** The original job's last failure output (pg-boss metadata). */
  sourceOutput?: object | null;
};

function outputMessage(output: object | null | undefined): string | null {
  if (!output || typeof output !== 'object') return null;
  const value =
    (output as { value?: unknown; message?: unknown }).message ??
    (output as { value?: { message?: unknown } }).value?.message;
  return typeof value === 'string' ? value : null;
}

export async function deliverDeadLetterHandler(job: DeadLetterJob, deps: WorkerDeps): Promise<void> {
  const { notificationLog: log, notificationSends: sends } = schema;
  const entry = await loadLogEntry(deps.db, job.data.organizationId, job.data.logId);
  if (!entry || entry.status !== 'queued') return;
  const [ledger] = await deps.db
    .select({ sentAt: sends.sentAt })
    .from(sends)
    .where(eq(sends.idempotencyKey, entry.idempotencyKey));
  if (ledger?.sentAt) return;

  const runs = (job.sourceRetryCount ?? 0) + 1;
  const attempts = Math.max(entry.attempts, runs);
  const lastError = entry.error ?? outputMessage(job.sourceOutput) ?? 'no error was recorded';
  const now = deps.clock.now();
  await deps.db
    .update(log)
    .set({
      status: 'failed',
      error: `Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${lastError}`,
      attempts,
      deadLetteredAt: now,
      updatedAt: now,
    })
    .where(and(eq(log.id, entry.id), eq(log.status, 'queued')));
  deps.log.error(
    { logId: entry.id, attempts, lastError },
    'deliver: gave up on a notification (dead-lettered)',
  );
}
