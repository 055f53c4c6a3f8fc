// Staff users (admins, dispatchers) and technicians of an organization.
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, rowVersion, tstz, updatedAt } from './_shared';
import { staffRole, userStatus } from './enums';
import { organizations } from './organizations';

export const staffUsers = pgTable(
  'staff_users',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** Stored lower-cased; unique across Portico so sign-in needs only email and password. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: staffRole('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: userStatus('status').notNull().default('active'),
    lastSignInAt: tstz('last_sign_in_at'),
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('staff_users_email_key').on(sql`lower(${t.email})`), index().on(t.organizationId)],
);

export const technicians = pgTable(
  'technicians',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    color: text('color'),
    active: boolean('active').notNull().default(true),
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organizationId, t.name)],
);

/**
 * Invitations of staff users by email. The token is minted by the `staff-invite` job at send time; only its
 * SHA-256 is stored. A newer invitation of the same user replaces older ones (they are consumed).
 */
export const staffInvites = pgTable(
  'staff_invites',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    staffUserId: uuid('staff_user_id')
      .notNull()
      .references(() => staffUsers.id),
    tokenHash: bytea('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    consumedAt: tstz('consumed_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.staffUserId)],
);
