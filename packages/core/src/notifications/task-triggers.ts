// The notifications a task change causes, enqueued in the caller's transaction (the outbox), so a change that
// rolls back sends nothing and a committed one is never lost. Called by core's task functions (and the portal's
// booking, which calls notifyBookingConfirmed).
import type { CoreContext } from '../context';
import { eq, schema } from '../internal/db';
import { enqueueJob, type NotificationType } from '../jobs/queues';
import { armReminder, withdrawReminders, type ArmedReminder } from './reminders';

export { armReminder, withdrawReminders };

type TaskLike = {
  id: string;
  siteId: string;
  appointmentVersion: number;
  appointmentStart: Date | null;
};

/** Enqueues the fan-out of one notification of a task (the `notify` job re-reads everything it needs). */
export async function enqueueNotification(
  ctx: CoreContext,
  task: Pick<TaskLike, 'id' | 'appointmentVersion'>,
  type: NotificationType,
): Promise<void> {
  await enqueueJob(ctx, 'notify', {
    organizationId: ctx.organizationId,
    taskId: task.id,
    type,
    appointmentVersion: task.appointmentVersion,
  });
}

/** A new task (either scheduling mode) invites the customer; a prebooked one also arms its reminder. */
export async function notifyTaskCreated(ctx: CoreContext, task: TaskLike): Promise<void> {
  await enqueueNotification(ctx, task, 'booking_invite');
  if (task.appointmentStart) await armReminder(ctx, task);
}

/**
 * The customer booked or moved their window (the portal): confirm it, and re-arm the reminder for the new
 * appointment version (the older one never fires).
 */
export async function notifyBookingConfirmed(ctx: CoreContext, task: TaskLike): Promise<ArmedReminder> {
  await enqueueNotification(ctx, task, 'booking_confirmation');
  return armReminder(ctx, task);
}

/**
 * A dispatcher booked or moved the window: a confirmation only when the organization wants one for
 * dispatcher bookings; the reminder is re-armed either way.
 */
export async function notifyDispatcherBooking(ctx: CoreContext, task: TaskLike): Promise<ArmedReminder> {
  const { organizations } = schema;
  const [org] = await ctx.db
    .select({ notifyOnDispatcherBooking: organizations.notifyOnDispatcherBooking })
    .from(organizations)
    .where(eq(organizations.id, ctx.organizationId));
  if (org?.notifyOnDispatcherBooking) await enqueueNotification(ctx, task, 'booking_confirmation');
  return armReminder(ctx, task);
}

const closingReasons: Partial<Record<string, string>> = {
  complete: 'Withdrawn: the task was completed.',
  cancel: 'Withdrawn: the task was cancelled.',
  fail: 'Withdrawn: the task was marked failed.',
};

/** En route and completion tell the customer; any closing move withdraws the pending reminder. */
export async function notifyTaskTransitioned(
  ctx: CoreContext,
  task: Pick<TaskLike, 'id' | 'appointmentVersion'>,
  action: 'en_route' | 'start' | 'complete' | 'cancel' | 'fail',
): Promise<void> {
  if (action === 'en_route') await enqueueNotification(ctx, task, 'technician_en_route');
  if (action === 'complete') await enqueueNotification(ctx, task, 'task_completed');
  const reason = closingReasons[action];
  if (reason) await withdrawReminders(ctx, task.id, reason);
}
