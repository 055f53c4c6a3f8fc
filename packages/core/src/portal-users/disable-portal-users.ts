// Disables portal users and ends every session they hold, in the caller's transaction.
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { and, eq, inArray, ne, schema, sql } from '../internal/db';

export type PortalUserRow = typeof schema.portalUsers.$inferSelect;

/**
 * Sessions are deleted here rather than through @portico/auth's invalidateUserSessions because auth depends
 * on core; the statement is the same one and runs in the same transaction as the status change.
 */
export async function endPortalUserSessions(ctx: CoreContext, portalUserIds: string[]): Promise<void> {
  if (portalUserIds.length === 0) return;
  const { sessions } = schema;
  await ctx.db
    .delete(sessions)
    .where(
      and(eq(sessions.organizationId, ctx.organizationId), inArray(sessions.portalUserId, portalUserIds)),
    );
}

/**
 * Disables every not-yet-disabled portal user of a contact or a customer (archiving them ends portal access).
 * Must run inside a transaction. Returns the users it disabled.
 */
export async function disablePortalUsers(
  ctx: CoreContext,
  owner: { contactId: string } | { customerId: string },
): Promise<PortalUserRow[]> {
  const { portalUsers } = schema;
  const scope = and(
    eq(portalUsers.organizationId, ctx.organizationId),
    'contactId' in owner
      ? eq(portalUsers.contactId, owner.contactId)
      : eq(portalUsers.customerId, owner.customerId),
    ne(portalUsers.status, 'disabled'),
  );
  const befores = await ctx.db.select().from(portalUsers).where(scope).for('update');
  if (befores.length === 0) return [];
  const now = ctx.clock.now();
  const afters = await ctx.db
    .update(portalUsers)
    .set({ status: 'disabled', disabledAt: now, version: sql`${portalUsers.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(portalUsers.organizationId, ctx.organizationId),
        inArray(
          portalUsers.id,
          befores.map((b) => b.id),
        ),
      ),
    )
    .returning();
  await endPortalUserSessions(
    ctx,
    afters.map((a) => a.id),
  );
  for (const after of afters) {
    const before = befores.find((b) => b.id === after.id);
    await recordAudit(ctx, {
      entityType: 'portal_user',
      entityId: after.id,
      action: 'disable',
      before,
      after,
    });
  }
  return afters;
}
