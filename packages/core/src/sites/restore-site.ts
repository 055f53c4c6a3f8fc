// Restores an archived site, once its customer and its primary contact are not archived.
import type { Site, SiteVersionInput } from '@portico/validators/sites';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { assertCustomerActive } from '../customers/restore-checks';
import { AppError, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { findSite } from './find-site';

export async function restoreSite(ctx: CoreContext, input: SiteVersionInput): Promise<Site> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findSite(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('site');
    if (!before.archivedAt) throw new AppError('CONFLICT', 'This site is not archived.');
    await assertCustomerActive(txCtx, before.customerId, 'site');
    const { sites, contacts } = schema;
    if (before.primaryContactId) {
      const [primary] = await tx
        .select({ name: contacts.name, archivedAt: contacts.archivedAt })
        .from(contacts)
        .where(
          and(eq(contacts.id, before.primaryContactId), eq(contacts.organizationId, ctx.organizationId)),
        );
      if (primary?.archivedAt) {
        throw new AppError(
          'CONFLICT',
          `The site's primary contact, ${primary.name}, is archived: notifications would reach no one. Restore ${primary.name} first.`,
        );
      }
    }
    const [after] = await tx
      .update(sites)
      .set({ archivedAt: null, version: sql`${sites.version} + 1`, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(sites.id, before.id),
          eq(sites.organizationId, ctx.organizationId),
          eq(sites.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('site');
    await recordAudit(txCtx, { entityType: 'site', entityId: after.id, action: 'restore', before, after });
    return after;
  });
}
