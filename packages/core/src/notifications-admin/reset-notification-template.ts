// Puts one notification type and channel back on the built-in template (deletes the organization's own).
import type { NotificationTemplate, NotificationTemplateKeyInput } from '@portico/validators/notifications';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { and, eq, schema } from '../internal/db';
import { templateOutput } from './list-notification-templates';

export async function resetNotificationTemplate(
  ctx: CoreContext,
  input: NotificationTemplateKeyInput,
): Promise<NotificationTemplate> {
  const { notificationTemplates } = schema;
  const builtIn = templateOutput(input.type, input.channel, undefined);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .delete(notificationTemplates)
      .where(
        and(
          eq(notificationTemplates.organizationId, ctx.organizationId),
          eq(notificationTemplates.type, input.type),
          eq(notificationTemplates.channel, input.channel),
        ),
      )
      .returning();
    // Already on the default: nothing changed, so nothing to audit.
    if (!before) return;
    await recordAudit(
      { ...ctx, db: tx },
      {
        entityType: 'notification_template',
        entityId: `${input.type}:${input.channel}`,
        action: 'reset',
        before: { subject: before.subject, body: before.body },
        after: { subject: builtIn.subject, body: builtIn.body },
      },
    );
  });
  return builtIn;
}
