// Appointment windows: named spans of a day with a capacity per day, read in each site's time zone.
import { index, integer, pgTable, smallint, text, time, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, rowVersion, tstz, updatedAt } from './_shared';
import { organizations } from './organizations';

export const appointmentWindows = pgTable(
  'appointment_windows',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    /** 'HH:MM:SS', local time of the site */
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    /** ISO weekdays, 1 = Monday … 7 = Sunday */
    daysOfWeek: smallint('days_of_week').array().notNull(),
    capacityPerDay: integer('capacity_per_day').notNull(),
    retiredAt: tstz('retired_at'),
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organizationId)],
);
