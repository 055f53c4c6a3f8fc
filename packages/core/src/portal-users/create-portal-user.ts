// Gives a contact portal access: one portal user per contact, status invited (the invite itself is sent
// by the notifications domain, not here).
import type { PortalUser, PortalUserCreateInput } from '@portico/validators/portal-users';
import { recordAudit } from '../audit/record-audit';
import { findContact } from '../contacts/find-contact';
import type { CoreContext } from '../context';
import { findCustomer } from '../customers/find-customer';
import { AppError } from '../errors';
import { and, eq, schema } from '../internal/db';
import { readPortalUser } from './read-portal-users';

export async function createPortalUser(ctx: CoreContext, input: PortalUserCreateInput): Promise<PortalUser> {
  const id = await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const contact = await findContact(txCtx, input.contactId, { field: 'contactId', forUpdate: true });
    if (contact.archivedAt) {
      throw new AppError('CONFLICT', `${contact.name} is archived, so they cannot get portal access.`, {
        field: 'contactId',
      });
    }
    const customer = await findCustomer(txCtx, contact.customerId);
    if (customer.archivedAt) {
      throw new AppError(
        'CONFLICT',
        `${customer.name} is archived. Restore the customer before inviting portal users.`,
        {
          field: 'contactId',
        },
      );
    }
    if (!contact.phone && !contact.email) {
      throw new AppError(
        'BAD_REQUEST',
        `${contact.name} has no phone number or email address to sign in with. Add one first.`,
        {
          field: 'contactId',
        },
      );
    }
    const { portalUsers } = schema;
    const alreadyExists = () =>
      new AppError(
        'CONFLICT',
        `${contact.name} already has portal access. Change that portal user instead.`,
        {
          field: 'contactId',
        },
      );
    const [existing] = await tx
      .select({ id: portalUsers.id })
      .from(portalUsers)
      .where(and(eq(portalUsers.organizationId, ctx.organizationId), eq(portalUsers.contactId, contact.id)));
    if (existing) throw alreadyExists();
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(portalUsers)
      .values({
        organizationId: ctx.organizationId,
        customerId: contact.customerId,
        contactId: contact.id,
        role: input.role,
        status: 'invited',
        invitedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: portalUsers.contactId })
      .returning();
    if (!row) throw alreadyExists();
    await recordAudit(txCtx, { entityType: 'portal_user', entityId: row.id, action: 'create', after: row });
    return row.id;
  });
  return readPortalUser(ctx, id);
}
