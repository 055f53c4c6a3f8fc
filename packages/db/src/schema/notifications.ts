// Notification settings per type, editable templates and the log of every notification attempt.
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, rowVersion, tstz, updatedAt } from './_shared';
import { contacts } from './customers';
import { channel, deliveryMethod, notificationStatus, notificationType } from './enums';
import { organizations } from './organizations';
import { tasks } from './tasks';

export const notificationSettings = pgTable(
  'notification_settings',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    type: notificationType('type').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    method: deliveryMethod('method').notNull().default('both'),
    version: rowVersion(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.type] })],
);

export const notificationTemplates = pgTable(
  'notification_templates',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    type: notificationType('type').notNull(),
    channel: channel('channel').notNull(),
    /** email only */
    subject: text('subject'),
    body: text('body').notNull(),
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.organizationId, t.type, t.channel)],
);

export const notificationLog = pgTable(
  'notification_log',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    taskId: uuid('task_id').references(() => tasks.id),
    type: notificationType('type').notNull(),
    channel: channel('channel').notNull(),
    contactId: uuid('contact_id').references(() => contacts.id),
    recipient: text('recipient'),
    status: notificationStatus('status').notNull().default('queued'),
    skipReason: text('skip_reason'),
    /** task, type, appointment version, channel, recipient */
    idempotencyKey: text('idempotency_key').notNull(),
    appointmentVersion: integer('appointment_version'),
    subject: text('subject'),
    body: text('body'),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    segments: integer('segments'),
    sentAt: tstz('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex().on(t.idempotencyKey),
    index().on(t.organizationId, t.createdAt),
    index().on(t.taskId, t.createdAt),
  ],
);
