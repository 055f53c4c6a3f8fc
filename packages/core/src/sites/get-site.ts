// Reads one site with its customer's name and its primary and secondary contacts.
import type { SiteDetail } from '@portico/validators/sites';
import type { CoreContext } from '../context';
import { and, eq, inArray, schema } from '../internal/db';
import { findCustomer } from '../customers/find-customer';
import { findSite } from './find-site';

export async function getSite(ctx: CoreContext, input: { id: string }): Promise<SiteDetail> {
  const site = await findSite(ctx, input.id);
  const customer = await findCustomer(ctx, site.customerId);
  const ids = [site.primaryContactId, site.secondaryContactId].filter((id): id is string => !!id);
  const { contacts } = schema;
  const rows = ids.length
    ? await ctx.db
        .select()
        .from(contacts)
        .where(and(eq(contacts.organizationId, ctx.organizationId), inArray(contacts.id, ids)))
    : [];
  const byId = (id: string | null) => (id ? (rows.find((c) => c.id === id) ?? null) : null);
  return {
    ...site,
    customerName: customer.name,
    primaryContact: byId(site.primaryContactId),
    secondaryContact: byId(site.secondaryContactId),
  };
}
