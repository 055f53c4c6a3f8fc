// A staff invitation walked in a phone-sized Chromium against the real server, database and job worker: an admin
// invites a dispatcher, the email reaches the Resend stand-in through the real SDK, the invited person opens the
// link, is told what is wrong with a short or mistyped password, sets one (one request even on a double tap),
// and can then sign in; the used link then shows why it no longer works.
import { callerFor, createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { eq } from 'drizzle-orm';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  horizontalOverflow,
  openBrowser,
  repoRoot,
  requireBuild,
  saveScreenshot,
  startTestServer,
  type TestBrowser,
  type TestServer,
} from './support/browser-harness';

const PHONE = { width: 390, height: 844 };
const PASSWORD = 'kettle-river-lantern-42';
const EMAIL = 'dana.dispatch@northwind.example';

let server: TestServer;
let browser: TestBrowser;
let fx: OrgFixture;

beforeAll(async () => {
  requireBuild(path.join(repoRoot, 'apps/portal/dist'), 'pnpm --filter @portico/portal build');
  server = await startTestServer({ withJobs: true });
  fx = await createOrgFixture(server.database.db);
  await server.database.db
    .update(schema.organizations)
    .set({ name: 'Northwind Heating', primaryColor: '#0b5cad' })
    .where(eq(schema.organizations.id, fx.org.id));
  browser = await openBrowser({ viewport: PHONE, isMobile: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits for the invitation email to `to` and answers its link. */
async function invitationLink(to: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mail = server.email!.deliveries.find((d) => d.to.includes(to));
    if (mail) {
      const match = /(https?:\/\/\S+\/staff-invite\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
      if (!match) throw new Error(`no invitation link in: ${mail.text}`);
      return match[1]!;
    }
    if (Date.now() > deadline) throw new Error(`no invitation email to ${to} within 30 s`);
    server.jobs?.relay?.wake();
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('staff invitation', () => {
  it('an invited dispatcher sets a password on a phone and can then sign in', async () => {
    const { page } = browser;
    const admin = callerFor(server.database.db, fx.admin.token);
    await admin.staff.invite({ email: EMAIL, name: 'Dana Dispatch', role: 'dispatcher' });
    const link = await invitationLink(EMAIL);
    expect(link.startsWith(`${server.url}/p/${fx.org.slug}/staff-invite/`)).toBe(true);

    const before = await callerFor(server.database.db, null)
      .auth.signIn({ email: EMAIL, password: PASSWORD })
      .catch((error: Error) => error.message);
    expect(before).toBe('Email or password is incorrect.');

    const response = await page.goto(link);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Northwind Heating invited you to Portico as a dispatcher');
    await expect.poll(() => page.getByText('Dana Dispatch').isVisible()).toBe(true);
    expect(await page.getByText(EMAIL, { exact: true }).isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, 'portal-staff-invite-form');

    // errors next to the fields they are about, and nothing sent
    const acceptRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('auth.acceptStaffInvite')) acceptRequests.push(request.url());
    });
    const password = page.getByLabel('New password');
    const confirm = page.getByLabel('Confirm password');
    await password.fill('too short');
    await confirm.fill('something else');
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect
      .poll(() => page.getByText('Use a password of at least 12 characters.').isVisible())
      .toBe(true);
    // each message is tied to its field (read out with it)
    const messageOf = async (field: typeof password) =>
      page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`).textContent();
    expect(await messageOf(password)).toBe('Use a password of at least 12 characters.');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await messageOf(confirm)).toBe('The two passwords are not the same.');
    expect(acceptRequests).toHaveLength(0);
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, 'portal-staff-invite-errors');

    expect(await password.getAttribute('type')).toBe('password');
    await page.getByLabel('Show password').check();
    expect(await password.getAttribute('type')).toBe('text');
    expect(await confirm.getAttribute('type')).toBe('text');

    await password.fill(PASSWORD);
    await confirm.fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).dblclick();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe(`Your account is ready. Open the Portico desktop app and sign in with ${EMAIL}.`);
    expect(acceptRequests).toHaveLength(1);
    expect(await horizontalOverflow(page)).toBe(0);
    // the double click's second click selects the success text it lands on; not what a person sees afterwards
    await page.evaluate('window.getSelection()?.removeAllRanges()');
    await saveScreenshot(page, 'portal-staff-invite-done');

    const signedIn = await callerFor(server.database.db, null).auth.signIn({
      email: EMAIL,
      password: PASSWORD,
    });
    expect(signedIn.user).toMatchObject({ email: EMAIL, role: 'dispatcher' });
    expect(signedIn.organization.id).toBe(fx.org.id);
    expect(browser.problems).toEqual([]);
  });

  it('a used link says it no longer works and what to do', async () => {
    const { page } = browser;
    const link = await invitationLink(EMAIL);
    await page.goto(link);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('This invitation cannot be used');
    expect(await page.getByRole('alert').textContent()).toBe(
      'This invitation link has expired or was already used. Ask your admin to send a new one.',
    );
    expect(await page.getByRole('button', { name: 'Set password' }).count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, 'portal-staff-invite-dead');
    // the refused lookup is the only problem logged
    expect(browser.problems.every((p) => p.includes('404'))).toBe(true);
  });
});
