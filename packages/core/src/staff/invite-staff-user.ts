// Invites a staff user by email: adds them as 'invited' with a password nobody knows and enqueues the
// staff-invite job, which mints the link and emails it.
import type { InviteStaffInput, StaffUser } from '@portico/validators';
import { randomBytes } from 'node:crypto';
import type { CoreContext } from '../context';
import { enqueueJob } from '../jobs/queues';
import { addStaffUser, type CreateStaffUserDeps } from './create-staff-user';

/** Re-exported for the staff-invite job, which has no dependency on validators. */
export { staffInviteLifetimeHours } from '@portico/validators';

/**
 * The column stays NOT NULL and sign-in always verifies a real argon2 hash, so an invited user gets the hash of
 * 32 random bytes that are thrown away: no password opens it, and refusing it costs what any refusal costs.
 */
export function unguessablePasswordHash(deps: CreateStaffUserDeps): Promise<string> {
  return deps.hashPassword(randomBytes(32).toString('base64url'));
}

export async function inviteStaffUser(
  ctx: CoreContext,
  input: InviteStaffInput,
  deps: CreateStaffUserDeps,
): Promise<StaffUser> {
  return addStaffUser(ctx, {
    ...input,
    status: 'invited',
    action: 'invite',
    passwordHash: () => unguessablePasswordHash(deps),
    then: (txCtx, user) =>
      enqueueJob(txCtx, 'staff-invite', {
        organizationId: ctx.organizationId,
        staffUserId: user.id,
        invitedBy: ctx.actor.type === 'staff' ? ctx.actor.id : null,
      }),
  });
}
