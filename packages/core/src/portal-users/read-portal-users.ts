// Reads portal users with the contact and customer facts a dispatcher needs to recognise them.
import type { PortalUser } from '@portico/validators/portal-users';
import type { SQL } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, eq, schema, sql } from '../internal/db';

export async function readPortalUsers(ctx: CoreContext, where: SQL | undefined): Promise<PortalUser[]> {
  const { portalUsers, contacts, customers } = schema;
  return ctx.db
    .select({
      id: portalUsers.id,
      customerId: portalUsers.customerId,
      customerName: customers.name,
      contactId: portalUsers.contactId,
      contactName: contacts.name,
      contactPhone: contacts.phone,
      contactEmail: contacts.email,
      role: portalUsers.role,
      status: portalUsers.status,
      invitedAt: portalUsers.invitedAt,
      lastSignInAt: portalUsers.lastSignInAt,
      disabledAt: portalUsers.disabledAt,
      version: portalUsers.version,
      createdAt: portalUsers.createdAt,
      updatedAt: portalUsers.updatedAt,
    })
    .from(portalUsers)
    .innerJoin(
      contacts,
      and(eq(contacts.id, portalUsers.contactId), eq(contacts.organizationId, portalUsers.organizationId)),
    )
    .innerJoin(
      customers,
      and(eq(customers.id, portalUsers.customerId), eq(customers.organizationId, portalUsers.organizationId)),
    )
    .where(and(eq(portalUsers.organizationId, ctx.organizationId), where))
    .orderBy(sql`lower(${contacts.name})`, portalUsers.id);
}

export async function readPortalUser(ctx: CoreContext, id: string): Promise<PortalUser> {
  const [row] = await readPortalUsers(ctx, eq(schema.portalUsers.id, id));
  if (!row) throw notFound('Portal user');
  return row;
}
