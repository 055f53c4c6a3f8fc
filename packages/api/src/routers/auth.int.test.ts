// Staff sign-in, sign-out and the signed-in profile, through the router on real PostgreSQL.
import type { AppError } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../root';
import {
  callerFor,
  contextFor,
  createOrgFixture,
  createTestClock,
  type OrgFixture,
  type TestClock,
} from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const PASSWORD = 'correct horse battery staple';
const INCORRECT = { code: 'UNAUTHORIZED', message: 'Email or password is incorrect.' };

let ipCounter = 0;
/** Each test signs in from its own addresses, so one test's IP counter never locks another's. */
const freshIp = () =>
  `10.${(++ipCounter >> 8) & 255}.${ipCounter & 255}.${Math.floor(Math.random() * 250) + 1}`;
let emailCounter = 0;
const freshEmail = (label = 'staff') => `${label}-${++emailCounter}-${Date.now()}@example.test`;

function anonymousFrom(ip: string, clock: TestClock) {
  return createCaller({ ...contextFor(t.db, null, clock), request: { ip, userAgent: 'vitest-desktop/1.0' } });
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; cause: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message, cause: error.cause };
    throw error;
  }
  throw new Error('expected the call to fail');
}

const codeAndMessage = async (promise: Promise<unknown>) => {
  const { code, message } = await failure(promise);
  return { code, message };
};

/** A staff user with a real password, created the way an admin does it. */
async function createUser(
  fx: OrgFixture,
  clock: TestClock,
  role: 'admin' | 'dispatcher' = 'dispatcher',
  email = freshEmail(role),
) {
  return callerFor(t.db, fx.admin.token, clock).staff.create({
    email,
    name: `User ${email}`,
    role,
    password: PASSWORD,
  });
}

describe('auth.signIn', () => {
  it('returns a working token for the right password, a new one each time, and records the sign-in', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const user = await createUser(fx, clock, 'dispatcher');
    const anon = anonymousFrom(freshIp(), clock);

    const first = await anon.auth.signIn({ email: `  ${user.email.toUpperCase()} `, password: PASSWORD });
    expect(first.user).toEqual({ id: user.id, email: user.email, name: user.name, role: 'dispatcher' });
    expect(first.organization).toEqual({ id: fx.org.id, name: fx.org.name, slug: fx.org.slug });
    expect(first.idleExpiresAt).toEqual(new Date(clock.now().getTime() + 30 * 60_000));
    expect(first.absoluteExpiresAt).toEqual(new Date(clock.now().getTime() + 12 * 3600_000));
    expect(JSON.stringify(first)).not.toContain('argon2');

    const me = await callerFor(t.db, first.token, clock).auth.me();
    expect(me.user.id).toBe(user.id);
    expect(me.organization).toEqual({
      id: fx.org.id,
      name: fx.org.name,
      slug: fx.org.slug,
      timeZone: 'America/New_York',
    });

    const second = await anon.auth.signIn({ email: user.email, password: PASSWORD });
    expect(second.token).not.toBe(first.token);
    expect((await callerFor(t.db, second.token, clock).auth.me()).user.id).toBe(user.id);

    const [row] = await t.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id));
    expect(row?.lastSignInAt).toEqual(clock.now());
    const [session] = await t.db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.id, second.token.split('.')[0]!));
    expect(session).toMatchObject({ userAgent: 'vitest-desktop/1.0', organizationId: fx.org.id });
  });

  it('answers a wrong password, an unknown email and a disabled user in exactly the same way', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const user = await createUser(fx, clock);
    const disabled = await createUser(fx, clock);
    await callerFor(t.db, fx.admin.token, clock).staff.setStatus({
      id: disabled.id,
      version: disabled.version,
      status: 'disabled',
    });
    const anon = anonymousFrom(freshIp(), clock);

    const wrongPassword = await failure(anon.auth.signIn({ email: user.email, password: 'wrong password!' }));
    const unknownEmail = await failure(anon.auth.signIn({ email: freshEmail('nobody'), password: PASSWORD }));
    const disabledUser = await failure(anon.auth.signIn({ email: disabled.email, password: PASSWORD }));
    // the fixture's users carry an unreadable hash: still the same answer, never a 500
    const [fixtureAdmin] = await t.db
      .select()
      .from(schema.staffUsers)
      .where(eq(schema.staffUsers.id, fx.admin.id));
    const malformedHash = await failure(anon.auth.signIn({ email: fixtureAdmin!.email, password: PASSWORD }));
    for (const f of [wrongPassword, unknownEmail, disabledUser, malformedHash]) {
      expect({ code: f.code, message: f.message }).toEqual(INCORRECT);
      expect((f.cause as AppError).field).toBeUndefined();
    }
  });

  it('locks an account after 5 failures, even for the right password, while others still sign in', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const victim = await createUser(fx, clock);
    const bystander = await createUser(fx, clock);
    const attacker = anonymousFrom(freshIp(), clock);

    for (let i = 0; i < 5; i++) {
      expect(
        await codeAndMessage(attacker.auth.signIn({ email: victim.email, password: `guess ${i}` })),
      ).toEqual(INCORRECT);
      clock.advance(10_000);
    }
    // from anywhere, with the right password, the account is locked until 15 min after the 5th failure
    const locked = await failure(
      anonymousFrom(freshIp(), clock).auth.signIn({ email: victim.email, password: PASSWORD }),
    );
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.message).toBe('Too many sign-in attempts. Try again in 15 minutes.');
    expect((locked.cause as AppError).retryAfterSeconds).toBe(15 * 60 - 10);

    const other = await anonymousFrom(freshIp(), clock).auth.signIn({
      email: bystander.email,
      password: PASSWORD,
    });
    expect(other.user.id).toBe(bystander.id);

    // the lock runs out with the clock; the right password then works and starts a clean slate
    clock.advance(15 * 60_000 - 10_000 - 1000);
    expect((await failure(attacker.auth.signIn({ email: victim.email, password: PASSWORD }))).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    clock.advance(1000);
    const after = await attacker.auth.signIn({ email: victim.email, password: PASSWORD });
    expect(after.user.id).toBe(victim.id);
    for (let i = 0; i < 4; i++)
      await failure(attacker.auth.signIn({ email: victim.email, password: `guess ${i}` }));
    expect((await attacker.auth.signIn({ email: victim.email, password: PASSWORD })).user.id).toBe(victim.id);
  });

  it('locks an unknown email after 5 failures with the same answer as a real account', async () => {
    const clock = createTestClock();
    const anon = anonymousFrom(freshIp(), clock);
    const ghost = freshEmail('ghost');
    for (let i = 0; i < 5; i++)
      expect(await codeAndMessage(anon.auth.signIn({ email: ghost, password: 'guess' }))).toEqual(INCORRECT);
    expect(await codeAndMessage(anon.auth.signIn({ email: ghost, password: 'guess' }))).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many sign-in attempts. Try again in 15 minutes.',
    });
  });

  it('parallel guesses cannot outrun the lock: 12 at once, 5 reach the password check', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const victim = await createUser(fx, clock);
    const anon = anonymousFrom(freshIp(), clock);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        codeAndMessage(anon.auth.signIn({ email: victim.email, password: `guess ${i}` })),
      ),
    );
    expect(results.filter((r) => r.code === 'UNAUTHORIZED')).toHaveLength(5);
    expect(results.filter((r) => r.code === 'TOO_MANY_REQUESTS')).toHaveLength(7);
  });

  it('locks an IP after 30 failures across many emails; the same account signs in from elsewhere', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const user = await createUser(fx, clock);
    const sprayer = anonymousFrom(freshIp(), clock);
    for (let i = 0; i < 30; i++) {
      expect(
        await codeAndMessage(sprayer.auth.signIn({ email: freshEmail('spray'), password: 'Winter2026!' })),
      ).toEqual(INCORRECT);
    }
    const refused = await failure(sprayer.auth.signIn({ email: user.email, password: PASSWORD }));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toBe('Too many sign-in attempts. Try again in 15 minutes.');
    // the refusal came from the IP: the account itself was not charged
    expect(
      (await anonymousFrom(freshIp(), clock).auth.signIn({ email: user.email, password: PASSWORD })).user.id,
    ).toBe(user.id);

    clock.advance(15 * 60_000);
    expect((await sprayer.auth.signIn({ email: user.email, password: PASSWORD })).user.id).toBe(user.id);
  });

  it('refuses bad input with BAD_REQUEST before counting an attempt', async () => {
    const clock = createTestClock();
    const ip = freshIp();
    const anon = anonymousFrom(ip, clock);
    expect((await failure(anon.auth.signIn({ email: '', password: PASSWORD }))).code).toBe('BAD_REQUEST');
    expect((await failure(anon.auth.signIn({ email: 'not-an-email', password: PASSWORD }))).code).toBe(
      'BAD_REQUEST',
    );
    expect(
      (await failure(anon.auth.signIn({ email: freshEmail(), password: 'x'.repeat(10_000) }))).code,
    ).toBe('BAD_REQUEST');
    expect((await failure(anon.auth.signIn({ email: freshEmail(), password: '' }))).code).toBe('BAD_REQUEST');
    expect(
      (await failure(anon.auth.signIn({ email: 'a'.repeat(10_000) + '@example.test', password: PASSWORD })))
        .code,
    ).toBe('BAD_REQUEST');
    const rows = await t.db
      .select()
      .from(schema.authThrottle)
      .where(eq(schema.authThrottle.key, `signin:ip:${ip}`));
    expect(rows).toEqual([]);
  });

  it("one organization's credentials only ever open that organization's session", async () => {
    const clock = createTestClock();
    const a = await createOrgFixture(t.db, clock);
    const b = await createOrgFixture(t.db, clock);
    const userA = await createUser(a, clock, 'admin');
    const userB = await createUser(b, clock, 'admin');
    const anon = anonymousFrom(freshIp(), clock);

    const signedA = await anon.auth.signIn({ email: userA.email, password: PASSWORD });
    expect(signedA.organization.id).toBe(a.org.id);
    expect((await callerFor(t.db, signedA.token, clock).auth.me()).organization.id).toBe(a.org.id);
    const listA = await callerFor(t.db, signedA.token, clock).staff.list({});
    expect(listA.map((u) => u.id).sort()).toEqual([a.admin.id, a.dispatcher.id, userA.id].sort());
    expect(JSON.stringify(listA)).not.toContain(b.org.id);

    const signedB = await anon.auth.signIn({ email: userB.email, password: PASSWORD });
    expect(signedB.organization.id).toBe(b.org.id);
    const listB = await callerFor(t.db, signedB.token, clock).staff.list({});
    expect(listB.map((u) => u.id)).not.toContain(userA.id);

    // B's password with A's email is just a wrong password
    expect(
      await codeAndMessage(anon.auth.signIn({ email: userA.email, password: 'another password' })),
    ).toEqual(INCORRECT);
  });
});

describe('auth.signOut', () => {
  it('revokes the session: the token no longer works', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const user = await createUser(fx, clock);
    const anon = anonymousFrom(freshIp(), clock);
    const first = await anon.auth.signIn({ email: user.email, password: PASSWORD });
    const second = await anon.auth.signIn({ email: user.email, password: PASSWORD });

    expect(await callerFor(t.db, first.token, clock).auth.signOut()).toEqual({ ok: true });
    expect((await failure(callerFor(t.db, first.token, clock).auth.me())).code).toBe('UNAUTHORIZED');
    // signing out again, with no token or with garbage, still succeeds
    expect(await callerFor(t.db, first.token, clock).auth.signOut()).toEqual({ ok: true });
    expect(await callerFor(t.db, null, clock).auth.signOut()).toEqual({ ok: true });
    expect(await callerFor(t.db, 'garbage', clock).auth.signOut()).toEqual({ ok: true });
    // only that session ended
    expect((await callerFor(t.db, second.token, clock).auth.me()).user.id).toBe(user.id);
  });

  it('a token with the right id but a wrong secret ends nothing', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const [id] = fx.dispatcher.token.split('.');
    await callerFor(t.db, `${id}.${'a'.repeat(52)}`, clock).auth.signOut();
    expect((await callerFor(t.db, fx.dispatcher.token, clock).auth.me()).user.id).toBe(fx.dispatcher.id);
  });
});

describe('auth.me', () => {
  it('expires after 30 idle minutes', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const user = await createUser(fx, clock);
    const { token } = await anonymousFrom(freshIp(), clock).auth.signIn({
      email: user.email,
      password: PASSWORD,
    });
    const me = callerFor(t.db, token, clock);
    clock.advance(29 * 60_000);
    const alive = await me.auth.me();
    // activity slides the idle expiry
    expect(alive.session.idleExpiresAt).toEqual(new Date(clock.now().getTime() + 30 * 60_000));
    clock.advance(30 * 60_000 + 1000);
    expect(await codeAndMessage(me.auth.me())).toEqual({
      code: 'UNAUTHORIZED',
      message: 'Your session has ended. Sign in again.',
    });
  });

  it('expires 12 hours after sign-in however active the user is', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const user = await createUser(fx, clock);
    const signedIn = await anonymousFrom(freshIp(), clock).auth.signIn({
      email: user.email,
      password: PASSWORD,
    });
    const me = callerFor(t.db, signedIn.token, clock);
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      clock.set(new Date(signedIn.absoluteExpiresAt.getTime() - 12 * 3600_000 + minutes * 60_000));
      expect((await me.auth.me()).session.absoluteExpiresAt).toEqual(signedIn.absoluteExpiresAt);
    }
    clock.set(signedIn.absoluteExpiresAt);
    expect((await failure(me.auth.me())).code).toBe('UNAUTHORIZED');
  });
});
