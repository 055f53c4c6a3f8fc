// Sends a failed or skipped notification again, as a new log entry linked to this one (resendOf gives it a fresh
// idempotency key): a task notification through a `notify` job limited to the entry's channel and contact, a
// dispatcher's portal invite through a new `portal-invite` job for that portal user.
import type { NotificationResendOutput } from '@portico/validators/notifications';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, notFound } from '../errors';
import { and, eq, isNull, schema } from '../internal/db';
import { enqueueJob } from '../jobs/queues';

/** The suffix the portal-invite handler puts on its entries' idempotency keys (`…:invite:<job id>`). */
export const portalInviteKeyMarker = ':invite:';

export async function resendNotification(
  ctx: CoreContext,
  input: { id: string },
): Promise<NotificationResendOutput> {
  const { notificationLog, tasks, portalUsers, auditEvents } = schema;
  const org = ctx.organizationId;
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    // Locked so two dispatchers clicking "send again" at once queue one re-send, not two.
    const [entry] = await tx
      .select()
      .from(notificationLog)
      .where(and(eq(notificationLog.id, input.id), eq(notificationLog.organizationId, org)))
      .for('update');
    if (!entry) throw notFound('Notification');
    if (entry.status !== 'failed' && entry.status !== 'skipped') {
      throw new AppError(
        'PRECONDITION_FAILED',
        entry.status === 'sent'
          ? 'This notification was already sent. Only a failed or skipped notification can be sent again.'
          : 'This notification is still being sent. Only a failed or skipped notification can be sent again.',
      );
    }
    const [earlier] = await tx
      .select({ id: notificationLog.id })
      .from(notificationLog)
      .where(
        and(
          eq(notificationLog.organizationId, org),
          // A re-send is about the same task, so the (task_id, created_at) index finds it.
          entry.taskId ? eq(notificationLog.taskId, entry.taskId) : isNull(notificationLog.taskId),
          eq(notificationLog.resendOfId, entry.id),
        ),
      )
      .limit(1);
    // The new log entry is written later, by the worker: until then the re-send shows only in the audit trail,
    // which the row lock above makes a second click wait for.
    const [requested] = earlier
      ? []
      : await tx
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.entityType, 'notification_log'),
              eq(auditEvents.entityId, entry.id),
              eq(auditEvents.action, 'resend'),
              eq(auditEvents.organizationId, org),
            ),
          )
          .limit(1);
    if (earlier || requested) {
      throw new AppError(
        'PRECONDITION_FAILED',
        'This notification was already sent again. Open the newer entry in the log and re-send that one if it failed too.',
      );
    }

    let jobId: string;
    const isPortalInvite =
      entry.type === 'booking_invite' && entry.idempotencyKey.includes(portalInviteKeyMarker);
    if (isPortalInvite) {
      const [user] = entry.contactId
        ? await tx
            .select({ id: portalUsers.id, status: portalUsers.status })
            .from(portalUsers)
            .where(and(eq(portalUsers.contactId, entry.contactId), eq(portalUsers.organizationId, org)))
        : [];
      if (!user || user.status === 'disabled') {
        throw new AppError(
          'PRECONDITION_FAILED',
          'This contact has no portal access any more (it was removed or disabled), so the invite cannot be sent again.',
        );
      }
      jobId = await enqueueJob(
        txCtx,
        'portal-invite',
        {
          organizationId: org,
          portalUserId: user.id,
          ...(entry.taskId ? { taskId: entry.taskId } : {}),
          ...(ctx.actor.id ? { requestedBy: ctx.actor.id } : {}),
          resendOf: entry.id,
          onlyChannel: entry.channel,
        },
        { singletonKey: `resend:${entry.id}` },
      );
    } else {
      if (!entry.taskId) throw notFound('Task');
      const [task] = await tx
        .select({ id: tasks.id, appointmentVersion: tasks.appointmentVersion })
        .from(tasks)
        .where(and(eq(tasks.id, entry.taskId), eq(tasks.organizationId, org)));
      if (!task) throw notFound('Task');
      jobId = await enqueueJob(
        txCtx,
        'notify',
        {
          organizationId: org,
          taskId: task.id,
          type: entry.type,
          appointmentVersion: entry.appointmentVersion ?? task.appointmentVersion,
          resendOf: entry.id,
          onlyChannel: entry.channel,
          ...(entry.contactId ? { onlyContactId: entry.contactId } : {}),
        },
        { singletonKey: `resend:${entry.id}` },
      );
    }
    await recordAudit(txCtx, {
      entityType: 'notification_log',
      entityId: entry.id,
      action: 'resend',
      before: null,
      after: { channel: entry.channel, contactId: entry.contactId, jobId },
    });
    return { resendOfId: entry.id, queued: true as const };
  });
}
