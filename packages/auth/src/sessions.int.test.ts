import { createTestOrganization, createTestStaff } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, invalidateUserSessions, staffLifetimes, validateSessionToken } from './sessions';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('staff sessions', () => {
  it('validates a fresh token, stores only a hash, and rejects a tampered secret', async () => {
    const org = await createTestOrganization(t.db);
    const { user, token } = await createTestStaff(t.db, org.id, 'dispatcher');
    const session = await validateSessionToken(t.db, token, new Date());
    expect(session?.staffUser?.id).toBe(user.id);
    const [row] = await t.db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.id, token.split('.')[0]!));
    expect(Buffer.from(row!.secretHash).toString('hex')).not.toContain(token.split('.')[1]);
    const tampered = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
    expect(await validateSessionToken(t.db, tampered, new Date())).toBeNull();
  });

  it('expires after 30 idle minutes, slides with activity, and stops at 12 hours absolute', async () => {
    const org = await createTestOrganization(t.db);
    const { user } = await createTestStaff(t.db, org.id, 'dispatcher');
    const start = new Date('2026-03-02T08:00:00Z');
    const { token } = await createSession(t.db, {
      subject: 'staff',
      organizationId: org.id,
      userId: user.id,
      now: start,
      lifetimes: staffLifetimes(org),
    });
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    // active every 20 minutes keeps it alive past the first 30 minutes…
    for (let m = 20; m < 12 * 60; m += 20)
      expect(await validateSessionToken(t.db, token, at(m))).not.toBeNull();
    // …but not past the absolute lifetime
    expect(await validateSessionToken(t.db, token, at(12 * 60 + 1))).toBeNull();

    const second = await createSession(t.db, {
      subject: 'staff',
      organizationId: org.id,
      userId: user.id,
      now: start,
      lifetimes: staffLifetimes(org),
    });
    expect(await validateSessionToken(t.db, second.token, at(31))).toBeNull();
  });

  it('revokes every session of a user', async () => {
    const org = await createTestOrganization(t.db);
    const { user, token } = await createTestStaff(t.db, org.id, 'admin');
    await invalidateUserSessions(t.db, { staffUserId: user.id });
    expect(await validateSessionToken(t.db, token, new Date())).toBeNull();
  });
});
