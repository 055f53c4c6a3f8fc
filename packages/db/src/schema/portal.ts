// Portal users (a contact's login), one-time codes and link tokens (only hashes are stored).
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, rowVersion, tstz, updatedAt } from './_shared';
import { contacts, customers } from './customers';
import { channel, linkPurpose, portalRole, portalUserStatus } from './enums';
import { organizations } from './organizations';

export { bytea } from './_shared';

export const portalUsers = pgTable(
  'portal_users',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    role: portalRole('role').notNull().default('contact'),
    status: portalUserStatus('status').notNull().default('invited'),
    invitedAt: tstz('invited_at'),
    lastSignInAt: tstz('last_sign_in_at'),
    disabledAt: tstz('disabled_at'),
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.contactId), index().on(t.organizationId, t.customerId)],
);

/**
 * A sign-in in progress in one browser: who is signing in (from a link's Continue step or a recognised
 * "send me a new code" request), bound to that browser's pre-auth cookie by its hash. Codes are sent for it.
 */
export const portalLoginChallenges = pgTable(
  'portal_login_challenges',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    portalUserId: uuid('portal_user_id')
      .notNull()
      .references(() => portalUsers.id, { onDelete: 'cascade' }),
    /** SHA-256 of the pre-auth cookie of the browser this sign-in belongs to. */
    browserBindingHash: bytea('browser_binding_hash').notNull(),
    /** The task the link was about, to open after sign-in. */
    taskId: uuid('task_id'),
    expiresAt: tstz('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.browserBindingHash), index().on(t.portalUserId)],
);

export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    portalUserId: uuid('portal_user_id')
      .notNull()
      .references(() => portalUsers.id),
    /** The sign-in this code was sent for. */
    challengeId: uuid('challenge_id').references(() => portalLoginChallenges.id, { onDelete: 'cascade' }),
    codeHash: bytea('code_hash').notNull(),
    /** Hash of the pre-auth cookie of the browser that asked for the code. */
    browserBindingHash: bytea('browser_binding_hash').notNull(),
    channel: channel('channel').notNull(),
    destination: text('destination').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: tstz('expires_at').notNull(),
    consumedAt: tstz('consumed_at'),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.portalUserId, t.createdAt)],
);

export const linkTokens = pgTable(
  'link_tokens',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    portalUserId: uuid('portal_user_id')
      .notNull()
      .references(() => portalUsers.id),
    taskId: uuid('task_id'),
    purpose: linkPurpose('purpose').notNull(),
    tokenHash: bytea('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    consumedAt: tstz('consumed_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.portalUserId)],
);
