// Portal sign-in messages through the real worker: the API writes the outbox row, the relay moves it into
// pg-boss, the portal-code and portal-access-request handlers run, and the real SNS and Resend SDK clients talk
// to the local stand-ins. The code only ever exists in the message the person receives.
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  createTestCookieJar,
  type OrgFixture,
  type TestClock,
  type TestCookieJar,
} from '@portico/api/test-support';
import { createLinkToken, hashCode } from '@portico/auth';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { createChannelProviders } from '@portico/notifications';
import {
  startResendStandIn,
  startSnsStandIn,
  type ResendStandIn,
  type SnsStandIn,
  standInProviderConfig,
} from '@portico/notifications/testing';
import { eq, sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobSystem, type JobSystem } from '../index';

const ORIGIN = 'https://portal.example.test';
/** Short, so a hung provider call times out quickly and the job's retry takes over. */
const PROVIDER_TIMEOUT_MS = 400;

let t: TestDatabase;
let sns: SnsStandIn;
let resend: ResendStandIn;
let jobs: JobSystem;
/** One clock for the API and the worker: codes expire on it. */
const clock: TestClock = createTestClock(new Date());

beforeAll(async () => {
  t = await createTestDatabase();
  sns = await startSnsStandIn();
  resend = await startResendStandIn();
  const providers = createChannelProviders(
    standInProviderConfig({
      sns: sns.url,
      resend: resend.url,
      emailFrom: 'Portico <portal@example.com>',
      timeoutMs: PROVIDER_TIMEOUT_MS,
    }),
    t.db,
  );
  jobs = await startJobSystem({
    connectionString: t.url,
    role: 'worker',
    worker: {
      db: t.db,
      providers,
      publicOrigin: ORIGIN,
      clock,
      retry: { limit: 2, delaySeconds: 1, backoff: false, delayMaxSeconds: 1 },
      relay: { intervalMs: 50, sweepIntervalMs: 1000 },
    },
  });
});

afterAll(async () => {
  await jobs?.stop();
  await sns?.close();
  await resend?.close();
  await t?.close();
});

beforeEach(() => {
  sns.reset();
  resend.reset();
});

let sequence = 0;

type Setup = { fx: OrgFixture; phone: string; email: string; slug: string };

async function setup(loginMode: 'otp' | 'link' = 'otp'): Promise<Setup> {
  const fx = await createOrgFixture(t.db, clock);
  const n = ++sequence;
  const phone = `+1512555${String(2000 + n).padStart(4, '0')}`;
  const email = `pat.${n}@example.test`;
  await t.db
    .update(schema.contacts)
    .set({ phone, email })
    .where(eq(schema.contacts.id, fx.primaryContact.id));
  await t.db.update(schema.organizations).set({ loginMode }).where(eq(schema.organizations.id, fx.org.id));
  return { fx, phone, email, slug: fx.org.slug };
}

type Browser = { jar: TestCookieJar; api: () => ReturnType<typeof callerFor> };

function browser(): Browser {
  const jar = createTestCookieJar();
  const ip = `10.1.0.${++sequence}`;
  return { jar, api: () => callerFor(t.db, jar.session?.token ?? null, clock, { cookies: jar, ip }) };
}

async function continueWithInvite(s: Setup, b: Browser): Promise<void> {
  const now = clock.now();
  const { token } = await createLinkToken(t.db, {
    organizationId: s.fx.org.id,
    portalUserId: s.fx.portalUser.id,
    purpose: 'invite',
    taskId: s.fx.scheduledTask.id,
    now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  await b.api().portalAccess.continueWithLink({ orgSlug: s.slug, token });
}

/** Waits until every job of a queue (of this test's organization) has finished, and answers their states. */
async function settledJobs(queue: string, organizationId: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    jobs.relay?.wake();
    const rows = (await t.db.execute(
      sql`select state from pgboss.job where name = ${queue} and data->>'organizationId' = ${organizationId}`,
    )) as unknown as { state: string }[];
    const states = rows.map((r) => r.state);
    if (states.length >= count && states.every((s) => ['completed', 'failed'].includes(s))) return states;
    if (Date.now() > deadline) throw new Error(`${queue} jobs did not settle: ${states.join(', ')}`);
    await sleep(50);
  }
}

const SMS_CODE =
  /^(\d{6}) is your (.+) sign-in code\. It expires in 5 minutes\.\n\n@portal\.example\.test #(\d{6})$/;

describe('portal codes through the worker', () => {
  it('texts a fresh code through SNS that signs this browser in, and keeps it out of every record', async () => {
    const s = await setup();
    const b = browser();
    await continueWithInvite(s, b);
    await b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' });
    jobs.relay?.wake();
    await sns.waitForDeliveries(1, { timeoutMs: 10_000 });

    const [delivery] = sns.deliveries;
    expect(delivery!.phoneNumber).toBe(s.phone);
    const match = SMS_CODE.exec(delivery!.message);
    expect(match?.[2]).toBe(s.fx.org.name);
    const code = match![1]!;
    expect(match![3]).toBe(code);

    expect(await b.api().portalAccess.verifyCode({ orgSlug: s.slug, code })).toEqual({
      taskId: s.fx.scheduledTask.id,
    });
    expect(b.jar.session).not.toBeNull();

    // The code is nowhere but in the message: not in the job, its output, the notification log or the outbox.
    expect(await settledJobs('portal-code', s.fx.org.id, 1)).toEqual(['completed']);
    const recorded = JSON.stringify(
      await t.db.execute(
        sql`select data, output from pgboss.job where data->>'organizationId' = ${s.fx.org.id}`,
      ),
    );
    expect(recorded).not.toContain(code);
    const logged = await t.db
      .select()
      .from(schema.notificationLog)
      .where(eq(schema.notificationLog.organizationId, s.fx.org.id));
    expect(logged).toEqual([]);
    expect(await t.db.select().from(schema.devOutbox)).toEqual([]);
  });

  it('emails a branded code through Resend', async () => {
    const s = await setup();
    const b = browser();
    await continueWithInvite(s, b);
    await b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'email' });
    jobs.relay?.wake();
    await resend.waitForDeliveries(1, { timeoutMs: 10_000 });
    const [email] = resend.deliveries;
    expect(email!.to).toEqual([s.email]);
    const code = /^(\d{6}) is your /.exec(email!.subject)![1]!;
    expect(email!.subject).toBe(`${code} is your ${s.fx.org.name} sign-in code`);
    expect(email!.text).toContain(`Your code to sign in to ${s.fx.org.name} is ${code}.`);
    expect(email!.html).toContain(code);
    expect(email!.html).toContain(s.fx.org.primaryColor.toLowerCase());
    expect(await b.api().portalAccess.verifyCode({ orgSlug: s.slug, code })).toMatchObject({
      taskId: s.fx.scheduledTask.id,
    });
  });

  it('sends a new code when the provider timed out, and the possibly lost one never works', async () => {
    const s = await setup();
    const b = browser();
    await continueWithInvite(s, b);
    // SNS takes longer than the client waits, then delivers anyway (slow, not dead)
    sns.hangNext(PROVIDER_TIMEOUT_MS * 3, { deliver: true });
    await b.api().portalAccess.sendCode({ orgSlug: s.slug, channel: 'sms' });
    jobs.relay?.wake();
    await sns.waitForDeliveries(2, { timeoutMs: 15_000 });
    const codes = sns.deliveries.map((d) => SMS_CODE.exec(d.message)![1]!);
    expect(new Set(codes).size).toBe(2);
    const [row] = await t.db
      .select()
      .from(schema.oneTimeCodes)
      .where(eq(schema.oneTimeCodes.organizationId, s.fx.org.id));
    const stored = Buffer.from(row!.codeHash);
    const working = codes.find((c) => stored.equals(Buffer.from(hashCode(row!.id, c))))!;
    const lost = codes.find((c) => c !== working)!;
    expect(working).toBeDefined();
    const verify = (code: string) =>
      b
        .api()
        .portalAccess.verifyCode({ orgSlug: s.slug, code })
        .then(
          () => 'signed in',
          (e: Error) => e.message,
        );
    expect(await verify(lost)).toBe('That code is not right. 4 tries left.');
    expect(await verify(working)).toBe('signed in');
    expect(b.jar.session).not.toBeNull();
  });
});

describe('"send me a new code or link" through the worker', () => {
  it('texts a code only to a contact on file, bound to the browser that asked', async () => {
    const s = await setup();
    const known = browser();
    const unknown = browser();
    const elsewhere = browser();
    await known.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: s.phone });
    await unknown.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: '+1 512 555 0177' });
    expect(await settledJobs('portal-access-request', s.fx.org.id, 2)).toEqual(['completed', 'completed']);
    expect(await settledJobs('portal-code', s.fx.org.id, 1)).toEqual(['completed']);
    await sns.waitForDeliveries(1, { timeoutMs: 10_000 });
    expect(sns.deliveries.map((d) => d.phoneNumber)).toEqual([s.phone]);
    const code = SMS_CODE.exec(sns.deliveries[0]!.message)![1]!;

    elsewhere.jar.preAuth = 'b'.repeat(52);
    const refusal = await elsewhere
      .api()
      .portalAccess.verifyCode({ orgSlug: s.slug, code })
      .catch((e: Error) => e.message);
    expect(refusal).toBe('That code is not right. 4 tries left.');
    expect(await known.api().portalAccess.verifyCode({ orgSlug: s.slug, code })).toEqual({ taskId: null });
  });

  it('emails a sign-in link in a link-only organization, built from the public origin', async () => {
    const s = await setup('link');
    const b = browser();
    expect(await b.api().portalAccess.requestAccess({ orgSlug: s.slug, contact: s.email })).toEqual({
      next: 'checkMessages',
    });
    await resend.waitForDeliveries(1, { timeoutMs: 10_000 });
    const [email] = resend.deliveries;
    expect(email!.to).toEqual([s.email]);
    const token = new RegExp(`^${ORIGIN}/p/${s.slug}/access/([a-z2-7]{32})$`, 'm').exec(
      email!.text ?? '',
    )?.[1];
    expect(token).toBeDefined();
    const signIn = browser();
    expect(await signIn.api().portalAccess.continueWithLink({ orgSlug: s.slug, token: token! })).toEqual({
      next: 'signedIn',
      taskId: null,
    });
  });
});
