// Saves the organization's own text for one notification type and channel, after the template validator
// accepts it; a refused template saves nothing.
import type {
  NotificationTemplate,
  NotificationTemplateUpdateInput,
} from '@portico/validators/notifications';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { checkTemplate } from './check-template';
import { templateOutput } from './list-notification-templates';

export async function updateNotificationTemplate(
  ctx: CoreContext,
  input: NotificationTemplateUpdateInput,
): Promise<NotificationTemplate> {
  const draft = {
    type: input.type,
    channel: input.channel,
    subject: input.subject ?? null,
    body: input.body,
  };
  checkTemplate(draft);
  const subject = input.channel === 'email' ? draft.subject : null;
  const { notificationTemplates } = schema;
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const now = ctx.clock.now();
    const key = and(
      eq(notificationTemplates.organizationId, ctx.organizationId),
      eq(notificationTemplates.type, input.type),
      eq(notificationTemplates.channel, input.channel),
    );
    const [before] = await tx.select().from(notificationTemplates).where(key).for('update');
    if (input.version !== (before?.version ?? 0)) {
      throw staleVersion('template');
    }
    let after: typeof notificationTemplates.$inferSelect | undefined;
    if (before) {
      [after] = await tx
        .update(notificationTemplates)
        .set({
          subject,
          body: input.body,
          version: sql`${notificationTemplates.version} + 1`,
          updatedAt: now,
        })
        .where(and(key, eq(notificationTemplates.version, before.version)))
        .returning();
    } else {
      [after] = await tx
        .insert(notificationTemplates)
        .values({
          organizationId: ctx.organizationId,
          type: input.type,
          channel: input.channel,
          subject,
          body: input.body,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
    }
    if (!after) throw staleVersion('template');
    // the first save replaces the built-in text, which the audit shows as "from"
    const previous = before ?? templateOutput(input.type, input.channel, undefined);
    await recordAudit(txCtx, {
      entityType: 'notification_template',
      entityId: `${input.type}:${input.channel}`,
      action: before ? 'update' : 'create',
      before: { subject: previous.subject, body: previous.body },
      after: { subject: after.subject, body: after.body },
    });
    return templateOutput(input.type, input.channel, after);
  });
}
