// Input and output schemas of the activity domain: one task's timeline of changes and notifications.
import { z } from 'zod';
import { channelSchema } from './contacts';
import { idSchema } from './common';
import { notificationStatusSchema, notificationTypeSchema } from './notifications';

export const taskTimelineInputSchema = z.object({ taskId: idSchema });
export type TaskTimelineInput = z.infer<typeof taskTimelineInputSchema>;

export const timelineActorTypes = ['staff', 'portal', 'system'] as const;

/** Who did it: a staff user, a portal user (by their contact's name), or Portico itself. */
export const timelineActorSchema = z.object({
  type: z.enum(timelineActorTypes),
  id: z.string().nullable(),
  name: z.string(),
});
export type TimelineActor = z.infer<typeof timelineActorSchema>;

/** The fields a dispatcher reads a change by; other columns of the audit row are summarised, not shown. */
export const timelineChangeFields = [
  'status',
  'reason',
  'appointment',
  'technician',
  'confirmation',
  'serviceType',
  'description',
  'answer',
] as const;

export const timelineChangeSchema = z.object({
  field: z.enum(timelineChangeFields),
  /** "Status", "Appointment", or the custom field's label for an answer. */
  label: z.string(),
  /** Ready to show (status words, "2026-03-10 · Morning 08:00–12:00", technician names); null: none. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type TimelineChange = z.infer<typeof timelineChangeSchema>;

const timelineChangeEntrySchema = z.object({
  kind: z.literal('change'),
  /** `audit:<id>` */
  id: z.string(),
  at: z.date(),
  /** The audit action: create, book, reschedule, assign, en_route, cancel, answer, invite, resend, … */
  action: z.string(),
  /** One line, such as "Marked en route" or "Portal invite sent to Pat Primary". */
  summary: z.string(),
  actor: timelineActorSchema,
  changes: z.array(timelineChangeSchema),
});

const timelineNotificationEntrySchema = z.object({
  kind: z.literal('notification'),
  /** `notification:<log id>` */
  id: z.string(),
  at: z.date(),
  logId: z.string(),
  type: notificationTypeSchema,
  channel: channelSchema,
  status: notificationStatusSchema,
  recipient: z.string().nullable(),
  contactName: z.string().nullable(),
  skipReason: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  resendOfId: z.string().nullable(),
  sentAt: z.date().nullable(),
});

export const taskTimelineEntrySchema = z.discriminatedUnion('kind', [
  timelineChangeEntrySchema,
  timelineNotificationEntrySchema,
]);
export type TaskTimelineEntry = z.infer<typeof taskTimelineEntrySchema>;
export type TaskTimelineChangeEntry = z.infer<typeof timelineChangeEntrySchema>;
export type TaskTimelineNotificationEntry = z.infer<typeof timelineNotificationEntrySchema>;

/** Newest first. */
export const taskTimelineOutputSchema = z.array(taskTimelineEntrySchema);
export type TaskTimelineOutput = z.infer<typeof taskTimelineOutputSchema>;
