// Portal access through createCaller on real PostgreSQL: the organization's portal face, links (inspect,
// continue), one-time codes (send, verify, limits, browser binding), "send me a new code or link", sign-out and
// disabled portal users. Jobs run through their real handlers with the development outbox as the provider.
import {
  createLinkToken,
  hashLinkToken,
  hashPreAuthValue,
  portalThrottleKeys,
  validateSessionToken,
  type LinkPurpose,
} from '@portico/auth';
import type { Clock, QueuePayloads } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import {
  createChannelProviders,
  portalAccessRequestHandler,
  portalCodeHandler,
  startJobSystem,
  type JobSystem,
  type WorkerDeps,
} from '@portico/jobs';
import { portalLabelDefaults } from '@portico/validators/portal-labels';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  createTestCookieJar,
  refusalOf,
  snapshotOrganization,
  type OrgFixture,
  type TestClock,
  type TestCookieJar,
} from '../test-support';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ORIGIN = 'http://localhost:3000';

let t: TestDatabase;
let jobs: JobSystem;

beforeAll(async () => {
  t = await createTestDatabase();
  jobs = await startJobSystem({ connectionString: t.url, role: 'producer' });
});

afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

// Every test gets its own recipients and IPs: send and try limits are counted per recipient and per IP across
// organizations, and the tests of this file share one database.
let sequence = 0;
const next = () => ++sequence;

type Setup = {
  fx: OrgFixture;
  clock: TestClock;
  phone: string;
  email: string;
  slug: string;
};

async function setup(
  options: { loginMode?: 'otp' | 'link'; portalStatus?: 'invited' | 'active' | 'disabled' } = {},
): Promise<Setup> {
  const clock = createTestClock();
  const fx = await createOrgFixture(t.db, clock);
  const n = next();
  const phone = `+1512555${String(1000 + n).padStart(4, '0')}`;
  const email = `Pat.${n}@Example.test`;
  await t.db
    .update(schema.contacts)
    .set({ phone, email })
    .where(eq(schema.contacts.id, fx.primaryContact.id));
  if (options.loginMode) {
    await t.db
      .update(schema.organizations)
      .set({ loginMode: options.loginMode })
      .where(eq(schema.organizations.id, fx.org.id));
  }
  if (options.portalStatus) {
    await t.db
      .update(schema.portalUsers)
      .set({ status: options.portalStatus })
      .where(eq(schema.portalUsers.id, fx.portalUser.id));
  }
  return { fx, clock, phone, email, slug: fx.org.slug };
}

type Browser = { jar: TestCookieJar; ip: string; api: () => ReturnType<typeof callerFor> };

/** A browser: its own cookies (kept between calls) and its own IP address. */
function browser(clock: Clock, ip = `10.0.${Math.floor(next() / 250)}.${(sequence % 250) + 1}`): Browser {
  const jar = createTestCookieJar();
  return { jar, ip, api: () => callerFor(t.db, jar.session?.token ?? null, clock, { cookies: jar, ip }) };
}

async function mintLink(
  s: Setup,
  options: { purpose?: LinkPurpose; expiresInMs?: number; taskId?: string | null } = {},
): Promise<string> {
  const now = s.clock.now();
  const { token } = await createLinkToken(t.db, {
    organizationId: s.fx.org.id,
    portalUserId: s.fx.portalUser.id,
    purpose: options.purpose ?? 'invite',
    taskId: options.taskId === undefined ? s.fx.unscheduledTask.id : options.taskId,
    now,
    expiresAt: new Date(now.getTime() + (options.expiresInMs ?? 120 * HOUR)),
  });
  return token;
}

function workerDeps(clock: Clock): WorkerDeps {
  return {
    db: t.db,
    clock,
    boss: jobs.boss,
    providers: createChannelProviders(
      {
        NODE_ENV: 'test',
        EMAIL_FROM: 'Portico <portal@example.test>',
        SMS_RATE_PER_SECOND: 100,
        EMAIL_RATE_PER_SECOND: 100,
        PROVIDER_TIMEOUT_MS: 5000,
      },
      t.db,
    ),
    publicOrigin: ORIGIN,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  };
}

/** Runs the portal sign-in jobs waiting in the outbox (what the relay and the worker do), oldest first. */
async function runSignInJobs(clock: Clock): Promise<number> {
  const deps = workerDeps(clock);
  let ran = 0;
  for (;;) {
    const rows = await t.db
      .select()
      .from(schema.jobOutbox)
      .where(inArray(schema.jobOutbox.queue, ['portal-code', 'portal-access-request']))
      .orderBy(asc(schema.jobOutbox.createdAt));
    if (rows.length === 0) return ran;
    for (const row of rows) {
      await t.db.delete(schema.jobOutbox).where(eq(schema.jobOutbox.id, row.id));
      if (row.queue === 'portal-code') {
        await portalCodeHandler({ id: row.id, data: row.data as QueuePayloads['portal-code'] }, deps);
      } else {
        await portalAccessRequestHandler(
          { id: row.id, data: row.data as QueuePayloads['portal-access-request'] },
          deps,
        );
      }
      ran++;
    }
  }
}

/** The messages the development outbox holds for one recipient, newest first. */
async function messagesTo(recipient: string) {
  return t.db
    .select()
    .from(schema.devOutbox)
    .where(eq(schema.devOutbox.recipient, recipient))
    .orderBy(desc(schema.devOutbox.createdAt), desc(schema.devOutbox.id));
}

/** Runs the queued jobs and reads the code of the newest message to `recipient`. */
async function receiveCode(s: Setup, recipient: string): Promise<string> {
  await runSignInJobs(s.clock);
  const [message] = await messagesTo(recipient);
  const code = /\b(\d{6})\b/.exec(message?.body ?? '')?.[1];
  if (!code) throw new Error(`no code was sent to ${recipient}`);
  return code;
}

/** Everything sign-in can touch, to prove a refused call changed nothing. */
async function snapshotSignIn(organizationId: string): Promise<string> {
  const rows = async (table: string, where = sql`organization_id = ${organizationId}`) =>
    JSON.stringify(
      await t.db.execute(
        sql`select to_jsonb(x) as row from ${sql.identifier(table)} x where ${where} order by to_jsonb(x)::text`,
      ),
    );
  return [
    await snapshotOrganization(t.db, organizationId),
    await rows('portal_login_challenges'),
    await rows('sessions'),
    await rows('auth_throttle', sql`true`),
    await rows('dev_outbox', sql`true`),
  ].join('\n');
}

async function portalUserRow(s: Setup) {
  const [row] = await t.db
    .select()
    .from(schema.portalUsers)
    .where(eq(schema.portalUsers.id, s.fx.portalUser.id));
  return row!;
}

async function challengesOf(organizationId: string) {
  return t.db
    .select()
    .from(schema.portalLoginChallenges)
    .where(eq(schema.portalLoginChallenges.organizationId, organizationId));
}

/** Continue with an invite link in an OTP organization and send a code by SMS: the browser is at "enter the code". */
async function startOtpSignIn(s: Setup, b: Browser = browser(s.clock)): Promise<Browser> {
  const token = await mintLink(s);
  await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token });
  await b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' });
  return b;
}

describe('portalAccess.organization', () => {
  it('answers the branding, merged labels, login mode and office phone of a portal address', async () => {
    const s = await setup({ loginMode: 'link' });
    await t.db
      .update(schema.organizations)
      .set({
        labels: { 'portal.title': 'Your visits', 'not.a.label': 'x', 'office.call': '  ' },
        officePhone: '+15125550000',
        primaryColor: '#0a7d3c',
      })
      .where(eq(schema.organizations.id, s.fx.org.id));
    const org = await browser(s.clock).api().portalAccess.organization({ orgSlug: s.slug });
    expect(org).toEqual({
      slug: s.slug,
      name: s.fx.org.name,
      logoUrl: null,
      primaryColor: '#0a7d3c',
      accentColor: s.fx.org.accentColor,
      labels: { ...portalLabelDefaults, 'portal.title': 'Your visits' },
      loginMode: 'link',
      officePhone: '+15125550000',
    });
  });

  it('answers NOT_FOUND for an address no organization has, and refuses a malformed one', async () => {
    const api = browser(createTestClock()).api();
    expect(await refusalOf(api.portalAccess.organization({ orgSlug: 'no-such-portal' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'This portal address does not exist.',
    });
    expect(await refusalOf(api.portalAccess.organization({ orgSlug: 'Not A Slug' }))).toMatchObject({
      code: 'BAD_REQUEST',
      issues: ['Not a portal address.'],
    });
  });
});

describe('portalAccess.inspectLink', () => {
  it('reads a valid link with the contact first name and writes nothing', async () => {
    const s = await setup();
    const token = await mintLink(s);
    const before = await snapshotSignIn(s.fx.org.id);
    const b = browser(s.clock);
    expect(await b.api().portalAccess.inspectLink({ orgSlug: s.slug, token })).toEqual({
      state: 'valid',
      firstName: 'Pat',
    });
    expect(b.jar.changes).toEqual([]);
    expect(await snapshotSignIn(s.fx.org.id)).toBe(before);
  });

  it('tells expired, used and invalid links apart, without saying whose they are', async () => {
    const s = await setup();
    const other = await setup();
    const api = browser(s.clock).api();
    const expired = await mintLink(s, { expiresInMs: 1000 });
    const used = await mintLink(s);
    await t.db
      .update(schema.linkTokens)
      .set({ consumedAt: s.clock.now() })
      .where(eq(schema.linkTokens.tokenHash, hashLinkToken(used)));
    s.clock.advance(2000);
    const inspect = (token: string, orgSlug = s.slug) => api.portalAccess.inspectLink({ orgSlug, token });
    expect(await inspect(expired)).toEqual({ state: 'expired' });
    expect(await inspect(used)).toEqual({ state: 'used' });
    expect(await inspect('a'.repeat(32))).toEqual({ state: 'invalid' });
    // another organization's link, asked for at this organization's address
    expect(await inspect(await mintLink(other))).toEqual({ state: 'invalid' });
    expect(await refusalOf(inspect('not-a-token'))).toMatchObject({
      code: 'BAD_REQUEST',
      issues: ['This link is not valid.'],
    });
  });

  it('says invalid for the link of a disabled portal user or an archived contact', async () => {
    const s = await setup({ portalStatus: 'disabled' });
    const token = await mintLink(s);
    const api = browser(s.clock).api();
    expect(await api.portalAccess.inspectLink({ orgSlug: s.slug, token })).toEqual({ state: 'invalid' });
    const archived = await setup();
    const archivedToken = await mintLink(archived);
    await t.db
      .update(schema.contacts)
      .set({ archivedAt: archived.clock.now() })
      .where(eq(schema.contacts.id, archived.fx.primaryContact.id));
    expect(await api.portalAccess.inspectLink({ orgSlug: archived.slug, token: archivedToken })).toEqual({
      state: 'invalid',
    });
  });
});

describe('portalAccess.continueWithLink, link-only organization', () => {
  it('signs in with the session cookie, activates an invited user and opens the link task', async () => {
    const s = await setup({ loginMode: 'link', portalStatus: 'invited' });
    const token = await mintLink(s);
    const b = browser(s.clock);
    const before = await portalUserRow(s);
    const answer = await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token });
    expect(answer).toEqual({ next: 'signedIn', taskId: s.fx.unscheduledTask.id });
    expect(b.jar.changes).toEqual(['setSession']);
    const session = await validateSessionToken(t.db, b.jar.session!.token, s.clock.now());
    expect(session).toMatchObject({ subject: 'portal', organizationId: s.fx.org.id });
    expect(session!.portalUser!.id).toBe(s.fx.portalUser.id);
    // the cookie lives as long as the session may (its absolute lifetime, at most 30 days)
    expect(b.jar.session!.expiresAt).toEqual(session!.absoluteExpiresAt);
    expect(b.jar.session!.expiresAt.getTime() - s.clock.now().getTime()).toBeLessThanOrEqual(30 * 24 * HOUR);
    const after = await portalUserRow(s);
    expect(after).toMatchObject({
      status: 'active',
      lastSignInAt: s.clock.now(),
      version: before.version + 1,
    });
  });

  it('lets the link sign in again until it expires, then refuses it and writes nothing', async () => {
    const s = await setup({ loginMode: 'link' });
    const token = await mintLink(s, { purpose: 'login', expiresInMs: 120 * HOUR });
    for (const elapsed of [0, 60 * HOUR, 119 * HOUR]) {
      s.clock.set(new Date(createTestClock().now().getTime() + elapsed));
      const b = browser(s.clock);
      expect(await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token })).toMatchObject({
        next: 'signedIn',
      });
    }
    const [link] = await t.db
      .select()
      .from(schema.linkTokens)
      .where(eq(schema.linkTokens.organizationId, s.fx.org.id));
    expect(link!.consumedAt).toBeNull();

    s.clock.advance(HOUR);
    const b = browser(s.clock);
    const before = await snapshotSignIn(s.fx.org.id);
    expect(await refusalOf(b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'This link has expired. Ask for a new one below.',
    });
    expect(b.jar.changes).toEqual([]);
    expect(await snapshotSignIn(s.fx.org.id)).toBe(before);
  });

  it('refuses unknown, foreign and disabled users links with nothing written', async () => {
    const s = await setup({ loginMode: 'link' });
    const other = await setup({ loginMode: 'link' });
    const foreignToken = await mintLink(other);
    const b = browser(s.clock);
    const before = await snapshotSignIn(s.fx.org.id);
    const beforeOther = await snapshotSignIn(other.fx.org.id);
    for (const token of ['b'.repeat(32), foreignToken]) {
      expect(
        await refusalOf(b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token })),
      ).toMatchObject({ code: 'BAD_REQUEST', message: 'This link does not work. Ask for a new one below.' });
    }
    const disabledToken = await mintLink(s);
    await t.db
      .update(schema.portalUsers)
      .set({ status: 'disabled' })
      .where(eq(schema.portalUsers.id, s.fx.portalUser.id));
    const beforeDisabled = await snapshotSignIn(s.fx.org.id);
    expect(
      await refusalOf(b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token: disabledToken })),
    ).toMatchObject({ code: 'BAD_REQUEST', message: 'This link does not work. Ask for a new one below.' });
    expect(await snapshotSignIn(s.fx.org.id)).toBe(beforeDisabled);
    expect(before).not.toBe(beforeDisabled); // (the link minted in between)
    expect(await snapshotSignIn(other.fx.org.id)).toBe(beforeOther);
    expect(b.jar.changes).toEqual([]);
  });
});

describe('portalAccess.continueWithLink, OTP organization', () => {
  it('uses the link up, binds a challenge to this browser and offers the masked channels', async () => {
    const s = await setup();
    const token = await mintLink(s);
    const b = browser(s.clock);
    const answer = await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token });
    const n = s.phone.slice(-4);
    expect(answer).toEqual({
      next: 'chooseChannel',
      channels: [
        { channel: 'sms', masked: `•••• ${n}` },
        { channel: 'email', masked: `P•••@Example.test` },
      ],
    });
    expect(b.jar.changes).toEqual(['setPreAuth']);
    expect(b.jar.preAuth).toMatch(/^[a-z2-7]{52}$/);
    expect(b.jar.preAuthExpiresAt).toEqual(new Date(s.clock.now().getTime() + 15 * MINUTE));
    const [challenge, ...more] = await challengesOf(s.fx.org.id);
    expect(more).toEqual([]);
    expect(challenge).toMatchObject({
      portalUserId: s.fx.portalUser.id,
      taskId: s.fx.unscheduledTask.id,
      expiresAt: new Date(s.clock.now().getTime() + 15 * MINUTE),
    });
    expect(Buffer.from(challenge!.browserBindingHash)).toEqual(Buffer.from(hashPreAuthValue(b.jar.preAuth!)));
    // not signed in yet
    expect(b.jar.session).toBeNull();

    const again = browser(s.clock);
    const before = await snapshotSignIn(s.fx.org.id);
    expect(
      await refusalOf(again.api().portalAccess.continueWithLink({ orgSlug: s.slug, token })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'This link has already been used. Ask for a new one below.',
    });
    expect(await snapshotSignIn(s.fx.org.id)).toBe(before);
    expect(again.jar.changes).toEqual([]);
  });

  it('lets only one of two simultaneous Continue clicks use the link', async () => {
    const s = await setup();
    const token = await mintLink(s);
    const results = await Promise.allSettled(
      [browser(s.clock), browser(s.clock)].map((b) =>
        b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await challengesOf(s.fx.org.id)).toHaveLength(1);
  });

  it('keeps the link when the contact has nowhere to receive a code', async () => {
    const s = await setup();
    await t.db
      .update(schema.contacts)
      .set({ phone: null, email: null })
      .where(eq(schema.contacts.id, s.fx.primaryContact.id));
    const token = await mintLink(s);
    const before = await snapshotSignIn(s.fx.org.id);
    expect(
      await refusalOf(browser(s.clock).api().portalAccess.continueWithLink({ orgSlug: s.slug, token })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'We have no mobile number or email address on file to send you a sign-in code. Call the office to add one.',
    });
    expect(await snapshotSignIn(s.fx.org.id)).toBe(before);
  });

  it('does not offer SMS to a contact who opted out of texts', async () => {
    const s = await setup();
    await t.db
      .update(schema.contacts)
      .set({ smsOptOut: true })
      .where(eq(schema.contacts.id, s.fx.primaryContact.id));
    const b = browser(s.clock);
    const answer = await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token: await mintLink(s) });
    expect(answer).toEqual({
      next: 'chooseChannel',
      channels: [{ channel: 'email', masked: 'P•••@Example.test' }],
    });
    expect(await refusalOf(b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' }))).toMatchObject(
      { code: 'BAD_REQUEST', field: 'channel' },
    );
  });
});

describe('portalAccess.sendCode', () => {
  it('stores a code row (never the code) and enqueues its send with ids only', async () => {
    const s = await setup();
    const b = browser(s.clock);
    await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token: await mintLink(s) });
    const answer = await b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' });
    const now = s.clock.now().getTime();
    expect(answer).toEqual({
      sentTo: { channel: 'sms', masked: `•••• ${s.phone.slice(-4)}` },
      expiresAt: new Date(now + 5 * MINUTE),
      resendAfter: new Date(now + 30_000),
    });
    const [code] = await t.db
      .select()
      .from(schema.oneTimeCodes)
      .where(eq(schema.oneTimeCodes.organizationId, s.fx.org.id));
    expect(code).toMatchObject({ channel: 'sms', destination: s.phone, attempts: 0, consumedAt: null });
    const jobsQueued = await t.db
      .select({ queue: schema.jobOutbox.queue, data: schema.jobOutbox.data })
      .from(schema.jobOutbox)
      .where(eq(schema.jobOutbox.organizationId, s.fx.org.id));
    expect(jobsQueued).toEqual([
      { queue: 'portal-code', data: { organizationId: s.fx.org.id, codeId: code!.id } },
    ]);

    const sent = await receiveCode(s, s.phone);
    const [message] = await messagesTo(s.phone);
    expect(message!.body).toBe(
      `${sent} is your ${s.fx.org.name} sign-in code. It expires in 5 minutes.\n\n@localhost #${sent}`,
    );
    const [stored] = await t.db
      .select()
      .from(schema.oneTimeCodes)
      .where(eq(schema.oneTimeCodes.id, code!.id));
    expect(Buffer.from(stored!.codeHash).toString('hex')).not.toContain(sent);
    expect(JSON.stringify(stored)).not.toContain(sent);
    // a second run of the same job (a duplicate delivery) sends nothing more
    await portalCodeHandler(
      { id: 'dup', data: { organizationId: s.fx.org.id, codeId: code!.id } },
      workerDeps(s.clock),
    );
    expect(await messagesTo(s.phone)).toHaveLength(1);
  });

  it('refuses without a sign-in in progress in this browser', async () => {
    const s = await setup();
    const fresh = browser(s.clock);
    expect(
      await refusalOf(fresh.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' })),
    ).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Your sign-in has timed out. Open your link again or ask for a new code.',
    });
    const b = browser(s.clock);
    await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token: await mintLink(s) });
    s.clock.advance(15 * MINUTE);
    const before = await snapshotSignIn(s.fx.org.id);
    expect(await refusalOf(b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' }))).toMatchObject(
      {
        code: 'UNAUTHORIZED',
      },
    );
    expect(await snapshotSignIn(s.fx.org.id)).toBe(before);
  });

  it('waits 30 seconds between sends, then supersedes the earlier code', async () => {
    const s = await setup();
    const b = await startOtpSignIn(s);
    const first = await receiveCode(s, s.phone);
    s.clock.advance(10_000);
    const before = await snapshotSignIn(s.fx.org.id);
    const refusal = await refusalOf(b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'email' }));
    expect(refusal).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Wait 20 seconds before asking for another code.',
    });
    expect(await snapshotSignIn(s.fx.org.id)).toBe(before);

    s.clock.advance(20_000);
    const answer = await b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'email' });
    expect(answer.sentTo).toEqual({ channel: 'email', masked: 'P•••@Example.test' });
    const second = await receiveCode(s, s.email);
    // the first code is dead; the new one works
    if (first !== second) {
      expect(
        await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code: first })),
      ).toMatchObject({
        code: 'BAD_REQUEST',
        message: 'That code is not right. 4 tries left.',
      });
    }
    expect(await b.api().portalAccess.verifyCode({ orgSlug: s.slug, code: second })).toEqual({
      taskId: s.fx.unscheduledTask.id,
    });
  });

  it('sends at most 5 codes an hour to one recipient', async () => {
    const s = await setup();
    const b = await startOtpSignIn(s);
    for (let i = 2; i <= 5; i++) {
      s.clock.advance(30_000);
      await b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' });
    }
    s.clock.advance(30_000);
    const before = await snapshotSignIn(s.fx.org.id);
    const refusal = await refusalOf(b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' }));
    expect(refusal.code).toBe('TOO_MANY_REQUESTS');
    expect(refusal.message).toMatch(/^Too many codes have been sent\. Try again in \d+ minutes\.$/);
    expect(await snapshotSignIn(s.fx.org.id)).toBe(before);
    // the email address is another recipient
    await b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'email' });
  });

  it('stops sending when the IP or the organization has used its hourly sends', async () => {
    const s = await setup();
    const b = browser(s.clock);
    await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token: await mintLink(s) });
    const spend = (key: string, failures: number) =>
      t.db.insert(schema.authThrottle).values({ key, failures, windowStartedAt: s.clock.now() });
    await spend(portalThrottleKeys.sendIp(b.ip), 20);
    expect((await refusalOf(b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' }))).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    await t.db
      .delete(schema.authThrottle)
      .where(eq(schema.authThrottle.key, portalThrottleKeys.sendIp(b.ip)));
    await spend(portalThrottleKeys.sendOrganization(s.fx.org.id), 500);
    expect((await refusalOf(b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' }))).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    // a refused send counts against nobody
    const [destination] = await t.db
      .select()
      .from(schema.authThrottle)
      .where(eq(schema.authThrottle.key, portalThrottleKeys.sendDestination(s.phone)));
    expect(destination?.failures ?? 0).toBe(0);
    expect(
      await t.db
        .select()
        .from(schema.oneTimeCodes)
        .where(eq(schema.oneTimeCodes.organizationId, s.fx.org.id)),
    ).toEqual([]);
  });
});

describe('portalAccess.verifyCode', () => {
  it('signs in with the right code: session cookie, pre-auth cookie cleared, challenge gone', async () => {
    const s = await setup({ portalStatus: 'invited' });
    const b = await startOtpSignIn(s);
    const code = await receiveCode(s, s.phone);
    s.clock.advance(MINUTE);
    expect(await b.api().portalAccess.verifyCode({ orgSlug: s.slug, code: ` ${code} ` })).toEqual({
      taskId: s.fx.unscheduledTask.id,
    });
    expect(b.jar.changes).toEqual(['setPreAuth', 'setSession', 'clearPreAuth']);
    const session = await validateSessionToken(t.db, b.jar.session!.token, s.clock.now());
    expect(session?.portalUser?.id).toBe(s.fx.portalUser.id);
    expect(await portalUserRow(s)).toMatchObject({ status: 'active', lastSignInAt: s.clock.now() });
    expect(await challengesOf(s.fx.org.id)).toEqual([]);

    // the code cannot be used again, here or anywhere
    b.jar.preAuth = null;
    expect((await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('counts wrong codes down and kills the code at the fifth wrong try', async () => {
    const s = await setup();
    const b = await startOtpSignIn(s);
    const code = await receiveCode(s, s.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      messages.push(
        (await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code: wrong }))).message,
      );
    }
    expect(messages).toEqual([
      'That code is not right. 4 tries left.',
      'That code is not right. 3 tries left.',
      'That code is not right. 2 tries left.',
      'That code is not right. 1 try left.',
      'That code has been tried too many times. Ask for a new one.',
    ]);
    const before = await snapshotSignIn(s.fx.org.id);
    expect(await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'That code has been tried too many times. Ask for a new one.',
    });
    expect(await snapshotSignIn(s.fx.org.id)).toBe(before);
    expect(b.jar.session).toBeNull();
  });

  it('refuses an expired code', async () => {
    const s = await setup();
    const b = await startOtpSignIn(s);
    const code = await receiveCode(s, s.phone);
    s.clock.advance(5 * MINUTE);
    expect(await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'That code has expired. Ask for a new one.',
    });
    expect(b.jar.session).toBeNull();
  });

  it('binds the code to the browser that asked for it', async () => {
    const s = await setup();
    const a = await startOtpSignIn(s);
    const code = await receiveCode(s, s.phone);
    // browser B: no pre-auth cookie at all, then one of its own (from its own sign-in elsewhere)
    const other = browser(s.clock);
    expect((await refusalOf(other.api().portalAccess.verifyCode({ orgSlug: s.slug, code }))).code).toBe(
      'UNAUTHORIZED',
    );
    other.jar.preAuth = 'a'.repeat(52);
    expect(await refusalOf(other.api().portalAccess.verifyCode({ orgSlug: s.slug, code }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'That code is not right. 4 tries left.',
    });
    expect(other.jar.session).toBeNull();
    // the same browser at another organization's address finds nothing either
    const foreign = await setup();
    expect((await refusalOf(a.api().portalAccess.verifyCode({ orgSlug: foreign.slug, code }))).message).toBe(
      'That code is not right. 4 tries left.',
    );
    expect(await a.api().portalAccess.verifyCode({ orgSlug: s.slug, code })).toMatchObject({
      taskId: s.fx.unscheduledTask.id,
    });
  });

  it('locks the account after 10 wrong codes, across re-sends, before comparing the right one', async () => {
    const s = await setup();
    const b = await startOtpSignIn(s);
    for (let round = 0; round < 2; round++) {
      const code = await receiveCode(s, s.phone);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++)
        await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code: wrong }));
      s.clock.advance(30_000);
      await b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' });
    }
    // a fresh code (the third), and the right one, but the account has had its 10 failures this hour
    const code = await receiveCode(s, s.phone);
    const locked = await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code }));
    expect(locked).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(locked.message).toMatch(
      /^Too many wrong codes\. For your security, sign-in is paused for \d+ minutes\.$/,
    );
    // the same from another browser and IP: the lock is the account's
    const elsewhere = await startOtpSignIn(s, browser(s.clock));
    const codeElsewhere = await receiveCode(s, s.phone);
    expect(
      (await refusalOf(elsewhere.api().portalAccess.verifyCode({ orgSlug: s.slug, code: codeElsewhere })))
        .code,
    ).toBe('TOO_MANY_REQUESTS');
    const [codeRow] = await t.db
      .select()
      .from(schema.oneTimeCodes)
      .where(eq(schema.oneTimeCodes.organizationId, s.fx.org.id))
      .orderBy(desc(schema.oneTimeCodes.createdAt))
      .limit(1);
    expect(codeRow!.attempts).toBe(0); // refused before the code was even tried

    s.clock.advance(HOUR);
    const later = await startOtpSignIn(s, browser(s.clock));
    const laterCode = await receiveCode(s, s.phone);
    expect(await later.api().portalAccess.verifyCode({ orgSlug: s.slug, code: laterCode })).toMatchObject({
      taskId: s.fx.unscheduledTask.id,
    });
    // success starts the count over
    const [counter] = await t.db
      .select()
      .from(schema.authThrottle)
      .where(eq(schema.authThrottle.key, portalThrottleKeys.verifyAccount(s.fx.portalUser.id)));
    expect(counter).toBeUndefined();
  });

  it('refuses bad input with a message and counts nothing', async () => {
    const s = await setup();
    const b = await startOtpSignIn(s);
    await receiveCode(s, s.phone);
    const before = await snapshotSignIn(s.fx.org.id);
    for (const code of ['12345', '1234567', 'abcdef', '']) {
      expect(await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code }))).toMatchObject({
        code: 'BAD_REQUEST',
        field: 'code',
      });
    }
    expect(await snapshotSignIn(s.fx.org.id)).toBe(before);
  });
});

describe('portalAccess.requestAccess', () => {
  it('answers the same, and does the same, for a contact on file and one that is not', async () => {
    const s = await setup();
    const known = browser(s.clock);
    const unknown = browser(s.clock);
    const a = await known.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: s.phone });
    const b = await unknown.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: '(512) 555-0199' });
    expect(a).toEqual({ next: 'enterCode' });
    expect(b).toEqual(a);
    expect(known.jar.changes).toEqual(['setPreAuth']);
    expect(unknown.jar.changes).toEqual(['setPreAuth']);
    const queued = await t.db
      .select({ queue: schema.jobOutbox.queue, data: schema.jobOutbox.data })
      .from(schema.jobOutbox)
      .where(eq(schema.jobOutbox.organizationId, s.fx.org.id))
      .orderBy(asc(schema.jobOutbox.createdAt));
    const binding = (jar: TestCookieJar) => Buffer.from(hashPreAuthValue(jar.preAuth!)).toString('hex');
    expect(queued).toEqual([
      {
        queue: 'portal-access-request',
        data: { organizationId: s.fx.org.id, bindingHash: binding(known.jar), contact: s.phone },
      },
      {
        queue: 'portal-access-request',
        data: { organizationId: s.fx.org.id, bindingHash: binding(unknown.jar), contact: '+15125550199' },
      },
    ]);

    await runSignInJobs(s.clock);
    // only the contact on file got a code, bound to the browser that asked
    expect(await messagesTo('+15125550199')).toEqual([]);
    const [message] = await messagesTo(s.phone);
    const code = /(\d{6}) is your/.exec(message!.body)![1]!;
    // a wrong code answers the same in both browsers
    const wrong = code === '000000' ? '111111' : '000000';
    const wrongKnown = await refusalOf(known.api().portalAccess.verifyCode({ orgSlug: s.slug, code: wrong }));
    const wrongUnknown = await refusalOf(
      unknown.api().portalAccess.verifyCode({ orgSlug: s.slug, code: wrong }),
    );
    expect(wrongUnknown).toEqual(wrongKnown);
    expect(wrongKnown.message).toBe('That code is not right. 4 tries left.');
    // no re-send through sendCode for a requested code (it would tell whether the contact exists)
    for (const jar of [known, unknown]) {
      expect(
        (await refusalOf(jar.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' }))).code,
      ).toBe('UNAUTHORIZED');
    }
    expect(await known.api().portalAccess.verifyCode({ orgSlug: s.slug, code })).toEqual({ taskId: null });
    expect(known.jar.session).not.toBeNull();
  });

  it('answers a decoy like a real code through all five tries and past the code lifetime', async () => {
    const s = await setup();
    const b = browser(s.clock);
    await b.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: 'nobody@example.test' });
    await runSignInJobs(s.clock);
    const messages: string[] = [];
    for (let i = 0; i < 6; i++) {
      messages.push(
        (await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code: '123456' }))).message,
      );
    }
    expect(messages).toEqual([
      'That code is not right. 4 tries left.',
      'That code is not right. 3 tries left.',
      'That code is not right. 2 tries left.',
      'That code is not right. 1 try left.',
      'That code has been tried too many times. Ask for a new one.',
      'That code has been tried too many times. Ask for a new one.',
    ]);
    // asking again starts over, and after 5 minutes the "code" has expired
    await b.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: 'nobody@example.test' });
    expect(
      (await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code: '123456' }))).message,
    ).toBe('That code is not right. 4 tries left.');
    s.clock.advance(5 * MINUTE);
    expect(
      (await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code: '123456' }))).message,
    ).toBe('That code has expired. Ask for a new one.');
  });

  it('finds the contact by email address whatever its case, in a link-only organization sends a link', async () => {
    const s = await setup({ loginMode: 'link' });
    const b = browser(s.clock);
    expect(
      await b.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: ` ${s.email.toUpperCase()} ` }),
    ).toEqual({
      next: 'checkMessages',
    });
    await runSignInJobs(s.clock);
    const [message, ...more] = await messagesTo(s.email);
    expect(more).toEqual([]);
    expect(message!.subject).toBe(`Your sign-in link for ${s.fx.org.name}`);
    const token = new RegExp(`${ORIGIN}/p/${s.slug}/access/([a-z2-7]{32})`).exec(message!.body)?.[1];
    expect(token).toBeDefined();
    const [link] = await t.db
      .select()
      .from(schema.linkTokens)
      .where(eq(schema.linkTokens.organizationId, s.fx.org.id));
    expect(link).toMatchObject({
      purpose: 'login',
      expiresAt: new Date(s.clock.now().getTime() + 120 * HOUR),
    });
    const signIn = browser(s.clock);
    expect(await signIn.api().portalAccess.continueWithLink({ orgSlug: s.slug, token: token! })).toEqual({
      next: 'signedIn',
      taskId: null,
    });
  });

  it('sends nothing for a disabled portal user, an archived contact or past the send limit', async () => {
    const s = await setup({ portalStatus: 'disabled' });
    const b = browser(s.clock);
    await b.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: s.phone });
    const archived = await setup();
    await t.db
      .update(schema.contacts)
      .set({ archivedAt: archived.clock.now() })
      .where(eq(schema.contacts.id, archived.fx.primaryContact.id));
    await browser(archived.clock)
      .api()
      .portalAccess.requestAccess({ orgSlug: archived.slug, contact: archived.phone });
    const limited = await setup();
    await t.db.insert(schema.authThrottle).values({
      key: portalThrottleKeys.sendDestination(limited.phone),
      failures: 5,
      windowStartedAt: limited.clock.now(),
    });
    await browser(limited.clock)
      .api()
      .portalAccess.requestAccess({ orgSlug: limited.slug, contact: limited.phone });
    await runSignInJobs(s.clock);
    for (const phone of [s.phone, archived.phone, limited.phone]) expect(await messagesTo(phone)).toEqual([]);
  });

  it('creates a portal user for a contact on file who has none yet', async () => {
    const s = await setup();
    const b = browser(s.clock);
    await b.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: 'sam@example.test' });
    await runSignInJobs(s.clock);
    const [user] = await t.db
      .select()
      .from(schema.portalUsers)
      .where(eq(schema.portalUsers.contactId, s.fx.secondaryContact.id));
    expect(user).toMatchObject({ status: 'invited', role: 'contact' });
    const code = /(\d{6}) is your/.exec((await messagesTo('sam@example.test'))[0]!.subject ?? '')?.[1];
    expect(await b.api().portalAccess.verifyCode({ orgSlug: s.slug, code: code! })).toEqual({ taskId: null });
  });

  it('refuses what is neither a phone number nor an email address, and an unknown address, writing nothing', async () => {
    const s = await setup();
    const b = browser(s.clock);
    const before = await snapshotSignIn(s.fx.org.id);
    for (const contact of ['hello there', 'pat@', '12']) {
      const refusal = await refusalOf(b.api().portalAccess.requestAccess({ orgSlug: s.slug, contact }));
      expect(refusal).toMatchObject({ code: 'BAD_REQUEST', field: 'contact' });
    }
    expect(
      await refusalOf(b.api().portalAccess.requestAccess({ orgSlug: 'no-such-portal', contact: s.phone })),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'This portal address does not exist.' });
    expect(await snapshotSignIn(s.fx.org.id)).toBe(before);
    expect(b.jar.changes).toEqual([]);
  });

  it('takes at most 10 requests an hour from one IP', async () => {
    const s = await setup();
    const b = browser(s.clock);
    for (let i = 0; i < 10; i++) {
      await b.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: `someone${i}@example.test` });
    }
    const refusal = await refusalOf(
      b.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: 'someone@example.test' }),
    );
    expect(refusal.code).toBe('TOO_MANY_REQUESTS');
    expect(refusal.message).toMatch(/^Too many requests from this network\. Try again in \d+ minutes\.$/);
    expect(
      await browser(s.clock)
        .api()
        .portalAccess.requestAccess({ orgSlug: s.slug, contact: 'someone@example.test' }),
    ).toEqual({ next: 'enterCode' });
  });
});

describe('portalAccess.signOut and disabled users', () => {
  it('ends the portal session and clears the cookie; always answers ok', async () => {
    const s = await setup({ loginMode: 'link' });
    const b = browser(s.clock);
    await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token: await mintLink(s) });
    const token = b.jar.session!.token;
    expect(await b.api().portalAccess.signOut()).toEqual({ ok: true });
    expect(b.jar.changes).toEqual(['setSession', 'clearSession']);
    expect(await validateSessionToken(t.db, token, s.clock.now())).toBeNull();
    expect(await browser(s.clock).api().portalAccess.signOut()).toEqual({ ok: true });
    // a staff token sent here ends nothing
    const staffCaller = callerFor(t.db, s.fx.dispatcher.token, s.clock, { cookies: createTestCookieJar() });
    expect(await staffCaller.portalAccess.signOut()).toEqual({ ok: true });
    expect(await validateSessionToken(t.db, s.fx.dispatcher.token, s.clock.now())).not.toBeNull();
  });

  it('signs a disabled portal user out everywhere and keeps them out', async () => {
    const s = await setup({ loginMode: 'link' });
    const token = await mintLink(s);
    const phone = browser(s.clock);
    const laptop = browser(s.clock);
    await phone.api().portalAccess.continueWithLink({ orgSlug: s.slug, token });
    await laptop.api().portalAccess.continueWithLink({ orgSlug: s.slug, token });
    const dispatcher = callerFor(t.db, s.fx.dispatcher.token, s.clock);
    const user = await portalUserRow(s);
    await dispatcher.portalUsers.setStatus({ id: user.id, version: user.version, status: 'disabled' });
    for (const b of [phone, laptop]) {
      expect(await validateSessionToken(t.db, b.jar.session!.token, s.clock.now())).toBeNull();
    }
    const [{ count }] = (await t.db.execute(
      sql`select count(*)::int as count from sessions where portal_user_id = ${user.id}`,
    )) as unknown as [{ count: number }];
    expect(count).toBe(0);
    expect(await browser(s.clock).api().portalAccess.inspectLink({ orgSlug: s.slug, token })).toEqual({
      state: 'invalid',
    });
    expect(
      (await refusalOf(browser(s.clock).api().portalAccess.continueWithLink({ orgSlug: s.slug, token })))
        .code,
    ).toBe('BAD_REQUEST');
  });

  it('signs a contact out everywhere when the office archives the contact', async () => {
    const s = await setup({ loginMode: 'link' });
    const [sam] = await t.db
      .insert(schema.portalUsers)
      .values({
        organizationId: s.fx.org.id,
        customerId: s.fx.customer.id,
        contactId: s.fx.secondaryContact.id,
        status: 'active',
      })
      .returning();
    const now = s.clock.now();
    const { token } = await createLinkToken(t.db, {
      organizationId: s.fx.org.id,
      portalUserId: sam!.id,
      purpose: 'login',
      now,
      expiresAt: new Date(now.getTime() + HOUR),
    });
    const b = browser(s.clock);
    await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token });
    expect(await validateSessionToken(t.db, b.jar.session!.token, s.clock.now())).not.toBeNull();
    await callerFor(t.db, s.fx.dispatcher.token, s.clock).contacts.archive({
      id: s.fx.secondaryContact.id,
      version: s.fx.secondaryContact.version,
    });
    expect(await validateSessionToken(t.db, b.jar.session!.token, s.clock.now())).toBeNull();
    expect(await b.api().portalAccess.inspectLink({ orgSlug: s.slug, token })).toEqual({ state: 'invalid' });
  });

  it('refuses the code of a user disabled after it was sent, and keeps the code unused', async () => {
    const s = await setup();
    const b = await startOtpSignIn(s);
    const code = await receiveCode(s, s.phone);
    await t.db
      .update(schema.portalUsers)
      .set({ status: 'disabled' })
      .where(and(eq(schema.portalUsers.id, s.fx.portalUser.id)));
    expect(await refusalOf(b.api().portalAccess.verifyCode({ orgSlug: s.slug, code }))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Your access to this portal is turned off. Call the office if you think that is a mistake.',
    });
    expect(b.jar.session).toBeNull();
    const [row] = await t.db
      .select()
      .from(schema.oneTimeCodes)
      .where(eq(schema.oneTimeCodes.organizationId, s.fx.org.id));
    expect(row!.consumedAt).toBeNull();
  });
});
