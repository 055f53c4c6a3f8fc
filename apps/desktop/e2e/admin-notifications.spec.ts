// The Admin notifications screen in a desktop-sized Chromium against the real server, database and job worker:
// a type turned off is logged as skipped, an edited SMS template is what the SNS stand-in receives, an unknown
// variable is flagged as typed and refused on save, the preview shows a chosen task's values, and a test is
// sent to a number the admin types.
import { callerFor, createOrgFixture, type Caller, type OrgFixture } from '@portico/api/test-support';
import { validateTemplate } from '@portico/notifications/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, type TestBrowser, type TestServer } from '../../portal/e2e/support/browser-harness';
import { openSignedInDesktop, startDesktopTestServer } from './support/desktop-harness';

let server: TestServer;
let browser: TestBrowser;
let fx: OrgFixture;
let admin: Caller;
let dispatcher: Caller;
let nextDay = 3;

const MARKER = `PX-${Date.now().toString(36).toUpperCase()}`;
const SMS_BODY = `${MARKER} {{organization.name}}: choose a time for your visit at {{site.address}}: {{portal.link}}`;
const PREVIEW_BODY = `${MARKER} preview for {{customer.name}} on {{appointment.date}} ({{appointment.window}}) {{portal.link}}`;
/** PREVIEW_BODY filled in from the fixture's pre-booked task T-2 (AC repair, 2026-03-10, morning). */
const previewText = (prefix: string) =>
  new RegExp(
    `^${prefix}${MARKER} preview for Acme Bakery on Tuesday, March 10 \\(8:00 AM - 12:00 PM\\) http://localhost:\\d+/\\S+$`,
  );

function localDate(offsetDays: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

/** A new pre-booked task on a day of its own (the morning window holds three a day): it sends a booking invite. */
async function createTask(serviceType: string) {
  return dispatcher.tasks.create({
    customerId: fx.customer.id,
    siteId: fx.site.id,
    serviceType,
    schedulingMode: 'prebooked',
    appointment: { date: localDate(nextDay++, 'America/Chicago'), windowId: fx.morning.id },
    technicianId: fx.technician.id,
  });
}

async function savedInviteSms() {
  const templates = await admin.notifications.templates();
  return templates.find((t) => t.type === 'booking_invite' && t.channel === 'sms');
}

beforeAll(async () => {
  server = await startDesktopTestServer({ withJobs: true });
  fx = await createOrgFixture(server.database.db);
  admin = callerFor(server.database.db, fx.admin.token);
  dispatcher = callerFor(server.database.db, fx.dispatcher.token);
  browser = await openSignedInDesktop(server, fx.admin.token, '/admin/notifications');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const row = (name: string) => browser.page.getByRole('row', { name, exact: true });
const bodyField = () => browser.page.getByLabel('SMS text', { exact: true });

describe('desktop admin notifications', () => {
  it('turns a type off; the next one is logged as skipped, and a stale row is told to reload', async () => {
    const { page } = browser;
    await page.getByRole('heading', { level: 2, name: 'Notifications' }).waitFor();
    const rows = page.getByRole('table', { name: 'Notification types' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    expect(await row('Reminder 24 h before').count()).toBe(1);

    const invite = row('Booking invite');
    const inviteSwitch = invite.getByRole('switch', { name: 'Send Booking invite' });
    await inviteSwitch.click({ force: true });
    await invite.getByText('Saved').waitFor();
    expect(await inviteSwitch.isChecked()).toBe(false);
    const saved = await admin.notifications.settings();
    expect(saved.find((s) => s.type === 'booking_invite')).toMatchObject({ enabled: false, version: 1 });

    const task = await createTask('Invite while off');
    const inviteLog = async () =>
      (await admin.notifications.log({ taskId: task.id, type: 'booking_invite' })).items;
    await expect.poll(async () => (await inviteLog()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await inviteLog()).every((e) => e.status === 'skipped' && e.skipReason)).toBe(true);

    // someone else changes a row meanwhile: this screen's next save there is refused and offers a reload
    const completed = row('Work completed');
    const method = completed.getByRole('combobox', { name: 'Delivery method for Work completed' });
    await admin.notifications.updateSetting({
      type: 'task_completed',
      enabled: true,
      method: 'email',
      version: 0,
    });
    await method.selectOption('sms');
    await completed.getByText(/Someone else changed this setting/).waitFor();
    await completed.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => method.inputValue()).toBe('email');
    expect(await completed.getByText(/Someone else changed/).count()).toBe(0);

    // back on, for the template tests below
    await inviteSwitch.click({ force: true });
    await invite.getByText('Saved').waitFor();
    expect((await admin.notifications.settings()).find((s) => s.type === 'booking_invite')?.enabled).toBe(
      true,
    );
    await saveScreenshot(page, 'desktop-admin-notifications');
    expect(browser.problems.filter((p) => !p.includes('status of 409'))).toEqual([]);
    browser.problems.length = 0;
  });

  it('edits the SMS template; the next invite the SNS stand-in receives uses it', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Edit the SMS template of Booking invite' }).click();
    await page.getByRole('heading', { level: 2, name: 'Booking invite · SMS' }).waitFor();
    await bodyField().fill(SMS_BODY);
    const counter = page.locator('.na-segments');
    await expect.poll(() => counter.textContent()).toMatch(/Encoding GSM-7/);
    expect(await counter.textContent()).toMatch(/[12] of 3 segments/);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. The next message uses this text.').waitFor();
    expect(await savedInviteSms()).toMatchObject({ body: SMS_BODY, isDefault: false });

    await createTask('Invite with the edited text');
    const sms = server.sms!;
    const delivered = () => sms.deliveries.find((d) => d.message.startsWith(MARKER));
    await expect
      .poll(() => delivered()?.message, { timeout: 30_000 })
      .toMatch(
        new RegExp(`^${MARKER} .+: choose a time for your visit at 100 Congress Ave, Austin, TX 78701: http`),
      );
    expect(delivered()?.phoneNumber).toBe(fx.primaryContact.phone);
    expect(browser.problems).toEqual([]);
  });

  it('flags {{unknwn}} as it is typed, and Save is refused next to the text with nothing saved', async () => {
    const { page } = browser;
    const typed = `${SMS_BODY} {{unknwn}}`;
    await bodyField().press('End');
    await bodyField().pressSequentially(' {{unknwn}}');
    expect(await bodyField().inputValue()).toBe(typed);
    // the very rule the server applies, run in the renderer
    const [expected] = validateTemplate({
      type: 'booking_invite',
      channel: 'sms',
      subject: null,
      body: typed,
    });
    expect(expected?.message).toMatch(/^Unknown variable \{\{unknwn\}\}\./);
    const checks = page.getByRole('list', { name: 'Problems in the body' });
    await expect.poll(() => checks.textContent()).toBe(expected!.message);
    expect(await bodyField().getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => page.locator('.na-refusal').textContent())
      .toBe(`Not saved: ${expected!.message}`);
    expect(await bodyField().inputValue()).toBe(typed);
    expect((await savedInviteSms())?.body).toBe(SMS_BODY);

    // Discard goes back to the saved text; the picker inserts a variable where the caret is
    await page.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => bodyField().inputValue()).toBe(SMS_BODY);
    expect(await checks.count()).toBe(0);
    // the caret right after the marker and its space, then the variable chosen with the keyboard (Enter)
    await bodyField().press('Control+Home');
    for (let i = 0; i <= MARKER.length; i++) await bodyField().press('ArrowRight');
    await page.getByRole('button', { name: 'Insert {{customer.name}}' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => bodyField().inputValue())
      .toBe(`${MARKER} {{customer.name}}${SMS_BODY.slice(MARKER.length + 1)}`);
    await page.getByRole('button', { name: 'Discard' }).click();
    expect(browser.problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    browser.problems.length = 0;
  });

  it('previews the unsaved SMS against a chosen task with its real values', async () => {
    const { page } = browser;
    await page.getByLabel('Find a task').fill('AC repair');
    const taskButton = page.getByRole('button', { name: /^T-2 Acme Bakery · AC repair · Mar 10, Morning$/ });
    await taskButton.click();
    expect(await taskButton.getAttribute('aria-pressed')).toBe('true');
    await bodyField().fill(PREVIEW_BODY);
    await expect.poll(() => page.locator('.na-bubble').textContent()).toMatch(previewText(''));
    expect(await page.locator('.na-phone figcaption').textContent()).toMatch(
      /^T-2: \d+ characters, 1 segment$/,
    );
    await saveScreenshot(page, 'desktop-admin-template-sms');
    expect(browser.problems).toEqual([]);
  });

  it('sends a test SMS to the number typed; the stand-in receives the unsaved text', async () => {
    const { page } = browser;
    await page.getByLabel('Send a test SMS to').fill('(512) 555-0199');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test sent to +15125550199 — it arrives within a minute.').waitFor();
    const sms = server.sms!;
    await expect
      .poll(() => sms.deliveries.find((d) => d.phoneNumber === '+15125550199')?.message, { timeout: 30_000 })
      .toMatch(previewText('\\[Test\\] '));

    // a number that is not one is refused next to the input
    await page.getByLabel('Send a test SMS to').fill('call me');
    await page.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(() => page.locator('.na-send .field-error').textContent()).toMatch(/\S/);
    expect((await savedInviteSms())?.body).toBe(SMS_BODY);
    await page.getByRole('button', { name: 'Discard' }).click();
    expect(browser.problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    browser.problems.length = 0;
  });

  it('previews the email template: subject, the HTML in a sandboxed frame and the text part', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Edit the Email template of Booking confirmation' }).click();
    await page.getByRole('heading', { level: 2, name: 'Booking confirmation · Email' }).waitFor();
    await page.getByLabel('Find a task').fill('AC repair');
    await page.getByRole('button', { name: /^T-2 Acme Bakery/ }).click();
    await page.getByLabel('Subject').fill(`${MARKER} visit for {{customer.name}}`);
    await expect
      .poll(() => page.locator('.na-email-subject strong').textContent())
      .toBe(`${MARKER} visit for Acme Bakery`);
    const frame = page.locator('iframe.na-email-frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await expect.poll(() => frame.getAttribute('srcdoc')).toContain('100 Congress Ave');
    expect(await page.locator('.na-email-text pre').textContent()).toContain('Tuesday, March 10');
    await saveScreenshot(page, 'desktop-admin-template-email');

    // a test email to the address typed reaches the Resend stand-in with the unsaved subject
    await page.getByLabel('Send a test email to').fill('QA.Lead@Example.test');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test sent to qa.lead@example.test — it arrives within a minute.').waitFor();
    const email = server.email!;
    const testEmail = () => email.deliveries.find((d) => d.to.includes('qa.lead@example.test'));
    await expect
      .poll(() => testEmail()?.subject, { timeout: 30_000 })
      .toContain(`${MARKER} visit for Acme Bakery`);
    expect(testEmail()?.text).toContain('100 Congress Ave');
    // The srcdoc frame inherits the renderer's Content-Security-Policy, which allows style attributes only
    // (style-src-attr): the email shows styled, and nothing is refused.
    expect(browser.problems).toEqual([]);
  });
});
