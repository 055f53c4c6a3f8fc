// Housekeeping of portal sign-in state on real PostgreSQL: challenges and codes that expired over a day ago go,
// and the hour-long portal send and try counters live out their window.
import { createOrgFixture, createTestClock } from '@portico/api/test-support';
import { placeholderCodeHash, portalThrottleKeys } from '@portico/auth';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHousekeeping } from '../housekeeping';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const HOUR = 3_600_000;

describe('housekeeping of portal sign-in', () => {
  it('deletes challenges and codes expired over a day ago and keeps recent and live ones', async () => {
    const clock = createTestClock(new Date('2026-03-02T15:00:00Z'));
    const fx = await createOrgFixture(t.db, clock);
    const now = clock.now().getTime();
    const challenge = async (expiresAt: Date) => {
      const [row] = await t.db
        .insert(schema.portalLoginChallenges)
        .values({
          organizationId: fx.org.id,
          portalUserId: fx.portalUser.id,
          browserBindingHash: placeholderCodeHash(),
          expiresAt,
          createdAt: new Date(expiresAt.getTime() - 15 * 60_000),
        })
        .returning();
      return row!;
    };
    const code = async (expiresAt: Date, challengeId: string | null) => {
      const [row] = await t.db
        .insert(schema.oneTimeCodes)
        .values({
          organizationId: fx.org.id,
          portalUserId: fx.portalUser.id,
          challengeId,
          codeHash: placeholderCodeHash(),
          browserBindingHash: placeholderCodeHash(),
          channel: 'sms',
          destination: '+15125550142',
          expiresAt,
        })
        .returning();
      return row!;
    };
    const oldChallenge = await challenge(new Date(now - 30 * HOUR));
    const oldChallengeCode = await code(new Date(now - 30 * HOUR), oldChallenge.id);
    const oldLooseCode = await code(new Date(now - 25 * HOUR), null);
    const recentChallenge = await challenge(new Date(now - 2 * HOUR));
    const recentCode = await code(new Date(now - 2 * HOUR), recentChallenge.id);
    const liveChallenge = await challenge(new Date(now + 10 * 60_000));
    const liveCode = await code(new Date(now + 4 * 60_000), liveChallenge.id);

    await t.db.insert(schema.authThrottle).values([
      // a portal send counter 40 minutes into its hour: still counting
      {
        key: portalThrottleKeys.sendDestination('+15125550142'),
        failures: 4,
        windowStartedAt: new Date(now - 40 * 60_000),
      },
      // one whose hour is over
      {
        key: portalThrottleKeys.sendOrganization(fx.org.id),
        failures: 3,
        windowStartedAt: new Date(now - 2 * HOUR),
      },
    ]);

    await runHousekeeping(t.db, clock);

    const challengeIds = (await t.db.select().from(schema.portalLoginChallenges)).map((r) => r.id);
    expect(challengeIds.sort()).toEqual([recentChallenge.id, liveChallenge.id].sort());
    const codeIds = (await t.db.select().from(schema.oneTimeCodes)).map((r) => r.id);
    expect(codeIds.sort()).toEqual([recentCode.id, liveCode.id].sort());
    expect(codeIds).not.toContain(oldChallengeCode.id);
    expect(codeIds).not.toContain(oldLooseCode.id);
    const keys = (await t.db.select().from(schema.authThrottle)).map((r) => r.key);
    expect(keys).toEqual([portalThrottleKeys.sendDestination('+15125550142')]);
  });
});
