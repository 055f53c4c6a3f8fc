// Edits a site under optimistic locking: address, time zone (not under booked appointments) and contacts.
import type { Site, SiteUpdateInput } from '@portico/validators/sites';
import { diffChanges, recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { findOpenTasks } from './find-open-tasks';
import { checkSiteContacts } from './check-site-contacts';
import { findSite } from './find-site';

export async function updateSite(ctx: CoreContext, input: SiteUpdateInput): Promise<Site> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findSite(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('site');
    const keep = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);
    const patch = {
      name: keep(input.name, before.name),
      addressLine1: keep(input.addressLine1, before.addressLine1),
      addressLine2: keep(input.addressLine2, before.addressLine2),
      city: keep(input.city, before.city),
      region: keep(input.region, before.region),
      postalCode: keep(input.postalCode, before.postalCode),
      country: keep(input.country, before.country),
      timeZone: keep(input.timeZone, before.timeZone),
      primaryContactId: keep(input.primaryContactId, before.primaryContactId),
      secondaryContactId: keep(input.secondaryContactId, before.secondaryContactId),
    };
    const changes = diffChanges(before, patch, Object.keys(patch));
    if (Object.keys(changes).length === 0) return before;

    if (patch.secondaryContactId && patch.secondaryContactId === patch.primaryContactId) {
      throw new AppError(
        'BAD_REQUEST',
        'The secondary contact must be a different person from the primary contact.',
        {
          field: input.secondaryContactId ? 'secondaryContactId' : 'primaryContactId',
        },
      );
    }
    // Only newly named contacts are checked, so an unrelated edit is never blocked by the current ones.
    await checkSiteContacts(txCtx, before.customerId, {
      primaryContactId: changes.primaryContactId ? (patch.primaryContactId ?? undefined) : undefined,
      secondaryContactId: changes.secondaryContactId ? patch.secondaryContactId : undefined,
    });
    if (changes.timeZone) {
      // Booked appointments hold instants computed in the old zone; moving the zone would silently shift them.
      const open = await findOpenTasks(txCtx, { siteId: before.id });
      if (open.booked > 0) {
        throw new AppError(
          'CONFLICT',
          `This site has ${open.booked} booked ${open.booked === 1 ? 'appointment' : 'appointments'} in ${before.timeZone}. ` +
            'Reschedule or cancel them before changing the time zone.',
          { field: 'timeZone' },
        );
      }
    }

    const { sites } = schema;
    const [after] = await tx
      .update(sites)
      .set({ ...patch, version: sql`${sites.version} + 1`, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(sites.id, before.id),
          eq(sites.organizationId, ctx.organizationId),
          eq(sites.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('site');
    await recordAudit(txCtx, { entityType: 'site', entityId: after.id, action: 'update', before, after });
    return after;
  });
}
