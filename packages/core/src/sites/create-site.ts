// Adds a service address to a customer, with contacts of that same customer.
import type { Site, SiteCreateInput } from '@portico/validators/sites';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { findCustomer } from '../customers/find-customer';
import { AppError } from '../errors';
import { schema } from '../internal/db';
import { checkSiteContacts } from './check-site-contacts';

export async function createSite(ctx: CoreContext, input: SiteCreateInput): Promise<Site> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const customer = await findCustomer(txCtx, input.customerId, { forUpdate: true });
    if (customer.archivedAt) {
      throw new AppError(
        'CONFLICT',
        `${customer.name} is archived. Restore the customer before adding sites.`,
      );
    }
    await checkSiteContacts(txCtx, customer.id, input);
    const now = ctx.clock.now();
    const [site] = await tx
      .insert(schema.sites)
      .values({
        organizationId: ctx.organizationId,
        customerId: customer.id,
        name: input.name ?? null,
        addressLine1: input.addressLine1,
        addressLine2: input.addressLine2 ?? null,
        city: input.city,
        region: input.region ?? null,
        postalCode: input.postalCode ?? null,
        country: input.country,
        timeZone: input.timeZone,
        primaryContactId: input.primaryContactId,
        secondaryContactId: input.secondaryContactId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!site) throw new Error('site insert returned no row');
    await recordAudit(txCtx, { entityType: 'site', entityId: site.id, action: 'create', after: site });
    return site;
  });
}
