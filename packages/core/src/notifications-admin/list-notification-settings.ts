// Lists the organization's policy for each of the five notification types (defaults where nothing is saved).
import type { NotificationSetting } from '@portico/validators/notifications';
import type { CoreContext } from '../context';
import { eq, schema } from '../internal/db';
import { notificationTypes } from '../jobs/queues';
import { defaultNotificationSetting } from '../notifications/fan-out';

export async function listNotificationSettings(ctx: CoreContext): Promise<NotificationSetting[]> {
  const { notificationSettings } = schema;
  const rows = await ctx.db
    .select()
    .from(notificationSettings)
    .where(eq(notificationSettings.organizationId, ctx.organizationId));
  const byType = new Map(rows.map((row) => [row.type, row]));
  return notificationTypes.map((type) => {
    const row = byType.get(type);
    return row
      ? { type, enabled: row.enabled, method: row.method, version: row.version }
      : { type, ...defaultNotificationSetting, version: 0 };
  });
}
