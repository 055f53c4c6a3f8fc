// Edits a contact under optimistic locking; the result must still be reachable over its preferred channel.
import type { Contact, ContactUpdateInput } from '@portico/validators/contacts';
import { diffChanges, recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { normalizeOptionalPhone } from '../phone';
import { assertContactReachable } from './check-contact-reachable';
import { findContact } from './find-contact';

export async function updateContact(ctx: CoreContext, input: ContactUpdateInput): Promise<Contact> {
  const phone = normalizeOptionalPhone(input.phone);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findContact(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('contact');
    const patch = {
      name: input.name ?? before.name,
      phone: phone === undefined ? before.phone : phone,
      email: input.email === undefined ? before.email : input.email,
      preferredChannel: input.preferredChannel ?? before.preferredChannel,
      smsOptOut: input.smsOptOut ?? before.smsOptOut,
    };
    assertContactReachable(patch);
    if (Object.keys(diffChanges(before, patch, Object.keys(patch))).length === 0) return before;
    const { contacts } = schema;
    const [after] = await tx
      .update(contacts)
      .set({ ...patch, version: sql`${contacts.version} + 1`, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(contacts.id, before.id),
          eq(contacts.organizationId, ctx.organizationId),
          eq(contacts.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('contact');
    await recordAudit(txCtx, { entityType: 'contact', entityId: after.id, action: 'update', before, after });
    return after;
  });
}
