// Changes a portal user's role (contact or account_admin) under optimistic locking.
import type { PortalUser, PortalUserSetRoleInput } from '@portico/validators/portal-users';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { findPortalUser } from './find-portal-user';
import { readPortalUser } from './read-portal-users';

export async function setPortalUserRole(
  ctx: CoreContext,
  input: PortalUserSetRoleInput,
): Promise<PortalUser> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findPortalUser(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('portal user');
    if (before.role === input.role) return;
    const { portalUsers } = schema;
    const [after] = await tx
      .update(portalUsers)
      .set({ role: input.role, version: sql`${portalUsers.version} + 1`, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(portalUsers.id, before.id),
          eq(portalUsers.organizationId, ctx.organizationId),
          eq(portalUsers.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('portal user');
    await recordAudit(txCtx, {
      entityType: 'portal_user',
      entityId: after.id,
      action: 'set_role',
      before,
      after,
    });
  });
  return readPortalUser(ctx, input.id);
}
