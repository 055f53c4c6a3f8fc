// Books a task into a window on a date, or moves it to another (reschedule): capacity checked, the
// appointment version bumped once, the confirmation asked again when the organization wants one.
import type { Task, TaskScheduleInput } from '@portico/validators/tasks';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, eq, schema } from '../internal/db';
import { notifyDispatcherBooking } from '../notifications/task-triggers';
import { reserveWindow } from '../scheduling/reserve-window';
import { nextStatus } from './status-machine';
import { readBookingPolicy } from './task-references';
import { lockTask, taskFacts, toTask, writeTask } from './task-row';

export async function scheduleTask(ctx: CoreContext, input: TaskScheduleInput): Promise<Task> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const task = await lockTask(txCtx, input.id, input.version);
    const action = task.appointmentDate === null ? 'book' : 'reschedule';
    const status = nextStatus(task.status, action, taskFacts(task));
    // the same date and window again is not a change: no new appointment version, no notification
    if (task.appointmentDate === input.date && task.windowId === input.windowId) return toTask(task);

    const { sites } = schema;
    const [site] = await tx
      .select({ timeZone: sites.timeZone })
      .from(sites)
      .where(and(eq(sites.id, task.siteId), eq(sites.organizationId, ctx.organizationId)));
    if (!site) throw notFound('Site');
    const reservation = await reserveWindow(txCtx, {
      windowId: input.windowId,
      date: input.date,
      timeZone: site.timeZone,
      excludeTaskId: task.id,
    });
    const { confirmationFlow } = await readBookingPolicy(txCtx);
    const after = await writeTask(
      txCtx,
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
    await notifyDispatcherBooking(txCtx, after);
    return toTask(after);
  });
}
