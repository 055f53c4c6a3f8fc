// Reading the caller's organization row and shaping it as settings (internal counters left out).
import type { OrganizationSettings } from '@portico/validators/organization';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { eq, schema } from '../internal/db';

export type OrganizationRow = typeof schema.organizations.$inferSelect;

export async function findOrganization(
  ctx: CoreContext,
  options: { forUpdate?: boolean } = {},
): Promise<OrganizationRow> {
  const { organizations } = schema;
  const query = ctx.db.select().from(organizations).where(eq(organizations.id, ctx.organizationId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Organization');
  return row;
}

export function toOrganizationSettings(row: OrganizationRow): OrganizationSettings {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.timeZone,
    officePhone: row.officePhone,
    officeEmail: row.officeEmail,
    logoFileId: row.logoFileId,
    logoUrl: row.logoFileId ? `/files/${row.logoFileId}` : null,
    primaryColor: row.primaryColor,
    accentColor: row.accentColor,
    labels: row.labels,
    loginMode: row.loginMode,
    linkLifetimeHours: row.linkLifetimeHours,
    rescheduleCutoffHours: row.rescheduleCutoffHours,
    cancelPolicy: row.cancelPolicy,
    cancelMessage: row.cancelMessage,
    cancelPhone: row.cancelPhone,
    hideServiceDetails: row.hideServiceDetails,
    confirmationFlow: row.confirmationFlow,
    notifyOnDispatcherBooking: row.notifyOnDispatcherBooking,
    staffSessionIdleMinutes: row.staffSessionIdleMinutes,
    staffSessionAbsoluteHours: row.staffSessionAbsoluteHours,
    portalSessionIdleDays: row.portalSessionIdleDays,
    portalSessionAbsoluteDays: row.portalSessionAbsoluteDays,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
