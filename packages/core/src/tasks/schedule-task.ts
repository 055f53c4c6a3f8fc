// Books a task into a window on a date, or moves it to another (reschedule): capacity checked, the
// appointment version bumped once, the confirmation asked again when the organization wants one. The same
// booking core serves the dispatcher (tasks.schedule) and the customer (the portal's book).
import type { Task, TaskScheduleInput } from '@portico/validators/tasks';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, eq, schema } from '../internal/db';
import { notifyBookingConfirmed, notifyDispatcherBooking } from '../notifications/task-triggers';
import { reserveWindow } from '../scheduling/reserve-window';
import { nextStatus } from './status-machine';
import { readBookingPolicy } from './task-references';
import { lockTask, taskFacts, toTask, writeTask, type TaskRow } from './task-row';

/** Who asked for the booking: it decides which notification goes out. */
export type BookedBy = 'dispatcher' | 'customer';

export async function scheduleTask(ctx: CoreContext, input: TaskScheduleInput): Promise<Task> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const task = await lockTask(txCtx, input.id, input.version);
    const after = await bookLockedTask(txCtx, task, input, { bookedBy: 'dispatcher' });
    return toTask(after);
  });
}

/**
 * Books or moves the appointment of a task the caller locked (lockTask or an equivalent FOR UPDATE read) in
 * the caller's transaction: the status machine, capacity through reserveWindow, the appointment version, the
 * confirmation state, the audit entry and the notification of `bookedBy` (a customer's booking is always
 * confirmed to them; a dispatcher's follows the organization's setting). The same date and window again is
 * not a change: the task comes back as it was. `field` names the input capacity refusals are about.
 */
export async function bookLockedTask(
  ctx: CoreContext,
  task: TaskRow,
  slot: { date: string; windowId: string },
  options: { bookedBy: BookedBy; field?: string },
): Promise<TaskRow> {
  const action = task.appointmentDate === null ? 'book' : 'reschedule';
  const status = nextStatus(task.status, action, taskFacts(task));
  // the same date and window again is not a change: no new appointment version, no notification
  if (task.appointmentDate === slot.date && task.windowId === slot.windowId) return task;

  const { sites } = schema;
  const [site] = await ctx.db
    .select({ timeZone: sites.timeZone })
    .from(sites)
    .where(and(eq(sites.id, task.siteId), eq(sites.organizationId, ctx.organizationId)));
  if (!site) throw notFound('Site');
  const reservation = await reserveWindow(ctx, {
    windowId: slot.windowId,
    date: slot.date,
    timeZone: site.timeZone,
    excludeTaskId: task.id,
    ...(options.field ? { field: options.field } : {}),
  });
  const { confirmationFlow } = await readBookingPolicy(ctx);
  const after = await writeTask(
    ctx,
    task,
    {
      status,
      appointmentDate: reservation.date,
      windowId: reservation.window.id,
      appointmentStart: reservation.start,
      appointmentEnd: reservation.end,
      appointmentVersion: task.appointmentVersion + 1,
      confirmationState: confirmationFlow ? 'pending' : 'not_required',
      confirmedAt: null,
      confirmedByPortalUserId: null,
    },
    { action },
  );
  if (options.bookedBy === 'customer') await notifyBookingConfirmed(ctx, after);
  else await notifyDispatcherBooking(ctx, after);
  return after;
}
