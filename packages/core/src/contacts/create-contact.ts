// Adds a contact to a customer: phone normalized to E.164, reachable over the channel they prefer.
import type { Contact, ContactCreateInput } from '@portico/validators/contacts';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { findCustomer } from '../customers/find-customer';
import { AppError } from '../errors';
import { schema } from '../internal/db';
import { normalizeOptionalPhone } from '../phone';
import { assertContactReachable } from './check-contact-reachable';

export async function createContact(ctx: CoreContext, input: ContactCreateInput): Promise<Contact> {
  const fields = {
    name: input.name,
    phone: normalizeOptionalPhone(input.phone) ?? null,
    email: input.email ?? null,
    preferredChannel: input.preferredChannel,
    smsOptOut: input.smsOptOut ?? false,
  };
  assertContactReachable(fields);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    // Locked so the customer cannot be archived while its new contact is written.
    const customer = await findCustomer(txCtx, input.customerId, { forUpdate: true });
    if (customer.archivedAt) {
      throw new AppError(
        'CONFLICT',
        `${customer.name} is archived. Restore the customer before adding contacts.`,
      );
    }
    const now = ctx.clock.now();
    const [contact] = await tx
      .insert(schema.contacts)
      .values({
        ...fields,
        organizationId: ctx.organizationId,
        customerId: customer.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!contact) throw new Error('contact insert returned no row');
    await recordAudit(txCtx, {
      entityType: 'contact',
      entityId: contact.id,
      action: 'create',
      after: contact,
    });
    return contact;
  });
}
