// The task page in a desktop-sized Chromium against the real server, database and job worker: a pre-booked
// task's appointment and answers, marking it en route (the change and the SMS/email it sends appear in the
// timeline), re-sending the portal invite, and cancelling with a reason.
import { callerFor, createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openBrowser,
  saveScreenshot,
  type TestBrowser,
  type TestServer,
} from '../../portal/e2e/support/browser-harness';
import { startDesktopTestServer, TOKEN_KEY } from './support/desktop-harness';

const SITE_ZONE = 'America/Chicago';

let server: TestServer;
let browser: TestBrowser;
let fx: OrgFixture;
let taskId: string;
let appointmentStart: Date;

/** A date a week from now at the site, so the booking is in the future whenever the test runs. */
function dateInAWeek(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: SITE_ZONE }).format(
    new Date(Date.now() + 7 * 86_400_000),
  );
}

beforeAll(async () => {
  server = await startDesktopTestServer({ withJobs: true });
  const { db } = server.database;
  fx = await createOrgFixture(db);
  // the organization asks customers to confirm their booking, so the page has a confirmation state to show
  await db
    .update(schema.organizations)
    .set({ confirmationFlow: true })
    .where(eq(schema.organizations.id, fx.org.id));
  const dispatcher = callerFor(db, fx.dispatcher.token);
  const task = await dispatcher.tasks.create({
    customerId: fx.customer.id,
    siteId: fx.site.id,
    serviceType: 'Rooftop unit repair',
    description: 'Unit 3 blows warm air.',
    schedulingMode: 'prebooked',
    appointment: { date: dateInAWeek(), windowId: fx.morning.id },
    technicianId: fx.technician.id,
  });
  taskId = task.id;
  appointmentStart = task.appointmentStart!;
  // the customer's answers, as the portal saves them
  const [gateCode] = await db
    .insert(schema.customFieldDefinitions)
    .values({ organizationId: fx.org.id, kind: 'text', label: 'Gate code', required: false, sortOrder: 2 })
    .returning();
  await db.insert(schema.taskFieldAnswers).values([
    {
      organizationId: fx.org.id,
      taskId,
      fieldId: fx.customField.id,
      value: true,
      answeredByPortalUserId: fx.portalUser.id,
    },
    {
      organizationId: fx.org.id,
      taskId,
      fieldId: gateCode!.id,
      value: '4321#',
      answeredByPortalUserId: fx.portalUser.id,
    },
  ]);

  browser = await openBrowser({ viewport: { width: 1440, height: 900 } });
  await browser.page.goto(`${server.url}/desktop/`);
  await browser.page.evaluate(
    `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(fx.dispatcher.token)})`,
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function auditActions(action: string) {
  return server.database.db
    .select({ id: schema.auditEvents.id })
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.entityId, taskId), eq(schema.auditEvents.action, action)));
}

const timeline = () => browser.page.getByRole('list', { name: 'Timeline entries' });

describe('desktop task page', () => {
  it("shows a pre-booked task's appointment in the site's time zone, and the customer's answers", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/desktop/#/tasks/${taskId}`);
    // the token was stored after the first load; a hash change alone does not start the app again
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Rooftop unit repair/ }).waitFor();
    const appointment = page.getByRole('region', { name: 'Appointment' });
    const day = new Intl.DateTimeFormat('en-US', {
      timeZone: SITE_ZONE,
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    }).format(appointmentStart);
    await expect.poll(() => appointment.textContent()).toContain(day);
    const text = await appointment.textContent();
    expect(text).toMatch(/Morning, 8:00 AM – 12:00 PM C[SD]T/);
    expect(text).toContain(`Site time (${SITE_ZONE})`);
    expect(text).toContain('Waiting for the customer to confirm');

    const answers = page.getByRole('region', { name: 'Customer’s answers' });
    await expect.poll(() => answers.textContent()).toContain('Gate code');
    expect(await answers.textContent()).toContain('4321#');
    expect(await answers.textContent()).toMatch(/Pets on site\?.*Yes/);
    expect(await answers.textContent()).toContain('Pat Primary');

    // only what the status machine allows on a scheduled task with a technician
    const actions = page.getByRole('group', { name: 'Status actions' });
    expect(await actions.getByRole('button').allTextContents()).toEqual([
      'Mark en route',
      'Cancel task…',
      'Mark failed…',
    ]);
    await timeline().getByText('Task created').waitFor();
    await saveScreenshot(page, 'desktop-task-page-1');
    expect(browser.problems).toEqual([]);
  });

  it('marks the task en route once on a double click; the change and the en-route notification appear', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Mark en route' }).dblclick();
    await expect.poll(() => page.locator('.task-status').textContent()).toBe('En route');
    expect(await auditActions('en_route')).toHaveLength(1);

    const entry = timeline().getByRole('listitem').filter({ hasText: 'Marked en route' });
    await expect.poll(() => entry.textContent()).toMatch(/Status:\s*Scheduled → En route/);
    expect(await entry.textContent()).toContain('Staff');
    // the worker sends it by SMS and email to the site's contacts; the page polls until it is logged as sent
    const notified = timeline()
      .getByRole('listitem')
      .filter({ hasText: 'Technician en route' })
      .filter({ hasText: 'Sent' });
    await expect.poll(() => notified.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const log = page.getByRole('table', { name: 'Notifications of this task' });
    await expect.poll(() => log.textContent(), { timeout: 15_000 }).toContain('Technician en route');
    expect(
      await page.getByRole('group', { name: 'Status actions' }).getByRole('button').allTextContents(),
    ).toEqual(['Start work', 'Cancel task…', 'Mark failed…']);
    await saveScreenshot(page, 'desktop-task-page-2');
    expect(browser.problems).toEqual([]);
  });

  it('re-sends the portal invite for this task; it appears in the timeline and the log', async () => {
    const { page } = browser;
    const users = page.getByRole('list', { name: 'Portal users' });
    const pat = users.getByRole('listitem').filter({ hasText: 'Pat Primary' });
    await pat.getByRole('button', { name: 'Re-send invite' }).dblclick();
    await pat.getByText('Invite queued.').waitFor();
    await timeline().getByText('Portal invite sent to Pat Primary').waitFor();
    const invites = await server.database.db
      .select({ id: schema.auditEvents.id })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.entityId, fx.portalUser.id), eq(schema.auditEvents.action, 'invite')));
    expect(invites).toHaveLength(1);
    const log = page.getByRole('table', { name: 'Notifications of this task' });
    await expect.poll(() => log.textContent(), { timeout: 30_000 }).toContain('Booking invite');

    // a second invite within the minute is refused with the server's words, in place
    await pat.getByRole('button', { name: 'Re-send invite' }).click();
    await expect.poll(() => pat.getByRole('alert').textContent()).toMatch(/less than a minute ago/);
    await saveScreenshot(page, 'desktop-task-page-3');
    expect(browser.problems.filter((p) => !p.includes('status of 429'))).toEqual([]);
    browser.problems.length = 0;
  });

  it('cancels with a reason: the reason is asked for, checked by the server, and shown in the timeline', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Cancel task…' }).click();
    const reason = page.getByLabel('Why is it cancelled?');
    await reason.fill('no');
    await page.getByRole('button', { name: 'Cancel task', exact: true }).click();
    await expect
      .poll(() => page.locator('#task-reason-error').textContent())
      .toBe('Say why the task is cancelled (at least 3 characters).');
    expect(await reason.inputValue()).toBe('no');
    expect(await auditActions('cancel')).toHaveLength(0);

    await reason.fill('Customer closed the shop for the week');
    await reason.press('Enter');
    await expect.poll(() => page.locator('.task-status').textContent()).toBe('Cancelled');
    const entry = timeline().getByRole('listitem').filter({ hasText: 'Cancelled' }).first();
    await expect.poll(() => entry.textContent()).toContain('Reason:');
    expect(await entry.textContent()).toContain('Customer closed the shop for the week');
    expect(await entry.textContent()).toMatch(/En route → Cancelled/);
    expect(await page.locator('.task-actions-none').textContent()).toContain('cancelled');
    await saveScreenshot(page, 'desktop-task-page-4');
    expect(browser.problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
  });
});
