// Cancels an appointment on the customer's word when the organization lets customers cancel in the portal;
// when it takes cancellations by phone, refuses with its message and number and changes nothing.
import type { PortalAppointment } from '@portico/validators/portal';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { publishLiveEvent } from '../live/publish-live-event';
import { findOrganization } from '../organization/organization-row';
import { transitionLockedTask } from '../tasks/transition-task';
import { getPortalAppointment } from './get-portal-appointment';
import { findPortalTask, requireVersion } from './portal-scope';
import { cancelByPhoneReason, defaultCancelMessage, statusBlocksCancel } from './portal-wording';

export async function cancelPortalAppointment(
  ctx: CoreContext,
  input: { taskId: string; version: number; reason?: string | undefined },
): Promise<PortalAppointment> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const { task } = await findPortalTask(txCtx, input.taskId, { lock: true });
    const org = await findOrganization(txCtx);
    if (org.cancelPolicy === 'call') {
      throw new AppError(
        'PRECONDITION_FAILED',
        cancelByPhoneReason(
          org.cancelMessage ?? defaultCancelMessage('call'),
          org.cancelPhone ?? org.officePhone,
        ),
      );
    }
    const closed = statusBlocksCancel(task.status, org.officePhone);
    if (closed) throw new AppError('PRECONDITION_FAILED', closed);
    requireVersion(task, input.version);
    // the dispatcher's cancel: status machine, audit, reminder withdrawn
    await transitionLockedTask(txCtx, task, { action: 'cancel', reason: input.reason ?? null });
    await publishLiveEvent(txCtx, { taskId: task.id, kind: 'cancelled' });
  });
  return getPortalAppointment(ctx, { taskId: input.taskId });
}
