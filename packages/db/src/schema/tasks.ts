// Tasks (work orders), custom field definitions and the customer's answers to them.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, rowVersion, tstz, updatedAt } from './_shared';
import { customers, sites } from './customers';
import { confirmationState, customFieldKind, schedulingMode, taskStatus } from './enums';
import { organizations } from './organizations';
import { portalUsers } from './portal';
import { appointmentWindows } from './scheduling';
import { technicians } from './staff';

export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** Human-friendly number, unique per organization (shown as T-1042). */
    number: bigint('number', { mode: 'number' }).notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    serviceType: text('service_type').notNull(),
    description: text('description'),
    status: taskStatus('status').notNull(),
    schedulingMode: schedulingMode('scheduling_mode').notNull(),
    /** Local calendar date at the site. */
    appointmentDate: date('appointment_date', { mode: 'string' }),
    windowId: uuid('window_id').references(() => appointmentWindows.id),
    /** The window's instants, computed from the date and the site's time zone at booking. */
    appointmentStart: tstz('appointment_start'),
    appointmentEnd: tstz('appointment_end'),
    appointmentVersion: integer('appointment_version').notNull().default(0),
    technicianId: uuid('technician_id').references(() => technicians.id),
    confirmationState: confirmationState('confirmation_state').notNull().default('not_required'),
    confirmedAt: tstz('confirmed_at'),
    confirmedByPortalUserId: uuid('confirmed_by_portal_user_id').references(() => portalUsers.id),
    statusReason: text('status_reason'),
    statusChangedAt: tstz('status_changed_at').notNull().defaultNow(),
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex().on(t.organizationId, t.number),
    // The task list (packages/core/src/tasks/list-tasks.ts) sorts on (coalesce(appointment_date, 'infinity'),
    // number) so unbooked tasks come last and keyset paging stays one index range; each filter it offers has
    // an index ending in that sort key. Keep the expression identical to `appointmentSortKey` there.
    index('tasks_org_appt_idx').on(
      t.organizationId,
      sql`coalesce(${t.appointmentDate}, 'infinity'::date)`,
      t.number,
    ),
    index('tasks_org_created_idx').on(t.organizationId, t.createdAt, t.number),
    index('tasks_org_status_appt_idx').on(
      t.organizationId,
      t.status,
      sql`coalesce(${t.appointmentDate}, 'infinity'::date)`,
      t.number,
    ),
    index('tasks_org_technician_appt_idx').on(
      t.organizationId,
      t.technicianId,
      sql`coalesce(${t.appointmentDate}, 'infinity'::date)`,
      t.number,
    ),
    index('tasks_org_customer_appt_idx').on(
      t.organizationId,
      t.customerId,
      sql`coalesce(${t.appointmentDate}, 'infinity'::date)`,
      t.number,
    ),
    index('tasks_site_idx').on(t.siteId),
    // capacity counting: booked tasks per window and day
    index('tasks_window_day_idx')
      .on(t.windowId, t.appointmentDate)
      .where(sql`${t.status} not in ('cancelled', 'failed')`),
  ],
);

export const customFieldDefinitions = pgTable(
  'custom_field_definitions',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: customFieldKind('kind').notNull(),
    label: text('label').notNull(),
    description: text('description'),
    required: boolean('required').notNull().default(false),
    /** toggle: boolean; dropdown: one of options; text: string; static: none */
    defaultValue: jsonb('default_value').$type<string | boolean | null>(),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    sortOrder: integer('sort_order').notNull().default(0),
    retiredAt: tstz('retired_at'),
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organizationId, t.sortOrder)],
);

export const taskFieldAnswers = pgTable(
  'task_field_answers',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    fieldId: uuid('field_id')
      .notNull()
      .references(() => customFieldDefinitions.id),
    value: jsonb('value').$type<string | boolean | null>(),
    answeredByPortalUserId: uuid('answered_by_portal_user_id').references(() => portalUsers.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.fieldId] })],
);
