// Owns the development outbox: channel providers that store each message in dev_outbox instead of sending it.
import type { Db } from '@portico/db';
import { devOutbox, notificationLog } from '@portico/db/schema';
import { eq } from 'drizzle-orm';
import type { Channel, ChannelProviders, NotificationType, SendResult } from '../contracts';

const NOTIFICATION_TYPES: readonly NotificationType[] = [
  'booking_invite',
  'booking_confirmation',
  'reminder_24h',
  'technician_en_route',
  'task_completed',
];

type OutboxEntry = {
  channel: Channel;
  idempotencyKey: string;
  recipient: string;
  subject: string | null;
  body: string;
  html: string | null;
};

/**
 * Providers for development and tests without keys. Each message becomes one dev_outbox row, which the
 * /dev/outbox page lists; the row is tied to its notification_log entry (organization, log id, type) through the
 * idempotency key, so the message shapes stay the same as for the live providers.
 */
export function createOutboxProviders(db: Db): ChannelProviders {
  async function store(entry: OutboxEntry): Promise<SendResult> {
    const [log] = await db
      .select({
        id: notificationLog.id,
        organizationId: notificationLog.organizationId,
        type: notificationLog.type,
      })
      .from(notificationLog)
      .where(eq(notificationLog.idempotencyKey, entry.idempotencyKey))
      .limit(1);
    const [row] = await db
      .insert(devOutbox)
      .values({
        organizationId: log?.organizationId ?? null,
        logId: log?.id ?? null,
        type: log?.type ?? typeFromKey(entry.idempotencyKey),
        channel: entry.channel,
        recipient: entry.recipient,
        subject: entry.subject,
        body: entry.body,
        html: entry.html,
      })
      .returning({ id: devOutbox.id });
    return { providerMessageId: `outbox-${row!.id}` };
  }

  return {
    kind: 'outbox',
    sms: {
      send: (message) =>
        store({
          channel: 'sms',
          idempotencyKey: message.idempotencyKey,
          recipient: message.to,
          subject: null,
          body: message.body,
          html: null,
        }),
    },
    email: {
      send: (message) =>
        store({
          channel: 'email',
          idempotencyKey: message.idempotencyKey,
          recipient: message.to,
          subject: message.subject,
          body: message.text,
          html: message.html,
        }),
    },
  };
}

/** The key reads `${taskId}:${type}:v${version}:${channel}:${contactId}…`: the type when no log row is found. */
function typeFromKey(key: string): NotificationType | null {
  const candidate = key.split(':')[1];
  return NOTIFICATION_TYPES.find((type) => type === candidate) ?? null;
}
