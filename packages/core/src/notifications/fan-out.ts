// The notification policy as pure functions: who receives a notification of a task, over which channels, and
// why an entry is skipped (in words a dispatcher understands); and the idempotency key of each entry.
import type { NotificationType } from '../jobs/queues';

export type Channel = 'sms' | 'email';
export type DeliveryMethod = 'sms' | 'email' | 'both';
export type NotificationSetting = { enabled: boolean; method: DeliveryMethod };

/** No notification_settings row means: on, by SMS and email. */
export const defaultNotificationSetting: NotificationSetting = { enabled: true, method: 'both' };

export const typeLabels: Record<NotificationType, string> = {
  booking_invite: 'Booking invites',
  booking_confirmation: 'Booking confirmations',
  reminder_24h: '24-hour reminders',
  technician_en_route: 'Technician en route messages',
  task_completed: 'Task completed messages',
};

export function channelsOf(method: DeliveryMethod): Channel[] {
  return method === 'both' ? ['sms', 'email'] : [method];
}

export type FanOutContact = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  smsOptOut: boolean;
  archivedAt: Date | null;
  /** booking_invite only: the contact's portal access is disabled, so no link can be sent. */
  portalDisabled?: boolean;
};

export type PlannedNotification = {
  contactId: string | null;
  channel: Channel;
  /** E.164 phone or email address; null when the contact has none. */
  recipient: string | null;
  /** Why this entry is not sent, or null when it is to be sent. */
  skipReason: string | null;
};

export type FanOutInput = {
  type: NotificationType;
  setting: NotificationSetting;
  primary: FanOutContact | null;
  secondary: FanOutContact | null;
  /** A re-send from the log: only this channel (whatever the method says now) and only this contact. */
  onlyChannel?: Channel;
  onlyContactId?: string;
  /** Skips every entry with this reason (e.g. a reminder booked less than 24 hours ahead). */
  skipAllReason?: string;
};

function contactSkipReason(type: NotificationType, contact: FanOutContact, channel: Channel): string | null {
  if (contact.archivedAt) return `${contact.name}'s contact record is archived.`;
  if (type === 'booking_invite' && contact.portalDisabled) {
    return `${contact.name}'s portal access is disabled, so no invite link was sent.`;
  }
  if (channel === 'sms') {
    if (!contact.phone) return `${contact.name} has no phone number for SMS.`;
    if (contact.smsOptOut) return `${contact.name} opted out of SMS.`;
    return null;
  }
  if (!contact.email) return `${contact.name} has no email address.`;
  return null;
}

/**
 * One entry per (recipient, channel): the site's primary contact and, if set, the secondary one; the channels
 * of the type's delivery method. Nothing is dropped silently: every entry that will not be sent says why.
 */
export function planFanOut(input: FanOutInput): PlannedNotification[] {
  const channels = input.onlyChannel ? [input.onlyChannel] : channelsOf(input.setting.method);
  const disabledReason = input.setting.enabled
    ? null
    : `${typeLabels[input.type]} are turned off in the notification settings.`;
  const recipients: (FanOutContact | null)[] = [input.primary];
  if (input.secondary && input.secondary.id !== input.primary?.id) recipients.push(input.secondary);

  const planned: PlannedNotification[] = [];
  for (const contact of recipients) {
    if (input.onlyContactId && contact?.id !== input.onlyContactId) continue;
    for (const channel of channels) {
      if (!contact) {
        planned.push({
          contactId: null,
          channel,
          recipient: null,
          skipReason: input.skipAllReason ?? disabledReason ?? 'The site has no primary contact to notify.',
        });
        continue;
      }
      const recipient = channel === 'sms' ? contact.phone : contact.email;
      planned.push({
        contactId: contact.id,
        channel,
        recipient,
        skipReason: input.skipAllReason ?? disabledReason ?? contactSkipReason(input.type, contact, channel),
      });
    }
  }
  return planned;
}

/**
 * `${taskId}:${type}:v${appointmentVersion}:${channel}:${contactId}`, plus `:resend:<logId>` for a re-send from
 * the log (or another suffix for a dispatcher's re-sent invite). It keys the log row, the send ledger and
 * Resend's Idempotency-Key, so a notification runs through the pipeline any number of times and sends once.
 */
export function notificationIdempotencyKey(input: {
  taskId: string;
  type: NotificationType;
  appointmentVersion: number;
  channel: Channel;
  contactId: string | null;
  suffix?: string | null;
}): string {
  const base = `${input.taskId}:${input.type}:v${input.appointmentVersion}:${input.channel}:${input.contactId ?? 'none'}`;
  return input.suffix ? `${base}:${input.suffix}` : base;
}

export type Applicability =
  | { applies: true }
  /** `isWorthLogging`: a dispatcher should see it (a reminder that came too late), not just a superseded job. */
  | { applies: false; reason: string; isWorthLogging: boolean };

const closedWords: Partial<Record<string, string>> = {
  cancelled: 'The task was cancelled',
  failed: 'The task was marked failed',
  completed: 'The task was completed',
};

/**
 * Whether a notification enqueued for `appointmentVersion` still makes sense for the task as it is now. A job
 * runs at least once and maybe late: a confirmation or reminder of an appointment that was moved since, or any
 * message about a task that closed, is superseded (its replacement, if any, has its own job).
 */
export function checkApplicability(input: {
  type: NotificationType;
  appointmentVersion: number;
  task: { status: string; appointmentVersion: number; appointmentStart: Date | null };
  now: Date;
}): Applicability {
  const { type, task } = input;
  const closed = closedWords[task.status];
  if (type === 'task_completed') {
    return task.status === 'completed'
      ? { applies: true }
      : { applies: false, reason: 'The task is not completed.', isWorthLogging: false };
  }
  if (closed) return { applies: false, reason: `${closed} before this was sent.`, isWorthLogging: false };
  if (type === 'technician_en_route') {
    return task.status === 'en_route' || task.status === 'in_progress'
      ? { applies: true }
      : { applies: false, reason: 'The technician is no longer en route.', isWorthLogging: false };
  }
  if (type === 'booking_confirmation' || type === 'reminder_24h') {
    if (task.appointmentVersion !== input.appointmentVersion) {
      return {
        applies: false,
        reason: 'The appointment changed since; the new appointment has its own message.',
        isWorthLogging: false,
      };
    }
  }
  if (type === 'reminder_24h') {
    if (task.status !== 'scheduled' && task.status !== 'confirmed') {
      return { applies: false, reason: 'The visit is already under way.', isWorthLogging: false };
    }
    if (!task.appointmentStart || task.appointmentStart.getTime() <= input.now.getTime()) {
      return {
        applies: false,
        reason: 'The appointment had already started when the reminder fell due, so it was not sent.',
        isWorthLogging: true,
      };
    }
  }
  return { applies: true };
}
