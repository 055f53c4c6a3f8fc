// Disables or re-enables a staff user; disabling ends every session they have, in the same transaction.
import type { SetStaffStatusInput, StaffUser } from '@portico/validators';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import type { DbOrTx } from '../internal/db';
import { AppError, notFound, staleVersion } from '../errors';
import { and, desc, eq, schema, sql } from '../internal/db';
import { enqueueJob } from '../jobs/queues';
import { assertAnotherActiveAdmin, toStaffUser } from './staff-user-row';

const { staffUsers } = schema;

/** Session revocation lives in @portico/auth, which depends on core; the caller hands it in. */
export type SetStaffUserStatusDeps = {
  invalidateUserSessions: (db: DbOrTx, user: { staffUserId: string }) => Promise<void>;
};

export async function setStaffUserStatus(
  ctx: CoreContext,
  input: SetStaffStatusInput,
  deps: SetStaffUserStatusDeps,
): Promise<StaffUser> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const [current] = await tx
      .select()
      .from(staffUsers)
      .where(and(eq(staffUsers.id, input.id), eq(staffUsers.organizationId, ctx.organizationId)))
      .for('update');
    if (!current) throw notFound('Staff user');
    if (current.version !== input.version) throw staleVersion('staff user');
    if (current.status === input.status) return toStaffUser(current);
    // An invited person has no password yet; only accepting the invitation activates the account.
    if (current.status === 'invited' && input.status === 'active') {
      throw new AppError(
        'BAD_REQUEST',
        `${current.name} has not accepted the invitation yet, so there is no account to enable. Resend the invitation instead.`,
        { field: 'status' },
      );
    }

    if (input.status === 'disabled') {
      if (ctx.actor.type === 'staff' && ctx.actor.id === current.id) {
        throw new AppError(
          'BAD_REQUEST',
          'You cannot disable your own account. Ask another admin to do it.',
          {
            field: 'status',
          },
        );
      }
      if (current.role === 'admin') {
        await assertAnotherActiveAdmin(txCtx, current.id, {
          message:
            'This is the only active admin of the organization. Make another staff user an admin first.',
          field: 'status',
        });
      }
    }

    // Someone disabled before accepting their invitation still has no password: enabling them makes them
    // invited again and sends a fresh link (the disable's audit row says what they were).
    const nextStatus =
      input.status === 'active' && (await wasInvitedWhenDisabled(txCtx, current.id))
        ? 'invited'
        : input.status;

    const [row] = await tx
      .update(staffUsers)
      .set({ status: nextStatus, version: sql`${staffUsers.version} + 1`, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(staffUsers.id, input.id),
          eq(staffUsers.organizationId, ctx.organizationId),
          eq(staffUsers.version, input.version),
        ),
      )
      .returning();
    if (!row) throw staleVersion('staff user');
    if (row.status === 'disabled') await deps.invalidateUserSessions(tx, { staffUserId: row.id });
    if (row.status === 'invited') {
      await enqueueJob(txCtx, 'staff-invite', {
        organizationId: ctx.organizationId,
        staffUserId: row.id,
        invitedBy: ctx.actor.type === 'staff' ? ctx.actor.id : null,
      });
    }
    await recordAudit(txCtx, {
      entityType: 'staff_user',
      entityId: row.id,
      action: row.status === 'disabled' ? 'disable' : 'enable',
      before: { status: current.status },
      after: { status: row.status },
    });
    return toStaffUser(row);
  });
}

async function wasInvitedWhenDisabled(ctx: CoreContext, staffUserId: string): Promise<boolean> {
  const { auditEvents } = schema;
  const [last] = await ctx.db
    .select({ changes: auditEvents.changes })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, ctx.organizationId),
        eq(auditEvents.entityType, 'staff_user'),
        eq(auditEvents.entityId, staffUserId),
        eq(auditEvents.action, 'disable'),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return last?.changes.status?.from === 'invited';
}
