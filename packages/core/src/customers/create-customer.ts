// Creates a customer, optionally with a first contact and a first site (that contact as primary) in one go.
import type { CustomerCreateInput, CustomerDetail } from '@portico/validators/customers';
import { recordAudit } from '../audit/record-audit';
import { assertContactReachable } from '../contacts/check-contact-reachable';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { schema } from '../internal/db';
import { normalizeOptionalPhone } from '../phone';

export async function createCustomer(ctx: CoreContext, input: CustomerCreateInput): Promise<CustomerDetail> {
  const phone = normalizeOptionalPhone(input.phone) ?? null;
  const contactInput = input.contact
    ? {
        ...input.contact,
        phone: normalizeOptionalPhone(input.contact.phone, { field: 'contact.phone' }) ?? null,
        email: input.contact.email ?? null,
      }
    : null;
  if (contactInput) assertContactReachable(contactInput, 'contact.');
  if (input.site && !contactInput) {
    throw new AppError('BAD_REQUEST', 'A site needs a primary contact: add the contact too.', {
      field: 'contact',
    });
  }
  const now = ctx.clock.now();
  const base = { organizationId: ctx.organizationId, createdAt: now, updatedAt: now };

  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const [customer] = await tx
      .insert(schema.customers)
      .values({
        ...base,
        name: input.name,
        kind: input.kind,
        email: input.email ?? null,
        phone,
        notes: input.notes ?? null,
      })
      .returning();
    if (!customer) throw new Error('customer insert returned no row');
    await recordAudit(txCtx, {
      entityType: 'customer',
      entityId: customer.id,
      action: 'create',
      after: customer,
    });

    const contacts: (typeof schema.contacts.$inferSelect)[] = [];
    if (contactInput) {
      const [contact] = await tx
        .insert(schema.contacts)
        .values({
          ...base,
          customerId: customer.id,
          name: contactInput.name,
          phone: contactInput.phone,
          email: contactInput.email,
          preferredChannel: contactInput.preferredChannel,
          smsOptOut: contactInput.smsOptOut ?? false,
        })
        .returning();
      if (!contact) throw new Error('contact insert returned no row');
      await recordAudit(txCtx, {
        entityType: 'contact',
        entityId: contact.id,
        action: 'create',
        after: contact,
      });
      contacts.push(contact);
    }

    const sites: (typeof schema.sites.$inferSelect)[] = [];
    if (input.site && contacts[0]) {
      const [site] = await tx
        .insert(schema.sites)
        .values({
          ...base,
          customerId: customer.id,
          name: input.site.name ?? null,
          addressLine1: input.site.addressLine1,
          addressLine2: input.site.addressLine2 ?? null,
          city: input.site.city,
          region: input.site.region ?? null,
          postalCode: input.site.postalCode ?? null,
          country: input.site.country,
          timeZone: input.site.timeZone,
          primaryContactId: contacts[0].id,
        })
        .returning();
      if (!site) throw new Error('site insert returned no row');
      await recordAudit(txCtx, { entityType: 'site', entityId: site.id, action: 'create', after: site });
      sites.push(site);
    }

    return { ...customer, sites, contacts };
  });
}
