// Sends an invited staff user a fresh invitation; the job's new link replaces every older one.
import type { ResendStaffInviteInput, StaffUser } from '@portico/validators';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, notFound } from '../errors';
import { enqueueJob } from '../jobs/queues';
import { and, eq, schema } from '../internal/db';
import { toStaffUser } from './staff-user-row';

const { staffUsers } = schema;

export async function resendStaffInvite(ctx: CoreContext, input: ResendStaffInviteInput): Promise<StaffUser> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    // Locked so an accept finishing at this moment is seen: an active user gets no new link.
    const [current] = await tx
      .select()
      .from(staffUsers)
      .where(and(eq(staffUsers.id, input.id), eq(staffUsers.organizationId, ctx.organizationId)))
      .for('update');
    if (!current) throw notFound('Staff user');
    if (current.status !== 'invited') {
      throw new AppError(
        'BAD_REQUEST',
        `${current.name} already has an account, so there is no invitation to send. They sign in with their email and password.`,
        { field: 'id' },
      );
    }
    await recordAudit(txCtx, {
      entityType: 'staff_user',
      entityId: current.id,
      action: 'resend_invite',
    });
    await enqueueJob(txCtx, 'staff-invite', {
      organizationId: ctx.organizationId,
      staffUserId: current.id,
      invitedBy: ctx.actor.type === 'staff' ? ctx.actor.id : null,
    });
    return toStaffUser(current);
  });
}
