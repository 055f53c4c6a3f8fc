// Invites a staff user by email: adds them as 'invited' with a password nobody knows and enqueues the
// staff-invite job, which mints the link and emails it.
import { isPgError, pgErrorCodes } from '@portico/db';
import type { InviteStaffInput, StaffUser } from '@portico/validators';
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { enqueueJob } from '../jobs/queues';
import { eq, schema, sql } from '../internal/db';
import { toStaffUser } from './staff-user-row';
import type { CreateStaffUserDeps } from './create-staff-user';

const { staffUsers } = schema;

/** Re-exported for the staff-invite job, which has no dependency on validators. */
export { staffInviteLifetimeHours } from '@portico/validators';

const emailTaken = () =>
  new AppError('CONFLICT', 'A staff user with this email already exists.', { field: 'email' });

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
  const email = input.email.trim().toLowerCase();
  // Emails are unique across Portico (sign-in asks for no organization), so this looks beyond the tenant.
  const [existing] = await ctx.db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, email))
    .limit(1);
  if (existing) throw emailTaken();

  const passwordHash = await unguessablePasswordHash(deps);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = { ...ctx, db: tx };
      const [row] = await tx
        .insert(staffUsers)
        .values({
          organizationId: ctx.organizationId,
          email,
          name: input.name,
          role: input.role,
          passwordHash,
          status: 'invited',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new Error('staff user insert returned no row');
      const user = toStaffUser(row);
      await recordAudit(txCtx, {
        entityType: 'staff_user',
        entityId: user.id,
        action: 'invite',
        after: { email: user.email, name: user.name, role: user.role, status: user.status },
      });
      await enqueueJob(txCtx, 'staff-invite', {
        organizationId: ctx.organizationId,
        staffUserId: user.id,
        invitedBy: ctx.actor.type === 'staff' ? ctx.actor.id : null,
      });
      return user;
    });
  } catch (error) {
    // Two admins inviting the same email at once: the unique index decides, with the same answer.
    const pgError = error instanceof Error && isPgError(error.cause) ? error.cause : error;
    if (isPgError(pgError, pgErrorCodes.uniqueViolation)) throw emailTaken();
    throw error;
  }
}
