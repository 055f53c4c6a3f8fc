// Records the customer's confirmation of their window: only when the organization asks for one, the task is
// scheduled with its confirmation pending, and every required question is answered.
import type { PortalAppointment } from '@portico/validators/portal';
import type { CoreContext } from '../context';
import { readTaskFields } from '../custom-fields/read-task-fields';
import { AppError } from '../errors';
import { publishLiveEvent } from '../live/publish-live-event';
import { findOrganization } from '../organization/organization-row';
import { nextStatus } from '../tasks/status-machine';
import { taskFacts, writeTask } from '../tasks/task-row';
import { checkConfirmation } from './appointment-view';
import { getPortalAppointment } from './get-portal-appointment';
import { findPortalTask, requirePortalActor, requireVersion } from './portal-scope';

export async function confirmPortalAppointment(
  ctx: CoreContext,
  input: { taskId: string; version: number },
): Promise<PortalAppointment> {
  const actor = requirePortalActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const { task } = await findPortalTask(txCtx, input.taskId, { lock: true });
    requireVersion(task, input.version);
    const [org, fields] = await Promise.all([findOrganization(txCtx), readTaskFields(txCtx, task.id)]);
    const check = checkConfirmation(
      task,
      org,
      fields.map((field) => ({ field, answer: field.answer })),
    );
    if (!check.canConfirm) throw new AppError('PRECONDITION_FAILED', check.refusal ?? '');
    const status = nextStatus(task.status, 'confirm', taskFacts(task));
    await writeTask(
      txCtx,
      task,
      {
        status,
        confirmationState: 'confirmed',
        confirmedAt: ctx.clock.now(),
        confirmedByPortalUserId: actor.id,
      },
      { action: 'confirm' },
    );
    await publishLiveEvent(txCtx, { taskId: task.id, kind: 'confirmed' });
  });
  return getPortalAppointment(ctx, { taskId: input.taskId });
}
