// Appointment windows in a desktop-sized Chromium against the real server: the list, defining, editing and
// retiring a window with the server's validation next to its field, and the calendar of remaining capacity.
import { createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, type TestBrowser, type TestServer } from '../../portal/e2e/support/browser-harness';
import { openSignedInDesktop, startDesktopTestServer } from './support/desktop-harness';

let server: TestServer;
let browser: TestBrowser;
let fx: OrgFixture;
let tomorrow: string;

function localDate(timeZone: string, offsetDays: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + offsetDays);
  return day.toISOString().slice(0, 10);
}

beforeAll(async () => {
  server = await startDesktopTestServer();
  const { db } = server.database;
  fx = await createOrgFixture(db);
  tomorrow = localDate(fx.org.timeZone, 1);
  // one booking tomorrow morning: the calendar shows 2 of 3 left
  await db.insert(schema.tasks).values({
    organizationId: fx.org.id,
    number: 3,
    customerId: fx.customer.id,
    siteId: fx.site.id,
    serviceType: 'Furnace tune-up',
    status: 'scheduled',
    schedulingMode: 'prebooked',
    appointmentDate: tomorrow,
    windowId: fx.morning.id,
    appointmentStart: new Date(`${tomorrow}T14:00:00Z`),
    appointmentEnd: new Date(`${tomorrow}T18:00:00Z`),
    appointmentVersion: 1,
  });
  await db
    .update(schema.organizations)
    .set({ nextTaskNumber: 4 })
    .where(eq(schema.organizations.id, fx.org.id));

  browser = await openSignedInDesktop(server, fx.admin.token, '/windows');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function eveningRows() {
  return server.database.db
    .select()
    .from(schema.appointmentWindows)
    .where(
      and(
        eq(schema.appointmentWindows.organizationId, fx.org.id),
        eq(schema.appointmentWindows.name, 'Evening'),
      ),
    );
}

const rowNames = () => browser.page.locator('.windows-table tbody tr td:first-child').allTextContents();

describe('appointment windows', () => {
  it('lists the windows with their times, days and capacity', async () => {
    const { page } = browser;
    await page.getByRole('heading', { name: 'Appointment windows', level: 1 }).waitFor();
    await expect.poll(rowNames).toEqual(['Morning', 'Afternoon']);
    const morning = page.locator('.windows-table tbody tr').first();
    expect(await morning.textContent()).toBe('Morning08:00–12:00Every day3Active');
    await saveScreenshot(page, 'desktop-windows-1');
    expect(browser.problems).toEqual([]);
  });

  it('shows the server’s refusal next to the field, keeps the form, then creates the window', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'New window' }).click();
    const form = page.locator('form.window-form');
    await form.getByLabel('Name').fill('Evening');
    await form.getByLabel('Starts').fill('17:00');
    await form.getByLabel('Ends').fill('16:00');
    await form.getByLabel('Capacity per day').fill('2');
    await form.getByRole('button', { name: 'Create window' }).click();

    const ends = form.getByLabel('Ends');
    await expect.poll(() => ends.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await ends.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(
      'The window must end after it starts, on the same day.',
    );
    // what was typed is still there, and nothing was created
    expect(await form.getByLabel('Name').inputValue()).toBe('Evening');
    expect(await eveningRows()).toEqual([]);
    await saveScreenshot(page, 'desktop-windows-2');
    expect(browser.problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    browser.problems.length = 0;

    await ends.fill('19:00');
    await form.getByLabel('Sat').uncheck();
    await form.getByLabel('Sun').uncheck();
    await form.getByLabel('Fri').uncheck();
    await form.getByRole('button', { name: 'Create window' }).click();
    await expect.poll(rowNames).toEqual(['Morning', 'Afternoon', 'Evening']);
    const [created] = await eveningRows();
    expect(created).toMatchObject({
      startTime: '17:00:00',
      endTime: '19:00:00',
      daysOfWeek: [1, 2, 3, 4],
      capacityPerDay: 2,
      retiredAt: null,
    });
    expect(await page.locator('.windows-table tbody tr').nth(2).textContent()).toBe(
      'Evening17:00–19:00Mon–Thu2Active',
    );
    expect(browser.problems).toEqual([]);
  });

  it('edits a window, with an out-of-range capacity refused next to its field', async () => {
    const { page } = browser;
    await page.locator('.windows-table tbody tr', { hasText: 'Evening' }).click();
    const form = page.locator('form.window-form');
    await form.getByRole('heading', { name: 'Edit Evening' }).waitFor();
    const capacity = form.getByLabel('Capacity per day');
    await capacity.fill('600');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => capacity.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field-error').textContent()).toBe(
      'Capacity can be at most 500 bookings per day.',
    );
    expect((await eveningRows())[0]?.capacityPerDay).toBe(2);
    await saveScreenshot(page, 'desktop-windows-3');
    browser.problems.length = 0;

    await capacity.fill('5');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await eveningRows())[0]?.capacityPerDay).toBe(5);
    await expect
      .poll(() => page.locator('.windows-table tbody tr', { hasText: 'Evening' }).textContent())
      .toBe('Evening17:00–19:00Mon–Thu5Active');
    expect(browser.problems).toEqual([]);
  });

  it('retires a window after a confirmation; it leaves the list and shows among the retired', async () => {
    const { page } = browser;
    const form = page.locator('form.window-form');
    await form.getByRole('button', { name: 'Retire window…' }).click();
    await form.getByRole('button', { name: 'Yes, retire' }).click();
    await expect.poll(async () => (await eveningRows())[0]?.retiredAt).not.toBeNull();
    await expect.poll(rowNames).toEqual(['Morning', 'Afternoon']);
    await page.getByLabel('Show retired').check();
    await expect
      .poll(() => page.locator('.windows-table tbody tr', { hasText: 'Evening' }).textContent())
      .toBe('Evening17:00–19:00Mon–Thu5Retired');
    expect(browser.problems).toEqual([]);
  });

  it('shows the remaining capacity of the coming weeks', async () => {
    const { page } = browser;
    const day = page.locator(`.capacity-day[data-date="${tomorrow}"]`);
    await expect.poll(() => day.locator('li', { hasText: 'Morning' }).textContent()).toBe('Morning2 / 3');
    expect(await day.locator('li', { hasText: 'Afternoon' }).textContent()).toBe('Afternoon3 / 3');
    // the retired evening window is offered nowhere
    expect(await page.locator('.capacity-grid').textContent()).not.toContain('Evening');
    await page.locator('.capacity-calendar').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'desktop-windows-4');
    expect(browser.problems).toEqual([]);
  });
});
