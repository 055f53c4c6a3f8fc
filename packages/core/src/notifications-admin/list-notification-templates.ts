// Lists every notification type × channel with the text in use: the organization's saved template, or the
// built-in default where it has none.
import { defaultTemplate } from '@portico/notifications';
import type { NotificationTemplate } from '@portico/validators/notifications';
import type { CoreContext } from '../context';
import { eq, schema } from '../internal/db';
import { notificationTypes, type NotificationType } from '../jobs/queues';

export const templateChannels = ['sms', 'email'] as const;
type Channel = (typeof templateChannels)[number];

type TemplateRow = typeof schema.notificationTemplates.$inferSelect;

export function templateOutput(
  type: NotificationType,
  channel: Channel,
  row: TemplateRow | undefined,
): NotificationTemplate {
  if (row) {
    return {
      type,
      channel,
      subject: channel === 'email' ? row.subject : null,
      body: row.body,
      isDefault: false,
      version: row.version,
      updatedAt: row.updatedAt,
    };
  }
  const builtIn = defaultTemplate(type, channel);
  return {
    type,
    channel,
    subject: channel === 'email' ? builtIn.subject : null,
    body: builtIn.body,
    isDefault: true,
    version: 0,
    updatedAt: null,
  };
}

export async function listNotificationTemplates(ctx: CoreContext): Promise<NotificationTemplate[]> {
  const { notificationTemplates } = schema;
  const rows = await ctx.db
    .select()
    .from(notificationTemplates)
    .where(eq(notificationTemplates.organizationId, ctx.organizationId));
  const byKey = new Map(rows.map((row) => [`${row.type}:${row.channel}`, row]));
  return notificationTypes.flatMap((type) =>
    templateChannels.map((channel) => templateOutput(type, channel, byKey.get(`${type}:${channel}`))),
  );
}
