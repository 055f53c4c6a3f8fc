// Input and output schemas of the notifications admin surface: settings per type, templates, the log, invites.
import { z } from 'zod';
import { deliveryMethods, idSchema, notificationTypes } from './common';
import { channelSchema } from './contacts';

export const notificationStatuses = ['queued', 'sent', 'failed', 'skipped'] as const;

export const notificationTypeSchema = z.enum(notificationTypes, {
  message:
    'Choose booking_invite, booking_confirmation, reminder_24h, technician_en_route or task_completed.',
});
export const deliveryMethodSchema = z.enum(deliveryMethods, { message: 'Choose sms, email or both.' });
export const notificationStatusSchema = z.enum(notificationStatuses, {
  message: 'Choose queued, sent, failed or skipped.',
});

/**
 * The version the admin saw: 0 means "never saved" (the defaults or the built-in template). Required, so a save
 * made from an older view is refused (CONFLICT) instead of silently overwriting another admin's change.
 */
const savedVersionSchema = z
  .number({ message: 'Send the version you last saw (0 for the defaults).' })
  .int({ message: 'The version must be a whole number.' })
  .min(0, { message: 'The version must be a whole number.' });

// ---- settings ----

export const notificationSettingSchema = z.object({
  type: notificationTypeSchema,
  enabled: z.boolean(),
  method: deliveryMethodSchema,
  /** 0 while the organization uses the defaults (no saved row). */
  version: z.number().int(),
});
export type NotificationSetting = z.infer<typeof notificationSettingSchema>;
export const notificationSettingsOutputSchema = z.array(notificationSettingSchema);

export const notificationSettingUpdateInputSchema = z.object({
  type: notificationTypeSchema,
  enabled: z.boolean({ message: 'Say whether this notification is sent (true or false).' }),
  method: deliveryMethodSchema,
  version: savedVersionSchema,
});
export type NotificationSettingUpdateInput = z.infer<typeof notificationSettingUpdateInputSchema>;

// ---- templates ----

/** Outer bounds only: per-channel lengths, the SMS budget and unknown variables are the template validator's. */
export const templateSubjectMaxLength = 200;
export const templateBodyMaxLength = 10_000;

const subjectSchema = z
  .string()
  .max(templateSubjectMaxLength, { message: 'Keep the subject within 200 characters.' });
const bodySchema = z
  .string()
  .max(templateBodyMaxLength, { message: 'Keep the message within 10,000 characters.' });

export const notificationTemplateSchema = z.object({
  type: notificationTypeSchema,
  channel: channelSchema,
  /** email only */
  subject: z.string().nullable(),
  body: z.string(),
  /** true: the built-in template (nothing saved for this organization). */
  isDefault: z.boolean(),
  /** 0 for the built-in template. */
  version: z.number().int(),
  updatedAt: z.date().nullable(),
});
export type NotificationTemplate = z.infer<typeof notificationTemplateSchema>;
export const notificationTemplatesOutputSchema = z.array(notificationTemplateSchema);

export const notificationTemplateUpdateInputSchema = z.object({
  type: notificationTypeSchema,
  channel: channelSchema,
  /** Email only (an SMS template with a subject is refused). */
  subject: subjectSchema.optional(),
  body: bodySchema.min(1, { message: 'Write the message; it cannot be empty.' }),
  version: savedVersionSchema,
});
export type NotificationTemplateUpdateInput = z.infer<typeof notificationTemplateUpdateInputSchema>;

export const notificationTemplateKeyInputSchema = z.object({
  type: notificationTypeSchema,
  channel: channelSchema,
});
export type NotificationTemplateKeyInput = z.infer<typeof notificationTemplateKeyInputSchema>;

/** Back to the built-in template, from the version the admin saw (0: already the built-in one). */
export const notificationTemplateResetInputSchema = notificationTemplateKeyInputSchema.extend({
  version: savedVersionSchema,
});
export type NotificationTemplateResetInput = z.infer<typeof notificationTemplateResetInputSchema>;

export const notificationTemplatePreviewInputSchema = z.object({
  taskId: idSchema,
  type: notificationTypeSchema,
  channel: channelSchema,
  /** Unsaved text to try; absent: the organization's current template. */
  subject: subjectSchema.optional(),
  body: bodySchema.optional(),
});
export type NotificationTemplatePreviewInput = z.infer<typeof notificationTemplatePreviewInputSchema>;

export const notificationPreviewSchema = z.object({
  channel: channelSchema,
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  segments: z.number().int().nullable(),
});
export type NotificationPreview = z.infer<typeof notificationPreviewSchema>;

export const templateVariableSchema = z.object({
  /** Written {{name}} in a template. */
  name: z.string(),
  description: z.string(),
  example: z.string(),
});
export type TemplateVariableInfo = z.infer<typeof templateVariableSchema>;
export const templateVariablesOutputSchema = z.array(templateVariableSchema);

/**
 * "Send a test": the (unsaved) template rendered against a real task, sent to an address or number the admin
 * types, not to the task's contacts. Sent by the worker; not written to the notification log.
 */
export const notificationSendTestInputSchema = z.object({
  taskId: idSchema,
  type: notificationTypeSchema,
  channel: channelSchema,
  subject: subjectSchema.optional(),
  body: bodySchema.optional(),
  /** An email address for email, a phone number (any common format) for SMS. */
  to: z
    .string({ message: 'Enter where to send the test.' })
    .trim()
    .min(1, { message: 'Enter where to send the test.' })
    .max(254, { message: 'Enter an email address or phone number.' }),
});
export type NotificationSendTestInput = z.infer<typeof notificationSendTestInputSchema>;
export const notificationSendTestOutputSchema = z.object({
  /** Normalized: E.164 for SMS, lower-cased email. */
  to: z.string(),
  channel: channelSchema,
  queuedAt: z.date(),
});
export type NotificationSendTestOutput = z.infer<typeof notificationSendTestOutputSchema>;

// ---- the log ----

export const notificationLogInputSchema = z
  .object({
    taskId: idSchema.optional(),
    type: notificationTypeSchema.optional(),
    channel: channelSchema.optional(),
    status: notificationStatusSchema.optional(),
    /** Created at or after this instant. */
    from: z.date({ message: 'Give the start of the range as a date and time.' }).optional(),
    /** Created before this instant. */
    to: z.date({ message: 'Give the end of the range as a date and time.' }).optional(),
    /** Part of the recipient's phone number or email address, or of the contact's name. */
    recipient: z.string().trim().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to <= value.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'The end of the range must be after its start.',
      });
    }
  })
  .prefault({});
export type NotificationLogInput = z.infer<typeof notificationLogInputSchema>;

// Ids are plain strings in list rows: they come from uuid columns (see taskListItemSchema for why).
export const notificationLogItemSchema = z.object({
  id: z.string(),
  taskId: z.string().nullable(),
  taskNumber: z.number().int().nullable(),
  type: notificationTypeSchema,
  channel: channelSchema,
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  recipient: z.string().nullable(),
  status: notificationStatusSchema,
  skipReason: z.string().nullable(),
  error: z.string().nullable(),
  subject: z.string().nullable(),
  attempts: z.number().int(),
  segments: z.number().int().nullable(),
  resendOfId: z.string().nullable(),
  deadLetteredAt: z.date().nullable(),
  sentAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type NotificationLogItem = z.infer<typeof notificationLogItemSchema>;

export const notificationLogOutputSchema = z.object({
  items: z.array(notificationLogItemSchema),
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type NotificationLogOutput = z.infer<typeof notificationLogOutputSchema>;

export const notificationLogEntryInputSchema = z.object({ id: idSchema });
export type NotificationLogEntryInput = z.infer<typeof notificationLogEntryInputSchema>;

export const notificationLogEntrySchema = notificationLogItemSchema.extend({
  appointmentVersion: z.number().int().nullable(),
  /** The rendered message as sent (secrets such as portal links masked). */
  body: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  /** Later attempts made by re-sending this entry, newest first. */
  resends: z.array(notificationLogItemSchema),
});
export type NotificationLogEntry = z.infer<typeof notificationLogEntrySchema>;

export const notificationResendInputSchema = z.object({ id: idSchema });
export type NotificationResendInput = z.infer<typeof notificationResendInputSchema>;

export const notificationResendOutputSchema = z.object({
  /** The entry being re-sent; the new attempt appears in the log linked to it (resendOfId). */
  resendOfId: z.string(),
  queued: z.literal(true),
});
export type NotificationResendOutput = z.infer<typeof notificationResendOutputSchema>;

// ---- portal invites ----

export const portalUserInviteInputSchema = z.object({
  id: idSchema,
  /** Link straight to this task; absent: the portal's home. */
  taskId: idSchema.optional(),
});
export type PortalUserInviteInput = z.infer<typeof portalUserInviteInputSchema>;
