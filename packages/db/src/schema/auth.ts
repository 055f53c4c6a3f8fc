// Sessions (Lucia-guide: id + hashed secret, idle and absolute expiry) and sign-in throttling state.
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from './_shared';
import { sessionSubject } from './enums';
import { organizations } from './organizations';
import { bytea, portalUsers } from './portal';
import { staffUsers } from './staff';

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    subject: sessionSubject('subject').notNull(),
    staffUserId: uuid('staff_user_id').references(() => staffUsers.id, { onDelete: 'cascade' }),
    portalUserId: uuid('portal_user_id').references(() => portalUsers.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastActiveAt: tstz('last_active_at').notNull().defaultNow(),
    idleExpiresAt: tstz('idle_expires_at').notNull(),
    absoluteExpiresAt: tstz('absolute_expires_at').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index().on(t.staffUserId), index().on(t.portalUserId)],
);

/** One row per throttled key (an account, an IP); failures counted in a sliding window. */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: tstz('window_started_at').notNull().defaultNow(),
  lockedUntil: tstz('locked_until'),
});
