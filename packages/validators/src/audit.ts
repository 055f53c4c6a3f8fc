// Input and output schemas of the audit view: who changed which setting, when, from what to what (admin).
import { z } from 'zod';

/** The entity types the audit view can filter on (audit rows of other types still list unfiltered). */
export const auditEntityTypes = [
  'organization',
  'notification_setting',
  'notification_template',
  'custom_field',
  'staff_user',
  'appointment_window',
  'technician',
  'customer',
  'site',
  'contact',
  'portal_user',
  'task',
] as const;

export const auditListInputSchema = z
  .object({
    entityType: z.string().max(64).optional(),
    /** Only settings: organization, notification_setting, notification_template, custom_field, staff_user. */
    settingsOnly: z.boolean().optional(),
    /** The id of the last row of the previous page (rows come newest first). */
    cursor: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .optional();
export type AuditListInput = z.infer<typeof auditListInputSchema>;

export const auditChangeSchema = z.object({ from: z.unknown(), to: z.unknown() });

export const auditEventSchema = z.object({
  id: z.number().int(),
  createdAt: z.date(),
  actorType: z.enum(['staff', 'portal', 'system']),
  actorId: z.string().nullable(),
  /** The staff user's or portal user's name at read time; null for the system. */
  actorName: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string(),
  /** A human name of the entity where one exists (a field's label, a template's type and channel...). */
  entityLabel: z.string().nullable(),
  action: z.string(),
  changes: z.record(z.string(), auditChangeSchema),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditListOutputSchema = z.object({
  items: z.array(auditEventSchema),
  /** Pass as cursor for the next page; null at the end. */
  nextCursor: z.number().int().nullable(),
});
export type AuditListOutput = z.infer<typeof auditListOutputSchema>;
