// Checks the records a task points at (customer, site, technician) belong to the organization and can
// take work; reads the tables directly because the owning domains' rules are only about existence here.
import type { CoreContext } from '../context';
import { AppError, notFound } from '../errors';
import { and, eq, schema } from '../internal/db';

export async function requireOpenCustomer(ctx: CoreContext, customerId: string) {
  const { customers } = schema;
  const [customer] = await ctx.db
    .select({ id: customers.id, name: customers.name, archivedAt: customers.archivedAt })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, ctx.organizationId)));
  if (!customer) throw notFound('Customer');
  if (customer.archivedAt) {
    throw new AppError(
      'BAD_REQUEST',
      `${customer.name} is archived. Restore the customer before creating tasks.`,
      {
        field: 'customerId',
      },
    );
  }
  return customer;
}

/** A non-archived site of this customer. */
export async function requireCustomerSite(ctx: CoreContext, siteId: string, customerId: string) {
  const { sites } = schema;
  const [site] = await ctx.db
    .select({
      id: sites.id,
      customerId: sites.customerId,
      addressLine1: sites.addressLine1,
      timeZone: sites.timeZone,
      archivedAt: sites.archivedAt,
    })
    .from(sites)
    .where(and(eq(sites.id, siteId), eq(sites.organizationId, ctx.organizationId)))
    // archiving a site locks it FOR UPDATE and refuses while open tasks exist: share-lock so the two cannot interleave
    .for('share');
  if (!site) throw notFound('Site');
  if (site.customerId !== customerId) {
    throw new AppError(
      'BAD_REQUEST',
      `${site.addressLine1} is a site of another customer. Pick one of this customer's sites.`,
      {
        field: 'siteId',
      },
    );
  }
  if (site.archivedAt) {
    throw new AppError(
      'BAD_REQUEST',
      `${site.addressLine1} is archived. Pick another site or restore it first.`,
      {
        field: 'siteId',
      },
    );
  }
  return site;
}

export async function requireActiveTechnician(ctx: CoreContext, technicianId: string) {
  const { technicians } = schema;
  const [technician] = await ctx.db
    .select({ id: technicians.id, name: technicians.name, active: technicians.active })
    .from(technicians)
    .where(and(eq(technicians.id, technicianId), eq(technicians.organizationId, ctx.organizationId)));
  if (!technician) throw notFound('Technician');
  if (!technician.active) {
    throw new AppError('BAD_REQUEST', `${technician.name} is not active. Assign an active technician.`, {
      field: 'technicianId',
    });
  }
  return technician;
}

export async function readBookingPolicy(ctx: CoreContext): Promise<{ confirmationFlow: boolean }> {
  const { organizations } = schema;
  const [org] = await ctx.db
    .select({ confirmationFlow: organizations.confirmationFlow })
    .from(organizations)
    .where(eq(organizations.id, ctx.organizationId));
  if (!org) throw notFound('Organization');
  return org;
}
