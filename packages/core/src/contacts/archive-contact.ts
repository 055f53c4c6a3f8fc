// Archives a contact: refused while it is a site's primary contact; drops it as secondary contact and
// ends its portal access.
import type { Contact, ContactVersionInput } from '@portico/validators/contacts';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, eq, isNull, schema, sql } from '../internal/db';
import { disablePortalUsers } from '../portal-users/disable-portal-users';
import { findContact } from './find-contact';

const siteLabel = (site: { name: string | null; addressLine1: string; city: string }) =>
  site.name ? `${site.name} (${site.addressLine1}, ${site.city})` : `${site.addressLine1}, ${site.city}`;

export async function archiveContact(ctx: CoreContext, input: ContactVersionInput): Promise<Contact> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findContact(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('contact');
    if (before.archivedAt) throw new AppError('CONFLICT', 'This contact is already archived.');

    const { sites, contacts } = schema;
    const siteScope = and(eq(sites.organizationId, ctx.organizationId), isNull(sites.archivedAt));
    const primaryOf = await tx
      .select({ name: sites.name, addressLine1: sites.addressLine1, city: sites.city })
      .from(sites)
      .where(and(siteScope, eq(sites.primaryContactId, before.id)))
      .orderBy(sites.addressLine1)
      .limit(3);
    if (primaryOf.length > 0) {
      throw new AppError(
        'CONFLICT',
        `${before.name} is the primary contact of ${primaryOf.map(siteLabel).join('; ')}. ` +
          'Choose another primary contact for that site first, or archive the site.',
      );
    }

    const now = ctx.clock.now();
    // A site keeps working without a secondary contact, so it is dropped rather than blocking the archive.
    const secondaryOf = await tx
      .select()
      .from(sites)
      .where(and(siteScope, eq(sites.secondaryContactId, before.id)))
      .for('update');
    for (const siteBefore of secondaryOf) {
      const [siteAfter] = await tx
        .update(sites)
        .set({ secondaryContactId: null, version: sql`${sites.version} + 1`, updatedAt: now })
        .where(and(eq(sites.id, siteBefore.id), eq(sites.organizationId, ctx.organizationId)))
        .returning();
      await recordAudit(txCtx, {
        entityType: 'site',
        entityId: siteBefore.id,
        action: 'update',
        before: siteBefore,
        after: siteAfter,
      });
    }

    const [after] = await tx
      .update(contacts)
      .set({ archivedAt: now, version: sql`${contacts.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(contacts.id, before.id),
          eq(contacts.organizationId, ctx.organizationId),
          eq(contacts.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('contact');
    await recordAudit(txCtx, { entityType: 'contact', entityId: after.id, action: 'archive', before, after });
    await disablePortalUsers(txCtx, { contactId: after.id });
    return after;
  });
}
