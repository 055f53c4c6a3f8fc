// Fixtures for integration tests: organizations, staff users with live sessions, and callers bound to them.
import { createSession, staffLifetimes } from '@portico/auth';
import { systemClock, type Clock } from '@portico/core';
import { schema, type Db } from '@portico/db';
import { randomBytes } from 'node:crypto';
import type { ApiContext } from './context';
import { createCaller } from './root';

export type TestClock = Clock & { set: (d: Date) => void; advance: (ms: number) => void };

export function createTestClock(start = new Date('2026-03-02T15:00:00Z')): TestClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (d) => {
      now = d.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

export function contextFor(db: Db, sessionToken: string | null, clock: Clock = systemClock): ApiContext {
  return {
    db,
    clock,
    boss: null,
    sessionToken,
    request: { ip: '127.0.0.1', userAgent: 'vitest' },
    publicOrigin: 'http://localhost:3000',
  };
}

export function callerFor(db: Db, sessionToken: string | null, clock: Clock = systemClock) {
  return createCaller(contextFor(db, sessionToken, clock));
}

export async function createTestOrganization(
  db: Db,
  overrides: Partial<typeof schema.organizations.$inferInsert> = {},
): Promise<typeof schema.organizations.$inferSelect> {
  const suffix = randomBytes(4).toString('hex');
  const [org] = await db
    .insert(schema.organizations)
    .values({ slug: `org-${suffix}`, name: `Org ${suffix}`, timeZone: 'America/New_York', ...overrides })
    .returning();
  if (!org) throw new Error('organization not created');
  return org;
}

/** A staff user with a known password hash placeholder and a live session token. */
export async function createTestStaff(
  db: Db,
  organizationId: string,
  role: 'admin' | 'dispatcher',
  clock: Clock = systemClock,
): Promise<{ user: typeof schema.staffUsers.$inferSelect; token: string }> {
  const suffix = randomBytes(4).toString('hex');
  const [user] = await db
    .insert(schema.staffUsers)
    .values({
      organizationId,
      email: `${role}-${suffix}@example.test`,
      name: `${role} ${suffix}`,
      role,
      passwordHash: 'not-a-real-hash',
    })
    .returning();
  if (!user) throw new Error('staff user not created');
  const [org] = await db.select().from(schema.organizations).where(eqId(organizationId));
  const session = await createSession(db, {
    subject: 'staff',
    organizationId,
    userId: user.id,
    now: clock.now(),
    lifetimes: staffLifetimes(org!),
  });
  return { user, token: session.token };
}

import { eq } from 'drizzle-orm';
const eqId = (id: string) => eq(schema.organizations.id, id);
