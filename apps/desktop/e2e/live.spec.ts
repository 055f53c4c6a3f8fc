// Live updates in a desktop-sized Chromium against the real server and database: a customer books and then
// reschedules through the portal API while the dispatcher watches the task list and the task page, which
// change without a reload, with a toast and a (browser) notification each time.
import { createPorticoClient, type PorticoClient } from '@portico/api-client';
import { createOrgFixture, type OrgFixture } from '@portico/api/test-support';
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
let customer: PorticoClient;

type Slot = { date: string; windowId: string; start: Date };

/** Two open windows on different days, well past the rescheduling cut-off. */
let slots: [Slot, Slot];

beforeAll(async () => {
  server = await startDesktopTestServer();
  fx = await createOrgFixture(server.database.db);
  // The customer's side: the portal's procedures over HTTP with their session (as a bearer token).
  customer = createPorticoClient({ url: `${server.url}/trpc`, getToken: () => fx.portalUser.token });
  const availability = await customer.portal.availability.query({ taskId: fx.unscheduledTask.id, days: 28 });
  const open = availability.days
    .flatMap((day) => day.windows.map((window) => ({ ...window, date: day.date })))
    .filter((window) => window.remaining > 0 && window.start.getTime() > Date.now() + 3 * 86_400_000);
  const first = open[0];
  const second = open.find((window) => first && window.date !== first.date);
  if (!first || !second) throw new Error('the fixture needs open windows on two days');
  slots = [first, second];

  browser = await openBrowser({ viewport: { width: 1440, height: 900 } });
  // Records what the browser bridge hands to the system's notifications (and lets it show them).
  await browser.context.addInitScript(`
    window.__notifications = [];
    window.Notification = function (title, options) {
      window.__notifications.push({ title, body: options && options.body });
    };
    window.Notification.permission = 'granted';
  `);
  await browser.page.goto(`${server.url}/desktop/`);
  await browser.page.evaluate(
    `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(fx.dispatcher.token)})`,
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** "Tue, Mar 10" as the task list shows a local date. */
function listDay(date: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** "Tuesday, March 10, 2026" as the task page shows the appointment's day. */
function pageDay(start: Date): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: SITE_ZONE,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  }).format(start);
}

async function notifications(): Promise<{ title: string; body: string }[]> {
  return browser.page.evaluate('window.__notifications');
}

/** Set on the page; still there afterwards only if the page was not reloaded. */
async function markPage(): Promise<void> {
  await browser.page.evaluate('window.__sameDocument = true');
}
async function isSamePage(): Promise<boolean> {
  return browser.page.evaluate('window.__sameDocument === true');
}

describe('desktop live updates', () => {
  it('shows a portal booking in the task list at once, with a toast and a notification', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/desktop/#/tasks`);
    await page.reload();
    const row = page.locator('.tk-task-rows [role="row"]', { hasText: `T-${fx.unscheduledTask.number}` });
    await row.waitFor();
    expect(await row.textContent()).not.toContain(listDay(slots[0].date));
    // the shell marks the page once its event stream is open (the server has registered the subscriber)
    await page.locator('html[data-live="on"]').waitFor({ state: 'attached' });
    await markPage();

    await customer.portal.book.mutate({
      taskId: fx.unscheduledTask.id,
      version: fx.unscheduledTask.version,
      date: slots[0].date,
      windowId: slots[0].windowId,
    });
    await expect.poll(() => row.textContent()).toContain(listDay(slots[0].date));

    const toast = page.getByRole('region', { name: 'Portal changes' }).getByRole('status');
    await expect.poll(() => toast.first().textContent()).toContain(`${fx.customer.name} booked a window`);
    expect(await toast.first().textContent()).toContain(`T-${fx.unscheduledTask.number}`);
    await expect.poll(notifications).toEqual([
      {
        title: `${fx.customer.name} booked a window`,
        body: expect.stringContaining(`T-${fx.unscheduledTask.number}`),
      },
    ]);
    expect(await isSamePage()).toBe(true);
    await saveScreenshot(page, 'desktop-live-1');
    expect(browser.problems).toEqual([]);
  });

  it('opens the task from the toast, and a reschedule updates the task page in place', async () => {
    const { page } = browser;
    const toast = page.getByRole('region', { name: 'Portal changes' }).getByRole('status').first();
    await toast.getByRole('button', { name: 'Open task' }).click();
    const appointment = page.getByRole('region', { name: 'Appointment' });
    await expect.poll(() => appointment.textContent()).toContain(pageDay(slots[0].start));
    await markPage();

    const current = await customer.portal.appointment.query({ taskId: fx.unscheduledTask.id });
    await customer.portal.book.mutate({
      taskId: fx.unscheduledTask.id,
      version: current.version,
      date: slots[1].date,
      windowId: slots[1].windowId,
    });

    await expect.poll(() => appointment.textContent()).toContain(pageDay(slots[1].start));
    const toasts = page.getByRole('region', { name: 'Portal changes' }).getByRole('status');
    await expect.poll(() => toasts.last().textContent()).toContain(`${fx.customer.name} rescheduled`);
    await expect
      .poll(async () => (await notifications()).map((n) => n.title))
      .toEqual([`${fx.customer.name} booked a window`, `${fx.customer.name} rescheduled`]);
    expect(await isSamePage()).toBe(true);
    await saveScreenshot(page, 'desktop-live-2');

    // dismissing a toast takes it away
    const before = await toasts.count();
    await toasts.last().getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => toasts.count()).toBe(before - 1);
    expect(browser.problems).toEqual([]);
  });
});
