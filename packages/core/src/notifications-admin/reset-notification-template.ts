// Puts one notification type and channel back on the built-in template (deletes the organization's own).
import type { NotificationTemplate, NotificationTemplateResetInput } from '@portico/validators/notifications';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { staleVersion } from '../errors';
import { and, eq, schema } from '../internal/db';
import { templateOutput } from './list-notification-templates';

export async function resetNotificationTemplate(
  ctx: CoreContext,
  input: NotificationTemplateResetInput,
): Promise<NotificationTemplate> {
  const { notificationTemplates } = schema;
  const builtIn = templateOutput(input.type, input.channel, undefined);
  await ctx.db.transaction(async (tx) => {
    const key = and(
      eq(notificationTemplates.organizationId, ctx.organizationId),
      eq(notificationTemplates.type, input.type),
      eq(notificationTemplates.channel, input.channel),
    );
    const [before] = await tx.select().from(notificationTemplates).where(key).for('update');
    // Someone saved (or reset) it since this admin looked: their text is not thrown away unseen.
    if ((before?.version ?? 0) !== input.version) throw staleVersion('template');
    // Already on the default: nothing changed, so nothing to audit.
    if (!before) return;
    await tx.delete(notificationTemplates).where(key);
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
