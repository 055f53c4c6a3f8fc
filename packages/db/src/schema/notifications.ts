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
    /** A re-send is a new entry linked to the first. */
    resendOfId: uuid('resend_of_id'),
    /** Set when retries were exhausted and the job went to the dead-letter queue. */
    deadLetteredAt: tstz('dead_lettered_at'),
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

/**
 * The send ledger: one row per idempotency key, claimed before the provider call and marked after it, so a
 * job that runs twice (retry, expiry, crash) never sends twice while the first claim is live.
 */
export const notificationSends = pgTable('notification_sends', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  logId: uuid('log_id')
    .notNull()
    .references(() => notificationLog.id),
  /** Random per claim; only the holder may mark the row. */
  claimToken: text('claim_token'),
  claimedAt: tstz('claimed_at'),
  /** A claim older than this may be taken over (the worker died mid-send). */
  claimExpiresAt: tstz('claim_expires_at'),
  attempts: integer('attempts').notNull().default(0),
  sentAt: tstz('sent_at'),
  providerMessageId: text('provider_message_id'),
  createdAt: createdAt(),
});

/** 24-hour reminders live here, not as far-future pg-boss jobs (retention would delete those). */
export const scheduledReminders = pgTable(
  'scheduled_reminders',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    appointmentVersion: integer('appointment_version').notNull(),
    dueAt: tstz('due_at').notNull(),
    /** pending → enqueued; cancelled when superseded (reschedule) or withdrawn (cancel, completion) */
    status: text('status', { enum: ['pending', 'enqueued', 'cancelled'] })
      .notNull()
      .default('pending'),
    reason: text('reason'),
    enqueuedAt: tstz('enqueued_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.taskId, t.appointmentVersion), index().on(t.status, t.dueAt)],
);

/** Development only: what would have been sent when no provider keys are configured (/dev/outbox). */
export const devOutbox = pgTable(
  'dev_outbox',
  {
    id: id(),
    organizationId: uuid('organization_id'),
    logId: uuid('log_id'),
    type: text('type'),
    channel: channel('channel').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    html: text('html'),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.createdAt)],
);
