// Reads who a task's notifications go to (the site's primary and secondary contacts, with their portal access)
// and the organization's setting for one notification type.
import type { CoreContext } from '../context';
import { and, eq, inArray, schema } from '../internal/db';
import type { NotificationType } from '../jobs/queues';
import { defaultNotificationSetting, type FanOutContact, type NotificationSetting } from './fan-out';

export type Recipients = {
  setting: NotificationSetting;
  primary: FanOutContact | null;
  secondary: FanOutContact | null;
};

export async function readNotificationSetting(
  ctx: CoreContext,
  type: NotificationType,
): Promise<NotificationSetting> {
  const { notificationSettings } = schema;
  const [row] = await ctx.db
    .select({ enabled: notificationSettings.enabled, method: notificationSettings.method })
    .from(notificationSettings)
    .where(
      and(eq(notificationSettings.organizationId, ctx.organizationId), eq(notificationSettings.type, type)),
    );
  return row ?? defaultNotificationSetting;
}

/** The contacts of a site, by id, scoped to the organization; portal access only matters for invites. */
export async function readContacts(
  ctx: CoreContext,
  ids: (string | null)[],
  options: { withPortalAccess: boolean },
): Promise<Map<string, FanOutContact>> {
  const { contacts, portalUsers } = schema;
  const wanted = ids.filter((id): id is string => id !== null);
  const found = new Map<string, FanOutContact>();
  if (wanted.length === 0) return found;
  const rows = await ctx.db
    .select({
      id: contacts.id,
      name: contacts.name,
      phone: contacts.phone,
      email: contacts.email,
      smsOptOut: contacts.smsOptOut,
      archivedAt: contacts.archivedAt,
    })
    .from(contacts)
    .where(and(inArray(contacts.id, wanted), eq(contacts.organizationId, ctx.organizationId)));
  for (const row of rows) found.set(row.id, row);
  if (options.withPortalAccess) {
    const users = await ctx.db
      .select({ contactId: portalUsers.contactId, status: portalUsers.status })
      .from(portalUsers)
      .where(and(inArray(portalUsers.contactId, wanted), eq(portalUsers.organizationId, ctx.organizationId)));
    for (const user of users) {
      const contact = found.get(user.contactId);
      if (contact) contact.portalDisabled = user.status === 'disabled';
    }
  }
  return found;
}

export async function readRecipients(
  ctx: CoreContext,
  site: { primaryContactId: string | null; secondaryContactId: string | null },
  type: NotificationType,
): Promise<Recipients> {
  // one after the other: inside a transaction both would wait for the same connection anyway
  const setting = await readNotificationSetting(ctx, type);
  const contacts = await readContacts(ctx, [site.primaryContactId, site.secondaryContactId], {
    withPortalAccess: type === 'booking_invite',
  });
  return {
    setting,
    primary: site.primaryContactId ? (contacts.get(site.primaryContactId) ?? null) : null,
    secondary: site.secondaryContactId ? (contacts.get(site.secondaryContactId) ?? null) : null,
  };
}
