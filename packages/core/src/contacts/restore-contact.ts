// Restores an archived contact, once its customer is not archived. Its portal access stays off until an admin
// or dispatcher enables it again (as when a customer is restored).
import type { Contact, ContactVersionInput } from '@portico/validators/contacts';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { assertCustomerActive } from '../customers/restore-checks';
import { AppError, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { findContact } from './find-contact';

export async function restoreContact(ctx: CoreContext, input: ContactVersionInput): Promise<Contact> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findContact(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('contact');
    if (!before.archivedAt) throw new AppError('CONFLICT', 'This contact is not archived.');
    await assertCustomerActive(txCtx, before.customerId, 'contact');
    const { contacts } = schema;
    const [after] = await tx
      .update(contacts)
      .set({ archivedAt: null, version: sql`${contacts.version} + 1`, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(contacts.id, before.id),
          eq(contacts.organizationId, ctx.organizationId),
          eq(contacts.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('contact');
    await recordAudit(txCtx, { entityType: 'contact', entityId: after.id, action: 'restore', before, after });
    return after;
  });
}
