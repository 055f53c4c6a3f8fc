// One notification log entry in full (rendered content, provider id, error) with the re-sends linked to it.
import type { NotificationLogEntry } from '@portico/validators/notifications';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, desc, eq, isNull, schema } from '../internal/db';
import { selectLogItems } from './list-notification-log';

export async function getNotificationLogEntry(
  ctx: CoreContext,
  input: { id: string },
): Promise<NotificationLogEntry> {
  const { notificationLog } = schema;
  const org = ctx.organizationId;
  const [row] = await ctx.db
    .select()
    .from(notificationLog)
    .where(and(eq(notificationLog.id, input.id), eq(notificationLog.organizationId, org)));
  if (!row) throw notFound('Notification');
  const [[item], resends] = await Promise.all([
    selectLogItems(ctx).where(and(eq(notificationLog.id, row.id), eq(notificationLog.organizationId, org))),
    selectLogItems(ctx)
      .where(
        and(
          eq(notificationLog.organizationId, org),
          // A re-send is for the same task, so the (task_id, created_at) index finds it.
          row.taskId ? eq(notificationLog.taskId, row.taskId) : isNull(notificationLog.taskId),
          eq(notificationLog.resendOfId, row.id),
        ),
      )
      .orderBy(desc(notificationLog.createdAt), desc(notificationLog.id))
      .limit(100),
  ]);
  if (!item) throw notFound('Notification');
  return {
    ...item,
    appointmentVersion: row.appointmentVersion,
    body: row.body,
    providerMessageId: row.providerMessageId,
    resends,
  };
}
