// Words and dates of the notification log, shared by the global log and each task's page.
import type { NotificationLogItem } from '@portico/validators/notifications';

export const notificationTypeLabels: Record<NotificationLogItem['type'], string> = {
  booking_invite: 'Booking invite',
  booking_confirmation: 'Booking confirmation',
  reminder_24h: '24-hour reminder',
  technician_en_route: 'Technician en route',
  task_completed: 'Task completed',
};

export const channelLabels: Record<NotificationLogItem['channel'], string> = { sms: 'SMS', email: 'Email' };

export const deliveryStatusLabels: Record<NotificationLogItem['status'], string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** "Mar 10, 2026, 8:04 AM CDT" in the given time zone. */
export function formatDateTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/** The instant a local date (YYYY-MM-DD) starts in `timeZone`, for date-range filters. */
export function startOfLocalDate(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  // two passes settle the offset even when the guess and the answer sit on either side of a DST change
  let instant = guess - offsetAt(guess, timeZone);
  instant = guess - offsetAt(instant, timeZone);
  return new Date(instant);
}

/** The instant the day after `date` starts: the end of an inclusive range. */
export function endOfLocalDate(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1));
  return startOfLocalDate(next.toISOString().slice(0, 10), timeZone);
}

function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}
