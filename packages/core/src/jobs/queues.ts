// The queue registry and the typed enqueue: core writes a job into the transactional outbox (job_outbox) in
// the same transaction as the change that causes it; the worker's relay moves it into pg-boss.
import type { CoreContext } from '../context';
import { schema } from '../internal/db';

export const notificationTypes = [
  'booking_invite',
  'booking_confirmation',
  'reminder_24h',
  'technician_en_route',
  'task_completed',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

/** Payload of each queue: ids only; handlers re-read state. */
export type QueuePayloads = {
  /** Fan a notification of one task out to its recipients and channels (writes log rows, enqueues sends). */
  notify: {
    organizationId: string;
    taskId: string;
    type: NotificationType;
    appointmentVersion: number;
    /** booking_invite re-sent by a dispatcher, or a re-send from the log: makes a new idempotency key. */
    resendOf?: string;
    /** reminder_24h: the scheduled_reminders row that fired. */
    reminderId?: string;
    /** A re-send from the log goes only through that entry's channel... */
    onlyChannel?: 'sms' | 'email';
    /** ...and only to that entry's contact. */
    onlyContactId?: string;
  };
  /** Send one logged notification through its channel's provider (claims the ledger first). */
  deliver: { organizationId: string; logId: string };
  /** Invite (or re-invite) a portal user: a link by the contact's channels. */
  'portal-invite': {
    organizationId: string;
    portalUserId: string;
    taskId?: string;
    requestedBy?: string;
    /** A re-send of one invite's log entry: only that entry's channel, and the new entry links back to it. */
    resendOf?: string;
    onlyChannel?: 'sms' | 'email';
  };
};

export type QueueName = keyof QueuePayloads;
export const queueNames = ['notify', 'deliver', 'portal-invite'] as const satisfies readonly QueueName[];

export type EnqueueOptions = {
  /** Run no earlier than this instant. */
  startAfter?: Date;
  /** At most one queued job per key (pg-boss singletonKey). */
  singletonKey?: string;
};

/** Enqueues a job in the caller's transaction: if the change rolls back, so does the job. */
export async function enqueueJob<Q extends QueueName>(
  ctx: CoreContext,
  queue: Q,
  data: QueuePayloads[Q],
  options: EnqueueOptions = {},
): Promise<string> {
  const [row] = await ctx.db
    .insert(schema.jobOutbox)
    .values({
      queue,
      data: data as Record<string, unknown>,
      startAfter: options.startAfter ?? null,
      singletonKey: options.singletonKey ?? null,
      organizationId: ctx.organizationId,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: schema.jobOutbox.id });
  return row!.id;
}
