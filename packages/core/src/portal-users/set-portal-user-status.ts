// Disables a portal user (ending every session) or enables one again (active if they ever signed in, else
// invited), under optimistic locking.
import type { PortalUser, PortalUserSetStatusInput } from '@portico/validators/portal-users';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { endPortalUserSessions } from './disable-portal-users';
import { findPortalUser } from './find-portal-user';
import { readPortalUser } from './read-portal-users';

export async function setPortalUserStatus(
  ctx: CoreContext,
  input: PortalUserSetStatusInput,
): Promise<PortalUser> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findPortalUser(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('portal user');
    const isDisabled = before.status === 'disabled';
    // Asking for the state the user is already in changes nothing (a double click is not an error).
    if ((input.status === 'disabled') === isDisabled) return;

    const now = ctx.clock.now();
    let patch: Partial<typeof schema.portalUsers.$inferInsert>;
    if (input.status === 'disabled') {
      patch = { status: 'disabled', disabledAt: now };
    } else {
      const { contacts, customers } = schema;
      const [owner] = await tx
        .select({
          contactName: contacts.name,
          contactArchivedAt: contacts.archivedAt,
          customerArchivedAt: customers.archivedAt,
        })
        .from(contacts)
        .innerJoin(customers, eq(customers.id, contacts.customerId))
        .where(and(eq(contacts.id, before.contactId), eq(contacts.organizationId, ctx.organizationId)));
      if (owner?.contactArchivedAt || owner?.customerArchivedAt) {
        throw new AppError(
          'CONFLICT',
          `${owner.contactName}'s ${owner.contactArchivedAt ? 'contact' : 'customer'} record is archived. Restore it before enabling portal access.`,
          { field: 'status' },
        );
      }
      patch = { status: before.lastSignInAt ? 'active' : 'invited', disabledAt: null };
    }

    const { portalUsers } = schema;
    const [after] = await tx
      .update(portalUsers)
      .set({ ...patch, version: sql`${portalUsers.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(portalUsers.id, before.id),
          eq(portalUsers.organizationId, ctx.organizationId),
          eq(portalUsers.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('portal user');
    if (after.status === 'disabled') await endPortalUserSessions(txCtx, [after.id]);
    await recordAudit(txCtx, {
      entityType: 'portal_user',
      entityId: after.id,
      action: after.status === 'disabled' ? 'disable' : 'enable',
      before,
      after,
    });
  });
  return readPortalUser(ctx, input.id);
}
