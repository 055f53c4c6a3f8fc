// "Send a test" (admin): renders the unsaved template against a real task exactly as the preview does, and queues
// it for the address or number the admin typed. Tests never touch the customer notification log; they are
// audited, and at most testSendsPerHour go out per organization per hour (counted from those audit rows).
import type {
  NotificationSendTestInput,
  NotificationSendTestOutput,
} from '@portico/validators/notifications';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { and, count, eq, gt, schema, sql } from '../internal/db';
import { enqueueJob } from '../jobs/queues';
import { normalizePhone } from '../phone';
import { previewNotificationTemplate } from './preview-notification-template';

export const testSendsPerHour = 20;
const HOUR_MS = 60 * 60 * 1000;

const emailSchema = z.email();

/** E.164 for SMS, a lower-cased address for email; the other kind, or a malformed one, names the field `to`. */
export function normalizeTestRecipient(channel: 'sms' | 'email', raw: string): string {
  const value = raw.trim();
  const looksLikeEmail = value.includes('@');
  if (channel === 'sms') {
    if (looksLikeEmail) {
      throw new AppError(
        'BAD_REQUEST',
        'This is an SMS test: enter a mobile phone number, like +1 512 555 0142, not an email address.',
        { field: 'to' },
      );
    }
    return normalizePhone(value, { field: 'to' });
  }
  if (!looksLikeEmail) {
    throw new AppError(
      'BAD_REQUEST',
      'This is an email test: enter an email address, like you@example.com, not a phone number.',
      { field: 'to' },
    );
  }
  const email = value.toLowerCase();
  if (!emailSchema.safeParse(email).success) {
    throw new AppError('BAD_REQUEST', 'Enter an email address like you@example.com.', { field: 'to' });
  }
  return email;
}

export async function sendTestNotification(
  ctx: CoreContext,
  input: NotificationSendTestInput,
  options: { publicOrigin: string },
): Promise<NotificationSendTestOutput> {
  const to = normalizeTestRecipient(input.channel, input.to);
  const draft = {
    taskId: input.taskId,
    type: input.type,
    channel: input.channel,
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
  };
  // The same checks and rendering as the preview: an unknown variable names its field, another
  // organization's task is NOT_FOUND. The worker renders again from the same draft when it sends.
  await previewNotificationTemplate(ctx, draft, options);

  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const org = ctx.organizationId;
    const now = ctx.clock.now();
    // one organization's test sends are counted one at a time, so two at once cannot both be the 20th
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`send_test:${org}`}))`);
    const { auditEvents } = schema;
    const [recent] = await tx
      .select({
        sent: count(),
        oldest: sql<Date | null>`min(${auditEvents.createdAt})`.mapWith(auditEvents.createdAt),
      })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organizationId, org),
          eq(auditEvents.action, 'send_test'),
          gt(auditEvents.createdAt, new Date(now.getTime() - HOUR_MS)),
        ),
      );
    if (recent && recent.sent >= testSendsPerHour) {
      const freeAt = (recent.oldest?.getTime() ?? now.getTime()) + HOUR_MS;
      const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
      const minutes = Math.ceil(retryAfterSeconds / 60);
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `${testSendsPerHour} test messages have been sent in the last hour, the most allowed. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
        { retryAfterSeconds },
      );
    }
    await enqueueJob(txCtx, 'notification-test', {
      organizationId: org,
      ...draft,
      to,
      requestedBy: ctx.actor.id,
    });
    await recordAudit(txCtx, {
      entityType: 'notification_template',
      entityId: `${input.type}:${input.channel}`,
      action: 'send_test',
      before: null,
      after: { to, taskId: input.taskId },
    });
    return { to, channel: input.channel, queuedAt: now };
  });
}
