// Organizations (tenants) and every setting an admin controls.
import { boolean, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, rowVersion, updatedAt } from './_shared';
import { cancelPolicy, loginMode } from './enums';

export const organizations = pgTable('organizations', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('America/New_York'),
  officePhone: text('office_phone'),
  officeEmail: text('office_email'),
  // branding
  logoFileId: text('logo_file_id'),
  primaryColor: text('primary_color').notNull().default('#1f6feb'),
  accentColor: text('accent_color').notNull().default('#f59e0b'),
  /** Overrides of portal wording, keyed by label id. */
  labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
  // portal policies
  loginMode: loginMode('login_mode').notNull().default('otp'),
  linkLifetimeHours: integer('link_lifetime_hours').notNull().default(120),
  rescheduleCutoffHours: integer('reschedule_cutoff_hours').notNull().default(24),
  cancelPolicy: cancelPolicy('cancel_policy').notNull().default('portal'),
  cancelMessage: text('cancel_message'),
  cancelPhone: text('cancel_phone'),
  hideServiceDetails: boolean('hide_service_details').notNull().default(false),
  confirmationFlow: boolean('confirmation_flow').notNull().default(false),
  nextTaskNumber: integer('next_task_number').notNull().default(1000),
  notifyOnDispatcherBooking: boolean('notify_on_dispatcher_booking').notNull().default(true),
  // session lifetimes (NIST 800-63B: AAL2 staff 30 min idle / 12 h absolute, AAL1 customers <= 30 days)
  staffSessionIdleMinutes: integer('staff_session_idle_minutes').notNull().default(30),
  staffSessionAbsoluteHours: integer('staff_session_absolute_hours').notNull().default(12),
  portalSessionIdleDays: integer('portal_session_idle_days').notNull().default(7),
  portalSessionAbsoluteDays: integer('portal_session_absolute_days').notNull().default(30),
  version: rowVersion(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
