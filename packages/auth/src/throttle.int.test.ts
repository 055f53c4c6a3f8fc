import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteStaleThrottleRows,
  releaseAttempt,
  reserveAttempt,
  reserveSignInAttempt,
  recordSignInSuccess,
  type ThrottlePolicy,
} from './throttle';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const policy: ThrottlePolicy = { maxFailures: 3, windowSeconds: 600, lockSeconds: 900 };
const start = new Date('2026-03-02T15:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
let n = 0;
const freshKey = () => `test:${++n}:${Math.random()}`;

describe('reserveAttempt', () => {
  it('allows maxFailures attempts in a window, then refuses until the lock ends', async () => {
    const key = freshKey();
    for (let i = 0; i < 3; i++)
      expect(await reserveAttempt(t.db, key, policy, at(i))).toEqual({ allowed: true });
    // the 3rd attempt (at +2 s) started a 900 s lock
    expect(await reserveAttempt(t.db, key, policy, at(10))).toEqual({
      allowed: false,
      retryAfterSeconds: 892,
    });
    // refused attempts do not extend the lock
    expect(await reserveAttempt(t.db, key, policy, at(800))).toEqual({
      allowed: false,
      retryAfterSeconds: 102,
    });
    expect(await reserveAttempt(t.db, key, policy, at(902))).toEqual({ allowed: true });
    const [row] = await t.db.select().from(schema.authThrottle).where(eqKey(key));
    expect(row).toMatchObject({ failures: 1, windowStartedAt: at(902), lockedUntil: null });
  });

  it('starts a new window once the old one is over without a lock', async () => {
    const key = freshKey();
    await reserveAttempt(t.db, key, policy, at(0));
    await reserveAttempt(t.db, key, policy, at(1));
    expect(await reserveAttempt(t.db, key, policy, at(600))).toEqual({ allowed: true });
    expect(await reserveAttempt(t.db, key, policy, at(601))).toEqual({ allowed: true });
    expect(await reserveAttempt(t.db, key, policy, at(602))).toEqual({ allowed: true });
    expect((await reserveAttempt(t.db, key, policy, at(603))).allowed).toBe(false);
  });

  it('counts concurrent attempts exactly: 40 at once, 3 allowed', async () => {
    const key = freshKey();
    const results = await Promise.all(
      Array.from({ length: 40 }, () => reserveAttempt(t.db, key, policy, at(0))),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });

  it('a released attempt is given back and lifts a lock it started', async () => {
    const key = freshKey();
    for (let i = 0; i < 3; i++) await reserveAttempt(t.db, key, policy, at(0));
    await releaseAttempt(t.db, key, policy);
    expect(await reserveAttempt(t.db, key, policy, at(1))).toEqual({ allowed: true });
    expect((await reserveAttempt(t.db, key, policy, at(2))).allowed).toBe(false);
  });
});

describe('sign-in throttling', () => {
  it('a locked account is refused from any IP without charging that IP; a success clears the account', async () => {
    const now = at(0);
    for (let i = 0; i < 5; i++) {
      expect(
        (await reserveSignInAttempt(t.db, { email: 'Lock@Example.test', ip: '198.51.100.1', now })).allowed,
      ).toBe(true);
    }
    const refused = await reserveSignInAttempt(t.db, { email: 'lock@example.test', ip: '198.51.100.2', now });
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 900 });
    const [ip2] = await t.db.select().from(schema.authThrottle).where(eqKey('signin:ip:198.51.100.2'));
    expect(ip2).toBeUndefined();

    expect(
      (await reserveSignInAttempt(t.db, { email: 'ok@example.test', ip: '198.51.100.3', now })).allowed,
    ).toBe(true);
    await recordSignInSuccess(t.db, { email: 'ok@example.test', ip: '198.51.100.3' });
    const [ip3] = await t.db.select().from(schema.authThrottle).where(eqKey('signin:ip:198.51.100.3'));
    expect(ip3?.failures).toBe(0);
  });

  it('housekeeping drops rows whose window and lock are over, keeps live ones', async () => {
    const old = freshKey();
    const live = freshKey();
    await reserveAttempt(t.db, old, policy, at(0));
    await reserveAttempt(t.db, live, policy, at(3000));
    await deleteStaleThrottleRows(t.db, at(3000));
    const keys = (await t.db.select().from(schema.authThrottle)).map((r) => r.key);
    expect(keys).not.toContain(old);
    expect(keys).toContain(live);
  });
});

function eqKey(key: string) {
  return eq(schema.authThrottle.key, key);
}
