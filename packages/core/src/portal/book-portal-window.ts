// Books or changes the window of an appointment on the customer's word, through the same booking core as the
// dispatcher (capacity, status machine, appointment version, confirmation), plus the portal's own rule: a
// booked appointment can change only until the organization's cut-off.
import type { PortalAppointment } from '@portico/validators/portal';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { publishLiveEvent } from '../live/publish-live-event';
import { findOrganization } from '../organization/organization-row';
import { bookLockedTask } from '../tasks/schedule-task';
import { describeBooking } from './appointment-view';
import { getPortalAppointment } from './get-portal-appointment';
import { findPortalTask, requireVersion } from './portal-scope';

export async function bookPortalWindow(
  ctx: CoreContext,
  input: { taskId: string; version: number; date: string; windowId: string },
): Promise<PortalAppointment> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const { task } = await findPortalTask(txCtx, input.taskId, { lock: true });
    const org = await findOrganization(txCtx);
    // decided on the locked row, so a booking cannot slip past the cut-off or a closing task
    const booking = describeBooking(task, org, ctx.clock.now());
    if (!booking.canBook) throw new AppError('PRECONDITION_FAILED', booking.blockedReason ?? '');
    requireVersion(task, input.version);
    await bookLockedTask(
      txCtx,
      task,
      { date: input.date, windowId: input.windowId },
      { bookedBy: 'customer', field: 'windowId' },
    );
    const isSameSlot = task.appointmentDate === input.date && task.windowId === input.windowId;
    if (!isSameSlot) {
      const kind = task.appointmentDate === null ? 'booked' : 'rescheduled';
      await publishLiveEvent(txCtx, { taskId: task.id, kind });
    }
  });
  return getPortalAppointment(ctx, { taskId: input.taskId });
}
