// The notification log in a desktop-sized Chromium against the real server, database and job worker: filters by
// type, channel, status, recipient and dates, one entry's detail, and re-sending a failed notification.
import { callerFor, createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openBrowser,
  saveScreenshot,
  type TestBrowser,
  type TestServer,
} from '../../portal/e2e/support/browser-harness';
import { startDesktopTestServer, TOKEN_KEY } from './support/desktop-harness';

const ORG_ZONE = 'America/New_York';

let server: TestServer;
let browser: TestBrowser;
let fx: OrgFixture;
let failedId: string;

function localDate(offsetDays: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

beforeAll(async () => {
  server = await startDesktopTestServer({ withJobs: true });
  const { db } = server.database;
  fx = await createOrgFixture(db);
  const dispatcher = callerFor(db, fx.dispatcher.token);
  const task = await dispatcher.tasks.create({
    customerId: fx.customer.id,
    siteId: fx.site.id,
    serviceType: 'Furnace tune-up',
    schedulingMode: 'prebooked',
    appointment: { date: localDate(5, 'America/Chicago'), windowId: fx.morning.id },
    technicianId: fx.technician.id,
  });
  await dispatcher.tasks.transition({ id: task.id, version: task.version, action: 'en_route' });
  // what a provider outage leaves behind: an attempt that failed after its retries
  const [failed] = await db
    .insert(schema.notificationLog)
    .values({
      organizationId: fx.org.id,
      taskId: task.id,
      type: 'booking_confirmation',
      channel: 'email',
      contactId: fx.primaryContact.id,
      recipient: fx.primaryContact.email,
      status: 'failed',
      idempotencyKey: `e2e:failed:${task.id}`,
      appointmentVersion: task.appointmentVersion,
      subject: 'Your appointment is booked',
      body: 'Hi Pat, your furnace tune-up is booked.',
      error: 'Mailbox unavailable (550)',
      attempts: 3,
    })
    .returning();
  failedId = failed!.id;
  // the worker sends the booking and en-route notifications; wait until they are logged as sent
  const deadline = Date.now() + 30_000;
  while ((await sentEnRouteCount()) < 2) {
    if (Date.now() > deadline) throw new Error('the worker did not send the en-route notifications in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  browser = await openBrowser({ viewport: { width: 1440, height: 900 } });
  await browser.page.goto(`${server.url}/desktop/`);
  await browser.page.evaluate(
    `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(fx.dispatcher.token)})`,
  );
});

async function sentEnRouteCount(): Promise<number> {
  const rows = await server.database.db
    .select({ id: schema.notificationLog.id })
    .from(schema.notificationLog)
    .where(
      and(
        eq(schema.notificationLog.type, 'technician_en_route'),
        eq(schema.notificationLog.status, 'sent'),
        isNotNull(schema.notificationLog.providerMessageId),
      ),
    );
  return rows.length;
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const table = () => browser.page.getByRole('table', { name: 'Notifications', exact: true });
const column = async (index: number) => table().locator(`tbody tr td:nth-child(${index})`).allTextContents();

describe('desktop notification log', () => {
  it('lists every notification of the organization, newest first', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/desktop/#/notifications`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Notification log' }).waitFor();
    await expect.poll(() => table().locator('tbody tr').count()).toBeGreaterThan(4);
    const types = await column(3);
    expect(types).toEqual(expect.arrayContaining(['Technician en route', 'Booking confirmation']));
    expect(await page.getByText(`Times in ${ORG_ZONE}`).count()).toBe(1);
    await saveScreenshot(page, 'desktop-log-1');
    expect(browser.problems).toEqual([]);
  });

  it('filters by type, channel, status and recipient, and keeps the filters in the address', async () => {
    const { page } = browser;
    await page.getByLabel('Type').selectOption('technician_en_route');
    await expect.poll(async () => [...new Set(await column(3))]).toEqual(['Technician en route']);
    await page.getByLabel('Channel').selectOption('sms');
    await expect.poll(async () => [...new Set(await column(4))]).toEqual(['SMS']);
    await page.getByLabel('Status').selectOption('sent');
    await expect.poll(async () => [...new Set(await column(6))]).toEqual(['Sent']);
    expect(page.url()).toMatch(/type=technician_en_route/);
    expect(page.url()).toMatch(/channel=sms/);

    await page.getByLabel('Recipient').fill('Pat');
    await expect.poll(() => page.url()).toMatch(/recipient=Pat/);
    await expect.poll(async () => (await column(5)).every((c) => c.startsWith('Pat Primary'))).toBe(true);
    expect(await table().locator('tbody tr').count()).toBe(1);
    await saveScreenshot(page, 'desktop-log-2');

    // a reload keeps the filtered view
    await page.reload();
    await expect.poll(() => table().locator('tbody tr').count()).toBe(1);
    expect(await page.getByLabel('Recipient').inputValue()).toBe('Pat');
    expect(browser.problems).toEqual([]);
  });

  it("filters by the organization's dates and explains a backwards range next to the field", async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('From').fill(localDate(1, ORG_ZONE));
    await page.getByText('No notifications match these filters.').waitFor();
    await page.getByLabel('To').fill(localDate(-1, ORG_ZONE));
    await expect
      .poll(() => page.locator('#log-to-error').textContent())
      .toBe('The end date must be on or after the start date.');
    await page.getByLabel('From').fill(localDate(0, ORG_ZONE));
    await page.getByLabel('To').fill(localDate(0, ORG_ZONE));
    await expect.poll(() => table().locator('tbody tr').count()).toBeGreaterThan(4);
    await page.getByRole('button', { name: 'Clear' }).click();
  });

  it('opens an entry: rendered content, provider message id, attempts, segments', async () => {
    const { page } = browser;
    await page.getByLabel('Type').selectOption('technician_en_route');
    await page.getByLabel('Channel').selectOption('sms');
    await page.getByLabel('Status').selectOption('sent');
    await expect.poll(() => table().locator('tbody tr').count()).toBe(1);
    await table().locator('tbody tr').first().click();
    const detail = page.getByRole('complementary', { name: /Technician en route · SMS/ });
    await detail.getByText('Provider message id').waitFor();
    const facts = detail.locator('.log-facts');
    await expect.poll(() => facts.textContent()).toMatch(/Provider message id(?!—)\S+/);
    expect(await facts.textContent()).toMatch(/Attempts1/);
    expect(await facts.textContent()).toMatch(/Segments\d/);
    expect(await detail.locator('.log-message pre').textContent()).toMatch(/\S/);
    expect(page.url()).toMatch(/entry=/);
    await saveScreenshot(page, 'desktop-log-3');

    // Escape closes the panel; the keyboard reaches the rows again (arrow keys, Enter opens)
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
    await table().locator('tbody tr').first().focus();
    await page.keyboard.press('Enter');
    await detail.waitFor();
    await page.keyboard.press('Escape');
    expect(browser.problems).toEqual([]);
  });

  it('re-sends a failed notification from its detail, once, and shows the new attempt', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Status').selectOption('failed');
    await expect.poll(() => table().locator('tbody tr').count()).toBe(1);
    expect(await table().textContent()).toContain('Mailbox unavailable (550)');
    await table().locator('tbody tr').first().click();
    const detail = page.getByRole('complementary', { name: /Booking confirmation · Email/ });
    await expect.poll(() => detail.locator('.log-message').textContent()).toContain('furnace tune-up');
    await detail.getByRole('button', { name: 'Re-send' }).dblclick();
    await detail.getByText('Queued again; the new attempt appears in the log.').waitFor();
    const resends = await server.database.db
      .select({ id: schema.auditEvents.id })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.entityId, failedId), eq(schema.auditEvents.action, 'resend')));
    expect(resends).toHaveLength(1);

    // the worker sends the new attempt; the detail lists it under "Sent again" and the log shows it
    await expect
      .poll(() => detail.getByRole('region', { name: 'Re-sends' }).textContent(), { timeout: 30_000 })
      .toContain('Sent');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Type').selectOption('booking_confirmation');
    await page.getByLabel('Channel').selectOption('email');
    await expect
      .poll(() => table().locator('tbody tr').filter({ hasText: 're-send' }).count(), { timeout: 15_000 })
      .toBe(1);
    await saveScreenshot(page, 'desktop-log-4');
    expect(browser.problems).toEqual([]);
  });
});
