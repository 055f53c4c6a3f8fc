// Lists the contacts of one customer by name (archived ones last, and only when asked for).
import type { Contact, ContactListInput } from '@portico/validators/contacts';
import type { CoreContext } from '../context';
import { findCustomer } from '../customers/find-customer';
import { and, eq, isNull, schema, sql } from '../internal/db';

export async function listContacts(ctx: CoreContext, input: ContactListInput): Promise<Contact[]> {
  const customer = await findCustomer(ctx, input.customerId);
  const { contacts } = schema;
  return ctx.db
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.organizationId, ctx.organizationId),
        eq(contacts.customerId, customer.id),
        input.includeArchived ? undefined : isNull(contacts.archivedAt),
      ),
    )
    .orderBy(sql`${contacts.archivedAt} is not null`, sql`lower(${contacts.name})`, contacts.id);
}
