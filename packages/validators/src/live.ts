// The live events staff screens receive when a customer changes an appointment in the portal.
import { z } from 'zod';

export const liveEventKinds = ['booked', 'rescheduled', 'cancelled', 'confirmed', 'answered'] as const;
export type LiveEventKind = (typeof liveEventKinds)[number];

/** One event as a staff subscriber of `live.events` receives it (always about the caller's organization). */
export const liveEventSchema = z.object({
  taskId: z.uuid(),
  kind: z.enum(liveEventKinds),
  /** When the change was committed (the publishing transaction's clock). */
  at: z.date(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;

/**
 * The PostgreSQL NOTIFY payload behind an event: JSON, so the instant travels as an ISO string, and the
 * organization tells each API process which subscribers may see it.
 */
export const liveNotificationSchema = z.object({
  organizationId: z.uuid(),
  taskId: z.uuid(),
  kind: z.enum(liveEventKinds),
  at: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
});
export type LiveNotification = z.infer<typeof liveNotificationSchema>;
