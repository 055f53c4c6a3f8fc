// Turns one notification type on or off and picks its delivery method (an upsert over the defaults).
import type { NotificationSetting, NotificationSettingUpdateInput } from '@portico/validators/notifications';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { defaultNotificationSetting } from '../notifications/fan-out';

export async function updateNotificationSetting(
  ctx: CoreContext,
  input: NotificationSettingUpdateInput,
): Promise<NotificationSetting> {
  const { notificationSettings } = schema;
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const now = ctx.clock.now();
    const key = and(
      eq(notificationSettings.organizationId, ctx.organizationId),
      eq(notificationSettings.type, input.type),
    );
    const [before] = await tx.select().from(notificationSettings).where(key).for('update');
    const currentVersion = before?.version ?? 0;
    if (input.version !== currentVersion) {
      throw staleVersion('notification setting');
    }
    let after: typeof notificationSettings.$inferSelect | undefined;
    if (before) {
      [after] = await tx
        .update(notificationSettings)
        .set({
          enabled: input.enabled,
          method: input.method,
          version: sql`${notificationSettings.version} + 1`,
          updatedAt: now,
        })
        .where(and(key, eq(notificationSettings.version, before.version)))
        .returning();
    } else {
      // Two admins saving over the defaults at once: the second finds the first's row and is told to reload.
      [after] = await tx
        .insert(notificationSettings)
        .values({
          organizationId: ctx.organizationId,
          type: input.type,
          enabled: input.enabled,
          method: input.method,
          version: 1,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
    }
    if (!after) throw staleVersion('notification setting');
    await recordAudit(txCtx, {
      entityType: 'notification_setting',
      entityId: input.type,
      action: before ? 'update' : 'create',
      before: before ? { enabled: before.enabled, method: before.method } : { ...defaultNotificationSetting },
      after: { enabled: after.enabled, method: after.method },
    });
    return { type: after.type, enabled: after.enabled, method: after.method, version: after.version };
  });
}
