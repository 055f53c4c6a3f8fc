// Owns the 24-hour reminders: arming one per appointment version (the older ones superseded), withdrawing them
// when a task closes, and the sweeper that enqueues what falls due. The schedule lives in scheduled_reminders,
// not in far-future pg-boss jobs, so a reminder booked weeks ahead never depends on the queue's retention.
import { TZDate } from '@date-fns/tz';
import { subDays } from 'date-fns';
import type { Clock, CoreContext } from '../context';
import { and, asc, eq, inArray, lte, ne, schema, sql, type Db, type DbOrTx } from '../internal/db';
import type { QueuePayloads } from '../jobs/queues';
import { notificationIdempotencyKey, planFanOut } from './fan-out';
import { readRecipients } from './read-recipients';

export const lessThan24HoursReason = 'Booked less than 24 hours ahead: no reminder.';

/** The same wall-clock time on the day before, in the site's time zone (23 or 25 hours across a DST change). */
export function reminderDueAt(appointmentStart: Date, timeZone: string): Date {
  return new Date(subDays(new TZDate(appointmentStart.getTime(), timeZone), 1).getTime());
}

export type ArmedReminder =
  { status: 'armed'; dueAt: Date } | { status: 'too_late'; dueAt: Date } | { status: 'no_appointment' };

/**
 * Arms the reminder of the task's current appointment version, in the caller's transaction: pending reminders
 * of other versions are cancelled (a reschedule supersedes them), and a booking less than 24 hours ahead gets
 * no reminder but `skipped` log entries that say why.
 */
export async function armReminder(
  ctx: CoreContext,
  task: { id: string; siteId: string; appointmentVersion: number; appointmentStart: Date | null },
): Promise<ArmedReminder> {
  const { scheduledReminders, sites, notificationLog } = schema;
  const now = ctx.clock.now();
  await ctx.db
    .update(scheduledReminders)
    .set({
      status: 'cancelled',
      reason: `Superseded: the appointment changed (version ${task.appointmentVersion}).`,
      updatedAt: now,
    })
    .where(
      and(
        eq(scheduledReminders.organizationId, ctx.organizationId),
        eq(scheduledReminders.taskId, task.id),
        eq(scheduledReminders.status, 'pending'),
        ne(scheduledReminders.appointmentVersion, task.appointmentVersion),
      ),
    );
  if (!task.appointmentStart) return { status: 'no_appointment' };

  const [site] = await ctx.db
    .select({
      timeZone: sites.timeZone,
      primaryContactId: sites.primaryContactId,
      secondaryContactId: sites.secondaryContactId,
    })
    .from(sites)
    .where(and(eq(sites.id, task.siteId), eq(sites.organizationId, ctx.organizationId)));
  if (!site) throw new Error(`site ${task.siteId} of task ${task.id} not found`);
  const dueAt = reminderDueAt(task.appointmentStart, site.timeZone);

  if (dueAt.getTime() <= now.getTime()) {
    const recipients = await readRecipients(ctx, site, 'reminder_24h');
    const planned = planFanOut({
      type: 'reminder_24h',
      ...recipients,
      // a reminder turned off says so rather than blaming the short notice
      ...(recipients.setting.enabled ? { skipAllReason: lessThan24HoursReason } : {}),
    });
    await ctx.db
      .insert(notificationLog)
      .values(
        planned.map((entry) => ({
          organizationId: ctx.organizationId,
          taskId: task.id,
          type: 'reminder_24h' as const,
          channel: entry.channel,
          contactId: entry.contactId,
          recipient: entry.recipient,
          status: 'skipped' as const,
          skipReason: entry.skipReason,
          idempotencyKey: notificationIdempotencyKey({
            taskId: task.id,
            type: 'reminder_24h',
            appointmentVersion: task.appointmentVersion,
            channel: entry.channel,
            contactId: entry.contactId,
          }),
          appointmentVersion: task.appointmentVersion,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing({ target: notificationLog.idempotencyKey });
    return { status: 'too_late', dueAt };
  }

  await ctx.db
    .insert(scheduledReminders)
    .values({
      organizationId: ctx.organizationId,
      taskId: task.id,
      appointmentVersion: task.appointmentVersion,
      dueAt,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [scheduledReminders.taskId, scheduledReminders.appointmentVersion] });
  return { status: 'armed', dueAt };
}

/** Cancels the task's pending reminders (cancel, failure, completion), in the caller's transaction. */
export async function withdrawReminders(ctx: CoreContext, taskId: string, reason: string): Promise<number> {
  const { scheduledReminders } = schema;
  const rows = await ctx.db
    .update(scheduledReminders)
    .set({ status: 'cancelled', reason, updatedAt: ctx.clock.now() })
    .where(
      and(
        eq(scheduledReminders.organizationId, ctx.organizationId),
        eq(scheduledReminders.taskId, taskId),
        eq(scheduledReminders.status, 'pending'),
      ),
    )
    .returning({ id: scheduledReminders.id });
  return rows.length;
}

/** Task statuses a reminder is still worth sending in. */
const remindableStatuses = ['scheduled', 'confirmed'] as const;

export type SweepResult = { enqueued: number; cancelled: number };

/**
 * Enqueues a `notify` job (through the outbox) for every pending reminder that is due, a batch per transaction,
 * and marks it enqueued in the same transaction. Any number of workers may sweep at once (SKIP LOCKED). A
 * reminder whose task moved on (another version, closed, under way) is cancelled instead.
 */
export async function sweepDueReminders(
  db: Db,
  clock: Clock,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<SweepResult> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 100;
  const total: SweepResult = { enqueued: 0, cancelled: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const result = await db.transaction(async (tx) => sweepBatch(tx, clock.now(), batchSize));
    total.enqueued += result.enqueued;
    total.cancelled += result.cancelled;
    if (result.enqueued + result.cancelled < batchSize) break;
  }
  return total;
}

async function sweepBatch(tx: DbOrTx, now: Date, batchSize: number): Promise<SweepResult> {
  const { scheduledReminders: r, tasks, jobOutbox } = schema;
  const due = await tx
    .select({
      id: r.id,
      organizationId: r.organizationId,
      taskId: r.taskId,
      appointmentVersion: r.appointmentVersion,
      taskVersion: tasks.appointmentVersion,
      taskStatus: tasks.status,
    })
    .from(r)
    .innerJoin(tasks, eq(tasks.id, r.taskId))
    .where(and(eq(r.status, 'pending'), lte(r.dueAt, now)))
    .orderBy(asc(r.dueAt))
    .limit(batchSize)
    .for('update', { of: r, skipLocked: true });
  if (due.length === 0) return { enqueued: 0, cancelled: 0 };

  const live = due.filter(
    (d) =>
      d.taskVersion === d.appointmentVersion &&
      (remindableStatuses as readonly string[]).includes(d.taskStatus),
  );
  const stale = due.filter((d) => !live.includes(d));
  if (live.length > 0) {
    await tx.insert(jobOutbox).values(
      live.map((d) => {
        const data: QueuePayloads['notify'] = {
          organizationId: d.organizationId,
          taskId: d.taskId,
          type: 'reminder_24h',
          appointmentVersion: d.appointmentVersion,
          reminderId: d.id,
        };
        return { queue: 'notify', data, organizationId: d.organizationId, createdAt: now };
      }),
    );
    await tx
      .update(r)
      .set({ status: 'enqueued', enqueuedAt: now, updatedAt: now })
      .where(
        inArray(
          r.id,
          live.map((d) => d.id),
        ),
      );
  }
  if (stale.length > 0) {
    await tx
      .update(r)
      .set({
        status: 'cancelled',
        reason: sql`'The task changed before the reminder was due (' || ${tasks.status} || ', appointment version ' || ${tasks.appointmentVersion} || ').'`,
        updatedAt: now,
      })
      .from(tasks)
      .where(
        and(
          eq(tasks.id, r.taskId),
          inArray(
            r.id,
            stale.map((d) => d.id),
          ),
        ),
      );
  }
  return { enqueued: live.length, cancelled: stale.length };
}
