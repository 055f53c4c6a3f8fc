// The customer portal walked in a phone-sized Chromium against the real server, database and job worker, with
// SMS and email sent by the real SDK clients to local stand-ins: invite link, continue, code by SMS, pick a
// window, answer the required questions, confirm, reschedule, the cut-off, cancel in both policy modes, sign out;
// then link-only sign-in, an expired link, and five wrong codes.
import { createLinkToken } from '@portico/auth';
import { callerFor, createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { and, eq } from 'drizzle-orm';
import type { Page, Response } from 'playwright-core';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
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
const JS_BUDGET_GZIP_BYTES = 150 * 1024;

let server: TestServer;
let fx: OrgFixture;
let fields: { gateCode: string; adult: string; parking: string };
/** The first invite's link, used up once the person continued with it. */
let firstInviteLink: string;

beforeAll(async () => {
  requireBuild(path.join(repoRoot, 'apps/portal/dist'), 'pnpm --filter @portico/portal build');
  server = await startTestServer({ withJobs: true });
  fx = await createOrgFixture(server.database.db);
  const db = server.database.db;
  const { organizations, customFieldDefinitions } = schema;
  await db
    .update(organizations)
    .set({
      name: 'Northwind Heating',
      primaryColor: '#ffd54f', // a pale brand color: the portal must darken it for text
      officePhone: '(512) 555-0100',
      confirmationFlow: true,
      rescheduleCutoffHours: 24,
      cancelPolicy: 'portal',
    })
    .where(eq(organizations.id, fx.org.id));
  // the fixture's own field is retired; these are the questions this walk answers
  await db
    .update(customFieldDefinitions)
    .set({ retiredAt: new Date() })
    .where(eq(customFieldDefinitions.organizationId, fx.org.id));
  const rows = await db
    .insert(customFieldDefinitions)
    .values([
      {
        organizationId: fx.org.id,
        kind: 'static',
        label: 'Please clear a path to the boiler',
        description: 'Our technician needs about a metre of space around it.',
        sortOrder: 1,
      },
      {
        organizationId: fx.org.id,
        kind: 'toggle',
        label: 'Someone 18 or older will be home',
        required: true,
        defaultValue: false,
        sortOrder: 2,
      },
      {
        organizationId: fx.org.id,
        kind: 'dropdown',
        label: 'Where should we park?',
        options: ['Driveway', 'Street', 'Back lane'],
        defaultValue: 'Driveway',
        sortOrder: 3,
      },
      {
        organizationId: fx.org.id,
        kind: 'text',
        label: 'Gate or door code',
        description: 'So we can get in if you are out back.',
        required: true,
        sortOrder: 4,
      },
    ])
    .returning();
  fields = {
    adult: rows.find((r) => r.kind === 'toggle')!.id,
    parking: rows.find((r) => r.kind === 'dropdown')!.id,
    gateCode: rows.find((r) => r.kind === 'text')!.id,
  };
});

afterAll(async () => {
  await server?.close();
});

/** Waits for the next SMS to `phone` after the first `after` ones, and answers its text. */
async function nextSms(phone: string, after: number): Promise<string> {
  const sms = server.sms!;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const toPhone = sms.deliveries.filter((d) => d.phoneNumber === phone);
    if (toPhone.length > after) return toPhone[after]!.message;
    if (Date.now() > deadline) throw new Error(`no SMS #${after + 1} to ${phone} within 30 s`);
    server.jobs?.relay?.wake();
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

function smsCount(phone: string): number {
  return server.sms!.deliveries.filter((d) => d.phoneNumber === phone).length;
}

function codeIn(message: string): string {
  const match = /\b(\d{6})\b/.exec(message);
  if (!match) throw new Error(`no code in: ${message}`);
  return match[1]!;
}

function linkIn(message: string): string {
  const match = /(https?:\/\/\S+\/access\/[a-z2-7]{32})/.exec(message);
  if (!match) throw new Error(`no access link in: ${message}`);
  return match[1]!;
}

async function inviteByStaff(taskId: string): Promise<string> {
  const before = smsCount(fx.primaryContact.phone!);
  await callerFor(server.database.db, fx.dispatcher.token).portalUsers.invite({
    id: fx.portalUser.id,
    taskId,
  });
  return linkIn(await nextSms(fx.primaryContact.phone!, before));
}

async function setOrganization(values: Partial<typeof schema.organizations.$inferInsert>) {
  await server.database.db
    .update(schema.organizations)
    .set(values)
    .where(eq(schema.organizations.id, fx.org.id));
}

async function readTask(taskId: string) {
  const [task] = await server.database.db.select().from(schema.tasks).where(eq(schema.tasks.id, taskId));
  return task!;
}

async function headingText(page: Page): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).first().textContent();
}

async function signInWithCode(page: Page, code: string) {
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('customer portal on a phone', () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await openBrowser({ viewport: PHONE, isMobile: true });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the invite link without using it up, and asks the person to continue', async () => {
    const link = await inviteByStaff(fx.unscheduledTask.id);
    firstInviteLink = link;
    expect(link.startsWith(`${server.url}/p/${fx.org.slug}/access/`)).toBe(true);
    const response = await page.goto(link);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await expect.poll(() => headingText(page)).toBe('Hi Pat');
    expect(await page.getByRole('button', { name: 'Continue' }).isEnabled()).toBe(true);
    // opening (as a mail scanner would) burnt nothing
    const tokens = await server.database.db
      .select()
      .from(schema.linkTokens)
      .where(eq(schema.linkTokens.portalUserId, fx.portalUser.id));
    expect(tokens.every((t) => t.consumedAt === null)).toBe(true);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'portal-01-invite-continue');
  });

  it('sends a code by SMS to the masked number and signs in with it', async () => {
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => headingText(page)).toBe('Where should we send your code?');
    expect(await page.getByText('•••• 0142').isVisible()).toBe(true);
    await saveScreenshot(page, 'portal-02-choose-channel');
    const before = smsCount(fx.primaryContact.phone!);
    await page.getByRole('radio', { name: /Text message/ }).check();
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect.poll(() => headingText(page)).toBe('Enter your code');
    const code = codeIn(await nextSms(fx.primaryContact.phone!, before));
    expect(await accessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'portal-03-enter-code');
    await signInWithCode(page, code);
    await expect.poll(() => headingText(page), { timeout: 10_000 }).toBe('Boiler service');
    expect(new URL(page.url()).pathname).toBe(`/p/${fx.org.slug}/appointments/${fx.unscheduledTask.id}`);
    const cookies = await browser.context.cookies();
    const session = cookies.find((c) => c.name.endsWith('portico_session'));
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(browser.problems).toEqual([]);
  });

  it('picks a window from real availability', async () => {
    await expect.poll(() => page.locator('.slot').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, 'portal-04-pick-window');
    // a few days out, so the 24-hour cut-off still allows a change afterwards
    await page.locator('.picker-day').nth(3).locator('.slot').first().click();
    // a double tap books once, with no error for the second tap
    await page.getByRole('button', { name: 'Book this time' }).dblclick();
    await expect.poll(() => page.getByText('You are booked.').isVisible()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    const task = await readTask(fx.unscheduledTask.id);
    expect(task.appointmentVersion).toBe(1);
    expect(task.status).toBe('scheduled');
    expect(task.confirmationState).toBe('pending');
    expect(task.appointmentDate).not.toBeNull();
  });

  it('keeps Confirm disabled, saying why, until the required questions are answered; then confirms', async () => {
    const confirm = page.getByRole('button', { name: 'Confirm appointment' });
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    expect(
      await page
        .getByText(/Someone 18 or older will be home|Gate or door code/)
        .first()
        .isVisible(),
    ).toBe(true);
    await saveScreenshot(page, 'portal-05-questions');
    await confirm.click({ force: true }); // pressing it anyway changes nothing
    expect((await readTask(fx.unscheduledTask.id)).confirmationState).toBe('pending');

    await page.getByRole('switch', { name: /Someone 18 or older will be home/ }).check({ force: true });
    await page.getByLabel(/Where should we park/).selectOption('Street');
    await page.getByLabel(/Gate or door code/).fill('4321#');
    await page.getByLabel(/Gate or door code/).blur();
    await expect.poll(() => confirm.getAttribute('aria-disabled'), { timeout: 10_000 }).toBe('false');
    // the answers are stored for the dispatcher
    const answers = await server.database.db
      .select()
      .from(schema.taskFieldAnswers)
      .where(eq(schema.taskFieldAnswers.taskId, fx.unscheduledTask.id));
    const byField = new Map(answers.map((a) => [a.fieldId, a.value]));
    expect(byField.get(fields.gateCode)).toBe('4321#');
    expect(byField.get(fields.adult)).toBe(true);
    expect(byField.get(fields.parking)).toBe('Street');

    await confirm.click();
    await expect.poll(() => page.getByRole('heading', { name: 'Confirmed' }).isVisible()).toBe(true);
    const task = await readTask(fx.unscheduledTask.id);
    expect(task).toMatchObject({ status: 'confirmed', confirmationState: 'confirmed' });
    await saveScreenshot(page, 'portal-06-confirmed');
  });

  it('reschedules to another window and offers the calendar file', async () => {
    const before = await readTask(fx.unscheduledTask.id);
    await page.getByRole('button', { name: 'Change the time' }).click();
    await expect.poll(() => page.locator('.slot:not(.slot-current)').count()).toBeGreaterThan(0);
    await page.locator('.slot:not(.slot-current)').nth(1).click();
    await page.getByRole('button', { name: 'Move to this time' }).click();
    await expect.poll(() => page.getByText('Your appointment has moved.').isVisible()).toBe(true);
    const after = await readTask(fx.unscheduledTask.id);
    expect(after.appointmentVersion).toBe(before.appointmentVersion + 1);
    expect(`${after.appointmentDate}|${after.windowId}`).not.toBe(
      `${before.appointmentDate}|${before.windowId}`,
    );
    // moving asks for a confirmation again
    expect(after.confirmationState).toBe('pending');

    const ics = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: await response.text(),
      };
    }, `/calendar/${fx.unscheduledTask.id}.ics`);
    expect(ics.status).toBe(200);
    expect(ics.type).toMatch(/^text\/calendar/);
    expect(ics.body).toContain(`SEQUENCE:${after.appointmentVersion}`);
    await saveScreenshot(page, 'portal-07-rescheduled');
  });

  it('replaces the reschedule action by an explanation and the office phone after the cut-off', async () => {
    await setOrganization({ rescheduleCutoffHours: 24 * 90 });
    await page.reload();
    await expect.poll(() => headingText(page)).toBe('Boiler service');
    await expect.poll(() => page.locator('.blocked-reason').first().isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Change the time' }).count()).toBe(0);
    expect(await page.locator('.blocked-reason a[href^="tel:"]').first().getAttribute('href')).toBe(
      'tel:5125550100',
    );
    await saveScreenshot(page, 'portal-08-after-cutoff');
    await setOrganization({ rescheduleCutoffHours: 24 });
  });

  it('shows the office message and a tappable number when cancelling means calling, and changes nothing', async () => {
    await setOrganization({
      cancelPolicy: 'call',
      cancelMessage: 'To cancel, please call our office. We are there 8 to 5.',
      cancelPhone: '(512) 555-0199',
    });
    await page.reload();
    await expect.poll(() => headingText(page)).toBe('Boiler service');
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    const dialog = page.getByRole('dialog');
    await expect
      .poll(() => dialog.getByText('To cancel, please call our office.', { exact: false }).isVisible())
      .toBe(true);
    expect(await dialog.getByRole('link', { name: /Call \(512\) 555-0199/ }).getAttribute('href')).toBe(
      'tel:5125550199',
    );
    await saveScreenshot(page, 'portal-09-cancel-call');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect((await readTask(fx.unscheduledTask.id)).status).not.toBe('cancelled');
  });

  it('cancels in the portal with a reason when the policy allows it', async () => {
    await setOrganization({ cancelPolicy: 'portal' });
    await page.reload();
    await expect.poll(() => headingText(page)).toBe('Boiler service');
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason (optional)').fill('We fixed it ourselves');
    await saveScreenshot(page, 'portal-10-cancel-portal');
    await dialog.getByRole('button', { name: 'Yes, cancel appointment' }).click();
    await expect.poll(() => page.getByText('This appointment was cancelled.').isVisible()).toBe(true);
    expect(await readTask(fx.unscheduledTask.id)).toMatchObject({
      status: 'cancelled',
      statusReason: 'We fixed it ourselves',
    });
    await saveScreenshot(page, 'portal-11-cancelled');
    expect(browser.problems).toEqual([]);
  });

  it("answers another customer's appointment as not found", async () => {
    const db = server.database.db;
    const [other] = await db
      .insert(schema.customers)
      .values({ organizationId: fx.org.id, name: 'Someone Else', kind: 'person' })
      .returning();
    const [site] = await db
      .insert(schema.sites)
      .values({
        organizationId: fx.org.id,
        customerId: other!.id,
        name: 'Home',
        addressLine1: '1 Elsewhere St',
        city: 'Austin',
        timeZone: 'America/Chicago',
      })
      .returning();
    const [task] = await db
      .insert(schema.tasks)
      .values({
        organizationId: fx.org.id,
        number: 99,
        customerId: other!.id,
        siteId: site!.id,
        serviceType: 'Secret job',
        status: 'unscheduled',
        schedulingMode: 'customer_selects',
      })
      .returning();
    await page.goto(`${server.url}/p/${fx.org.slug}/appointments/${task!.id}`);
    await expect.poll(() => headingText(page)).toBe('Appointment not found');
    expect(await page.getByText('Secret job').count()).toBe(0);
    // the refused request is the only problem the page logged
    expect(browser.problems).toEqual([expect.stringContaining('404')]);
    browser.problems.length = 0;
  });

  it('lists upcoming and past appointments within the JavaScript budget, in one data round trip', async () => {
    const scripts: Buffer[] = [];
    const trpcCalls: string[] = [];
    const onResponse = async (response: Response) => {
      const url = new URL(response.url());
      if (response.request().resourceType() === 'script') scripts.push(await response.body());
      if (url.pathname.startsWith('/trpc/')) trpcCalls.push(url.pathname);
    };
    page.on('response', onResponse);
    // a cold load of the first page, as from the message's link
    await page.goto('about:blank');
    await page.goto(`${server.url}/p/${fx.org.slug}`);
    await expect.poll(() => headingText(page)).toBe('Your appointments');
    await expect.poll(() => page.getByRole('heading', { name: 'Past' }).isVisible()).toBe(true);
    page.off('response', onResponse);
    expect(await page.getByText('AC repair').isVisible()).toBe(true);
    expect(await page.getByText('Boiler service').isVisible()).toBe(true);

    const gzipBytes = scripts.reduce((sum, body) => sum + gzipSync(body).length, 0);
    console.info(`first signed-in page: ${scripts.length} scripts, ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
    expect(gzipBytes).toBeLessThanOrEqual(JS_BUDGET_GZIP_BYTES);
    // organization, session and appointments travel in one batched request
    expect(trpcCalls).toHaveLength(1);
    expect(trpcCalls[0]).toContain('portalAccess.organization');
    expect(trpcCalls[0]).toContain('portal.appointments');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'portal-12-appointments');
    expect(browser.problems).toEqual([]);
  });

  it('meets WCAG AA on the appointment page', async () => {
    await page.goto(`${server.url}/p/${fx.org.slug}/appointments/${fx.scheduledTask.id}`);
    await expect.poll(() => headingText(page)).toBe('AC repair');
    expect(await accessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'portal-13-prebooked');
  });

  it('signs out, and the appointment is no longer reachable', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByText('You are signed out.').isVisible()).toBe(true);
    await saveScreenshot(page, 'portal-14-signed-out');
    await page.goto(`${server.url}/p/${fx.org.slug}/appointments/${fx.scheduledTask.id}`);
    await expect.poll(() => page.getByText('Your session has ended.').isVisible()).toBe(true);
    expect(await page.getByText('AC repair').count()).toBe(0);
    // the invite link was used up by its Continue step: it now offers a new code instead
    await page.goto(firstInviteLink);
    await expect.poll(() => headingText(page)).toBe('This link has already been used');
    expect(await page.getByLabel('Mobile number or email').isVisible()).toBe(true);
    // the only logged problem is the refused request of the signed-out visit
    expect(browser.problems.every((p) => p.includes('401'))).toBe(true);
  });
});

describe('other ways in', () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await openBrowser({ viewport: PHONE, isMobile: true });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in with the link alone when the organization uses link-only sign-in', async () => {
    await setOrganization({ loginMode: 'link' });
    try {
      await page.goto(`${server.url}/p/${fx.org.slug}/sign-in`);
      await expect.poll(() => headingText(page)).toBe('Sign in to see your appointment');
      const before = smsCount(fx.primaryContact.phone!);
      await page.getByLabel('Mobile number or email').fill('512-555-0142');
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await expect.poll(() => headingText(page)).toBe('Check your messages');
      await saveScreenshot(page, 'portal-15-link-sent');
      const link = linkIn(await nextSms(fx.primaryContact.phone!, before));
      await page.goto(link);
      await expect.poll(() => headingText(page)).toBe('Hi Pat');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => headingText(page), { timeout: 10_000 }).toBe('Your appointments');
      await saveScreenshot(page, 'portal-16-link-only-signed-in');
      // the link keeps working until it expires: a second browser signs in with it too
      const second = await openBrowser({ viewport: PHONE, isMobile: true });
      try {
        await second.page.goto(link);
        await second.page.getByRole('button', { name: 'Continue' }).click();
        await expect.poll(() => headingText(second.page), { timeout: 10_000 }).toBe('Your appointments');
      } finally {
        await second.close();
      }
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => page.getByText('You are signed out.').isVisible()).toBe(true);
    } finally {
      await setOrganization({ loginMode: 'otp' });
    }
  });

  it('lets the person of an expired link ask for a code by phone, then signs them in', async () => {
    const expired = await createLinkToken(server.database.db, {
      organizationId: fx.org.id,
      portalUserId: fx.portalUser.id,
      purpose: 'invite',
      taskId: fx.scheduledTask.id,
      now: new Date(Date.now() - 10 * 86_400_000),
      expiresAt: new Date(Date.now() - 86_400_000),
    });
    await page.goto(`${server.url}/p/${fx.org.slug}/access/${expired.token}`);
    await expect.poll(() => headingText(page)).toBe('This link has expired');
    await saveScreenshot(page, 'portal-17-expired-link');
    const before = smsCount(fx.primaryContact.phone!);
    await page.getByLabel('Mobile number or email').fill('(512) 555-0142');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await expect.poll(() => headingText(page)).toBe('Enter your code');
    const code = codeIn(await nextSms(fx.primaryContact.phone!, before));
    await signInWithCode(page, code);
    await expect.poll(() => headingText(page), { timeout: 10_000 }).toBe('Your appointments');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByText('You are signed out.').isVisible()).toBe(true);
  });

  it('kills a code after five wrong tries, even when the sixth is right', async () => {
    const portalSessions = async () =>
      (
        await server.database.db
          .select({ id: schema.sessions.id })
          .from(schema.sessions)
          .where(
            and(eq(schema.sessions.portalUserId, fx.portalUser.id), eq(schema.sessions.subject, 'portal')),
          )
      ).length;
    const sessionsBefore = await portalSessions();
    const before = smsCount(fx.primaryContact.phone!);
    await page.goto(`${server.url}/p/${fx.org.slug}/sign-in`);
    await page.getByLabel('Mobile number or email').fill('+1 512 555 0142');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await expect.poll(() => headingText(page)).toBe('Enter your code');
    const code = codeIn(await nextSms(fx.primaryContact.phone!, before));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signInWithCode(page, wrong);
      await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/not right|too many/i);
    }
    expect(await page.getByRole('alert').first().textContent()).toMatch(/too many/i);
    await saveScreenshot(page, 'portal-18-five-wrong-codes');
    await signInWithCode(page, code);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/too many|ask for a new/i);
    expect(await headingText(page)).toBe('Enter your code');
    // neither the wrong codes nor the dead right one opened a session
    expect(await portalSessions()).toBe(sessionsBefore);
  });
});
