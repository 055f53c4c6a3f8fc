// Customers (accounts), their contacts and their sites (service addresses with a time zone).
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, rowVersion, tstz, updatedAt } from './_shared';
import { channel, customerKind } from './enums';
import { organizations } from './organizations';

export const customers = pgTable(
  'customers',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    kind: customerKind('kind').notNull().default('person'),
    email: text('email'),
    phone: text('phone'),
    notes: text('notes'),
    archivedAt: tstz('archived_at'),
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // customers.list pages by (lower(name), id) within an organization
  (t) => [index('customers_org_lower_name_idx').on(t.organizationId, sql`lower(${t.name})`, t.id)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    /** E.164 */
    phone: text('phone'),
    email: text('email'),
    preferredChannel: channel('preferred_channel').notNull().default('sms'),
    smsOptOut: boolean('sms_opt_out').notNull().default(false),
    archivedAt: tstz('archived_at'),
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organizationId, t.customerId)],
);

export const sites = pgTable(
  'sites',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name'),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    city: text('city').notNull(),
    region: text('region'),
    postalCode: text('postal_code'),
    country: text('country').notNull().default('US'),
    /** IANA zone; every appointment window at this site is read in it. */
    timeZone: text('time_zone').notNull(),
    primaryContactId: uuid('primary_contact_id').references((): AnyPgColumn => contacts.id),
    secondaryContactId: uuid('secondary_contact_id').references((): AnyPgColumn => contacts.id),
    archivedAt: tstz('archived_at'),
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organizationId, t.customerId)],
);
