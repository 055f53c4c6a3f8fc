// Housekeeping removes what has expired and keeps what is live, on real PostgreSQL.
import { createSession, staffLifetimes } from '@portico/auth';
import { createOrgFixture, createTestClock } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHousekeeping } from './housekeeping';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('housekeeping', () => {
  it('deletes expired sessions, spent throttle rows and long-expired links, and keeps live ones', async () => {
    const clock = createTestClock(new Date('2026-03-02T15:00:00Z'));
    const fixture = await createOrgFixture(t.db, clock);
    const lifetimes = staffLifetimes(fixture.org);
    const old = await createSession(t.db, {
      subject: 'staff',
      organizationId: fixture.org.id,
      userId: fixture.dispatcher.id,
      now: new Date('2026-03-01T08:00:00Z'),
      lifetimes,
    });
    const live = await createSession(t.db, {
      subject: 'staff',
      organizationId: fixture.org.id,
      userId: fixture.dispatcher.id,
      now: clock.now(),
      lifetimes,
    });
    await t.db.insert(schema.authThrottle).values([
      { key: 'stale', failures: 3, windowStartedAt: new Date('2026-03-02T10:00:00Z') },
      { key: 'fresh', failures: 2, windowStartedAt: new Date('2026-03-02T14:55:00Z') },
      {
        key: 'locked',
        failures: 5,
        windowStartedAt: new Date('2026-03-02T10:00:00Z'),
        lockedUntil: new Date('2026-03-02T15:10:00Z'),
      },
    ]);
    const link = (expiresAt: Date) => ({
      organizationId: fixture.org.id,
      portalUserId: fixture.portalUser.id,
      purpose: 'invite' as const,
      tokenHash: new Uint8Array(Buffer.from(expiresAt.toISOString())),
      expiresAt,
    });
    await t.db
      .insert(schema.linkTokens)
      .values([link(new Date('2026-01-10T00:00:00Z')), link(new Date('2026-02-25T00:00:00Z'))]);

    await runHousekeeping(t.db, clock);

    const sessionIds = (await t.db.select({ id: schema.sessions.id }).from(schema.sessions)).map((r) => r.id);
    expect(sessionIds).toContain(live.id);
    expect(sessionIds).not.toContain(old.id);
    const keys = (await t.db.select({ key: schema.authThrottle.key }).from(schema.authThrottle)).map(
      (r) => r.key,
    );
    expect(keys.sort()).toEqual(['fresh', 'locked']);
    const links = await t.db
      .select({ expiresAt: schema.linkTokens.expiresAt })
      .from(schema.linkTokens)
      .where(eq(schema.linkTokens.portalUserId, fixture.portalUser.id));
    expect(links.map((l) => l.expiresAt.toISOString())).toEqual(['2026-02-25T00:00:00.000Z']);
  });
});
