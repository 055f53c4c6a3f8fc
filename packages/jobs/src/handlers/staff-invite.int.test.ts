// Staff invitations end to end on real PostgreSQL and the real worker: staff.invite writes the outbox row, the
// relay moves it into pg-boss, the staff-invite handler mints the link and the real Resend SDK emails it to the
// local stand-in; then auth.staffInvite and auth.acceptStaffInvite as the invited person's browser calls them.
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  refusalOf,
  type OrgFixture,
} from '@portico/api/test-support';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { createChannelProviders } from '@portico/notifications';
import {
  startResendStandIn,
  type ResendStandIn,
  standInProviderConfig,
} from '@portico/notifications/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobSystem, type JobSystem } from '../index';

const ORIGIN = 'https://portal.example.test';
const PASSWORD = 'a long enough password';
const UNUSABLE = 'This invitation link has expired or was already used. Ask your admin to send a new one.';
const LINK = /(https:\/\/portal\.example\.test\/p\/[a-z0-9-]+\/staff-invite\/([A-Za-z0-9_-]+))/;

let t: TestDatabase;
let resend: ResendStandIn;
let jobs: JobSystem;
/** One clock for the API and the worker: links expire on it. */
const clock = createTestClock(new Date());

beforeAll(async () => {
  t = await createTestDatabase();
  resend = await startResendStandIn();
  const providers = createChannelProviders(
    standInProviderConfig({ resend: resend.url, emailFrom: 'Portico <portal@example.com>', timeoutMs: 2000 }),
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
  await resend?.close();
  await t?.close();
});

beforeEach(() => {
  resend.reset();
  clock.set(new Date());
});

let sequence = 0;
/** Each "browser" comes from its own address, so the per-IP throttle of one test does not reach another. */
const freshIp = () => `10.77.${Math.floor(++sequence / 250)}.${(sequence % 250) + 1}`;
const publicApi = (ip = freshIp()) => callerFor(t.db, null, clock, { ip });
const freshEmail = () => `invitee-${++sequence}-${Date.now()}@example.test`;

async function refusal(promise: Promise<unknown>) {
  const { code, message, field } = await refusalOf(promise);
  return { code, message, field };
}

async function adminName(fx: OrgFixture): Promise<string> {
  const [row] = await t.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.id, fx.admin.id));
  return row!.name;
}

/** Waits for the email number `index` (0-based) to `to`, and answers it with its link and token. */
async function inviteEmail(to: string, index = 0) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mails = resend.deliveries.filter((d) => d.to.includes(to));
    if (mails.length > index) {
      const mail = mails[index]!;
      const match = LINK.exec(mail.text ?? '');
      if (!match) throw new Error(`no invitation link in: ${mail.text}`);
      return { mail, link: match[1]!, token: match[2]! };
    }
    if (Date.now() > deadline) throw new Error(`no email #${index + 1} to ${to} within 15 s`);
    jobs.relay?.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const userRow = async (id: string) =>
  (await t.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.id, id)))[0]!;
const invitesOf = (staffUserId: string) =>
  t.db.select().from(schema.staffInvites).where(eq(schema.staffInvites.staffUserId, staffUserId));
const auditOf = (id: string) =>
  t.db
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.entityType, 'staff_user'), eq(schema.auditEvents.entityId, id)));

describe('inviting a staff user by email', () => {
  it('emails a working link; the person sets a password once and can then sign in', async () => {
    const fx = await createOrgFixture(t.db, clock);
    await t.db
      .update(schema.organizations)
      .set({ name: 'Smith & <Sons> Heating' })
      .where(eq(schema.organizations.id, fx.org.id));
    const admin = callerFor(t.db, fx.admin.token, clock);
    const email = freshEmail();
    const invited = await admin.staff.invite({
      email: ` ${email.toUpperCase()} `,
      name: 'Ines Vited',
      role: 'dispatcher',
    });
    expect(invited).toMatchObject({
      email,
      name: 'Ines Vited',
      role: 'dispatcher',
      status: 'invited',
      version: 1,
    });
    expect(JSON.stringify(invited)).not.toMatch(/argon2|passwordHash/);
    expect((await admin.staff.list({ status: 'invited' })).map((u) => u.id)).toEqual([invited.id]);
    const [invitedAudit] = await auditOf(invited.id);
    expect(invitedAudit).toMatchObject({ action: 'invite', actorType: 'staff', actorId: fx.admin.id });

    // an invited person cannot sign in, with the answer a wrong password gets
    const early = await refusal(publicApi().auth.signIn({ email, password: PASSWORD }));
    expect(early).toMatchObject({ code: 'UNAUTHORIZED', message: 'Email or password is incorrect.' });

    const { mail, link, token } = await inviteEmail(email);
    const inviter = await adminName(fx);
    expect(mail.subject).toBe(`${inviter} invited you to Smith & <Sons> Heating on Portico`);
    expect(link).toBe(`${ORIGIN}/p/${fx.org.slug}/staff-invite/${token}`);
    expect(token.length).toBeGreaterThanOrEqual(43); // 32 bytes of base64url
    expect(mail.text).toContain('as a dispatcher');
    expect(mail.text).toContain('72 hours');
    expect(mail.html).toContain('Smith &amp; &lt;Sons&gt; Heating');
    expect(mail.html).not.toContain('<Sons>');
    expect(mail.html).toContain(`href="${link}"`);

    // only the hash is stored; the token is in no job, outbox row or audit row
    const [stored] = await invitesOf(invited.id);
    expect(stored!.consumedAt).toBeNull();
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(72 * 3_600_000);
    const records = JSON.stringify([
      await t.db.execute(
        sql`select data, output from pgboss.job where data->>'organizationId' = ${fx.org.id}`,
      ),
      await t.db.execute(sql`select * from staff_invites where organization_id = ${fx.org.id}`),
      await auditOf(invited.id),
    ]);
    expect(records).not.toContain(token);

    const browser = publicApi();
    expect(await browser.auth.staffInvite({ token })).toEqual({
      organizationName: 'Smith & <Sons> Heating',
      name: 'Ines Vited',
      email,
      role: 'dispatcher',
    });
    expect(await browser.auth.acceptStaffInvite({ token, password: PASSWORD })).toEqual({
      email,
      organizationName: 'Smith & <Sons> Heating',
    });
    const accepted = await userRow(invited.id);
    expect(accepted).toMatchObject({ status: 'active', version: 2 });
    expect(accepted.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await invitesOf(invited.id))[0]!.consumedAt).not.toBeNull();
    const acceptAudit = (await auditOf(invited.id)).find((a) => a.action === 'accept_invite');
    expect(acceptAudit).toMatchObject({ actorType: 'staff', actorId: invited.id, organizationId: fx.org.id });

    const signedIn = await publicApi().auth.signIn({ email, password: PASSWORD });
    expect(signedIn.user).toMatchObject({ id: invited.id, role: 'dispatcher' });
    expect(signedIn.organization.id).toBe(fx.org.id);

    // the link is spent: a second accept and a lookup are refused, and nothing changes
    const again = await refusal(browser.auth.acceptStaffInvite({ token, password: 'another password 123' }));
    expect(again).toEqual({ code: 'NOT_FOUND', message: UNUSABLE, field: 'token' });
    expect(await refusal(browser.auth.staffInvite({ token }))).toMatchObject({
      code: 'NOT_FOUND',
      message: UNUSABLE,
    });
    expect(await userRow(invited.id)).toEqual({ ...accepted, lastSignInAt: expect.any(Date) as Date });
    expect(await refusal(publicApi().auth.signIn({ email, password: 'another password 123' }))).toMatchObject(
      {
        code: 'UNAUTHORIZED',
      },
    );

    // an accepted invitation cannot be re-sent
    const resent = await refusal(admin.staff.resendInvite({ id: invited.id }));
    expect(resent.code).toBe('BAD_REQUEST');
    expect(resent.message).toContain('already has an account');
  });

  it('refuses an expired link and changes nothing', async () => {
    const fx = await createOrgFixture(t.db, clock);
    const admin = callerFor(t.db, fx.admin.token, clock);
    const email = freshEmail();
    const invited = await admin.staff.invite({ email, name: 'Late Larry', role: 'admin' });
    const { token, mail } = await inviteEmail(email);
    expect(mail.text).toContain('as an admin');
    const before = await userRow(invited.id);
    const browser = publicApi();
    clock.advance(72 * 3_600_000 - 1000);
    expect(await browser.auth.staffInvite({ token })).toMatchObject({ role: 'admin' });
    clock.advance(1000);
    expect(await refusal(browser.auth.staffInvite({ token }))).toMatchObject({
      code: 'NOT_FOUND',
      message: UNUSABLE,
    });
    expect(await refusal(browser.auth.acceptStaffInvite({ token, password: PASSWORD }))).toMatchObject({
      code: 'NOT_FOUND',
      message: UNUSABLE,
    });
    expect(await userRow(invited.id)).toEqual(before);
    expect((await invitesOf(invited.id))[0]!.consumedAt).toBeNull();
    expect(await refusal(publicApi().auth.signIn({ email, password: PASSWORD }))).toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('a resent invitation replaces the old link', async () => {
    const fx = await createOrgFixture(t.db, clock);
    const admin = callerFor(t.db, fx.admin.token, clock);
    const email = freshEmail();
    const invited = await admin.staff.invite({ email, name: 'Rita Resent', role: 'dispatcher' });
    const first = await inviteEmail(email, 0);
    expect(await admin.staff.resendInvite({ id: invited.id })).toMatchObject({
      id: invited.id,
      status: 'invited',
    });
    const second = await inviteEmail(email, 1);
    expect(second.token).not.toBe(first.token);
    expect((await auditOf(invited.id)).map((a) => a.action).sort()).toEqual(['invite', 'resend_invite']);

    const before = await userRow(invited.id);
    const browser = publicApi();
    expect(await refusal(browser.auth.staffInvite({ token: first.token }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await refusal(browser.auth.acceptStaffInvite({ token: first.token, password: PASSWORD })),
    ).toMatchObject({
      code: 'NOT_FOUND',
      message: UNUSABLE,
    });
    expect(await userRow(invited.id)).toEqual(before);

    await browser.auth.acceptStaffInvite({ token: second.token, password: PASSWORD });
    expect((await userRow(invited.id)).status).toBe('active');
    expect((await invitesOf(invited.id)).every((i) => i.consumedAt !== null)).toBe(true);
  });

  it("refuses a used email, another organization's user, and enabling an invited user by hand", async () => {
    const fx = await createOrgFixture(t.db, clock);
    const other = await createOrgFixture(t.db, clock);
    const admin = callerFor(t.db, fx.admin.token, clock);
    const [otherAdmin] = await t.db
      .select()
      .from(schema.staffUsers)
      .where(eq(schema.staffUsers.id, other.admin.id));
    const outboxBefore = await t.db.select().from(schema.jobOutbox);

    // an email used anywhere in Portico, in any letter case
    const taken = await refusal(
      admin.staff.invite({ email: otherAdmin!.email.toUpperCase(), name: 'Copy Cat', role: 'dispatcher' }),
    );
    expect(taken).toEqual({
      code: 'CONFLICT',
      message: 'A staff user with this email already exists.',
      field: 'email',
    });
    const bad = await refusal(admin.staff.invite({ email: 'not-an-email', name: 'X', role: 'dispatcher' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(await t.db.select().from(schema.jobOutbox)).toEqual(outboxBefore);

    // another organization's invited user is not found, and gets no email
    const email = freshEmail();
    const foreign = await callerFor(t.db, other.admin.token, clock).staff.invite({
      email,
      name: 'Far Away',
      role: 'dispatcher',
    });
    await inviteEmail(email);
    expect(await refusal(admin.staff.resendInvite({ id: foreign.id }))).toMatchObject({ code: 'NOT_FOUND' });

    const mine = await admin.staff.invite({ email: freshEmail(), name: 'Not Yet', role: 'dispatcher' });
    const enable = await refusal(
      admin.staff.setStatus({ id: mine.id, version: mine.version, status: 'active' }),
    );
    expect(enable).toMatchObject({ code: 'BAD_REQUEST', field: 'status' });
    expect(enable.message).toContain('Resend the invitation');
    expect((await userRow(mine.id)).status).toBe('invited');
    // disabling an invited person withdraws the invitation: the link stops working
    const { token } = await inviteEmail(mine.email);
    expect((await publicApi().auth.staffInvite({ token })).email).toBe(mine.email);
    await admin.staff.setStatus({ id: mine.id, version: mine.version, status: 'disabled' });
    expect(await refusal(publicApi().auth.staffInvite({ token }))).toMatchObject({
      code: 'NOT_FOUND',
      message: UNUSABLE,
    });
    expect(await refusal(publicApi().auth.acceptStaffInvite({ token, password: PASSWORD }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await userRow(mine.id)).status).toBe('disabled');
    // enabling them again makes them invited again (they still have no password) with a fresh link
    const disabled = await userRow(mine.id);
    const again = await admin.staff.setStatus({ id: mine.id, version: disabled.version, status: 'active' });
    expect(again.status).toBe('invited');
    const fresh = await inviteEmail(mine.email, 1);
    expect(fresh.token).not.toBe(token);
    await publicApi().auth.acceptStaffInvite({ token: fresh.token, password: PASSWORD });
    expect((await userRow(mine.id)).status).toBe('active');
    // dispatchers may not invite (the tenant and role matrix covers every admin procedure too)
    const asDispatcher = callerFor(t.db, fx.dispatcher.token, clock);
    expect(
      await refusal(asDispatcher.staff.invite({ email: freshEmail(), name: 'Nope', role: 'admin' })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(resend.deliveries.filter((d) => d.to.includes(email))).toHaveLength(1);
  });

  it('throttles unusable tokens per IP, so links cannot be guessed at speed', async () => {
    const fx = await createOrgFixture(t.db, clock);
    const email = freshEmail();
    await callerFor(t.db, fx.admin.token, clock).staff.invite({
      email,
      name: 'Guess Me',
      role: 'dispatcher',
    });
    const { token } = await inviteEmail(email);
    const ip = freshIp();
    const guesser = publicApi(ip);
    for (let i = 0; i < 20; i++) {
      const guess = `${'A'.repeat(40)}${String(i).padStart(3, '0')}`;
      expect((await refusal(guesser.auth.staffInvite({ token: guess }))).code).toBe('NOT_FOUND');
    }
    const locked = await refusal(guesser.auth.staffInvite({ token }));
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.message).toMatch(/Try again in 15 minutes\.$/);
    expect((await refusal(guesser.auth.acceptStaffInvite({ token, password: PASSWORD }))).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    // the real person on another network is not affected, and working links give their try back
    const person = publicApi();
    for (let i = 0; i < 25; i++) expect((await person.auth.staffInvite({ token })).email).toBe(email);
    await person.auth.acceptStaffInvite({ token, password: PASSWORD });
  });
});
