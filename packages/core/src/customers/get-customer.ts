// Reads one customer with its sites and contacts, non-archived first.
import type { CustomerDetail } from '@portico/validators/customers';
import type { CoreContext } from '../context';
import { and, eq, schema, sql } from '../internal/db';
import { findCustomer } from './find-customer';

export async function getCustomer(ctx: CoreContext, input: { id: string }): Promise<CustomerDetail> {
  const customer = await findCustomer(ctx, input.id);
  const { sites, contacts } = schema;
  const [siteRows, contactRows] = await Promise.all([
    ctx.db
      .select()
      .from(sites)
      .where(and(eq(sites.organizationId, ctx.organizationId), eq(sites.customerId, customer.id)))
      .orderBy(
        sql`${sites.archivedAt} is not null`,
        sql`lower(coalesce(${sites.name}, ${sites.addressLine1}))`,
        sites.id,
      ),
    ctx.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.customerId, customer.id)))
      .orderBy(sql`${contacts.archivedAt} is not null`, sql`lower(${contacts.name})`, contacts.id),
  ]);
  return { ...customer, sites: siteRows, contacts: contactRows };
}
