// Building blocks shared by every domain's schemas: ids, paging, dates, times, enums.
import { z } from 'zod';

export const idSchema = z.uuid({ message: 'Not a valid id.' });
export const versionSchema = z.number().int().min(1);

/** A calendar date, YYYY-MM-DD, that exists. */
export const dateSchema = z.iso.date({ message: 'Use a date like 2026-03-14.' });
/** A local time of day, HH:MM (24 h). */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Use a time like 08:00 or 16:30.' });

export const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return tz.includes('/') || tz === 'UTC';
    } catch {
      return false;
    }
  },
  { message: 'Use an IANA time zone such as America/New_York.' },
);

export const searchSchema = z.string().trim().max(200).optional();

export const pageInputSchema = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's nextCursor. */
  cursor: z.string().max(500).nullish(),
});

export const staffRoles = ['admin', 'dispatcher'] as const;
export const portalRoles = ['contact', 'account_admin'] as const;
export const portalUserStatuses = ['invited', 'active', 'disabled'] as const;
export const channels = ['sms', 'email'] as const;
export const deliveryMethods = ['sms', 'email', 'both'] as const;
export const taskStatuses = [
  'unscheduled',
  'scheduled',
  'confirmed',
  'en_route',
  'in_progress',
  'completed',
  'cancelled',
  'failed',
] as const;
export const schedulingModes = ['prebooked', 'customer_selects'] as const;
export const notificationTypes = [
  'booking_invite',
  'booking_confirmation',
  'reminder_24h',
  'technician_en_route',
  'task_completed',
] as const;
export const customFieldKinds = ['toggle', 'text', 'static', 'dropdown'] as const;

export type TaskStatus = (typeof taskStatuses)[number];
