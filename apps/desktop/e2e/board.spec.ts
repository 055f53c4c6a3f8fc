// The dispatch board in a desktop-sized Chromium against the real server: lanes, windows and counts, a drag
// that assigns and books in one call, and a drop on a full window refused in place with nothing changed.
import { createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, type TestBrowser, type TestServer } from '../../portal/e2e/support/browser-harness';
import { openSignedInDesktop, startDesktopTestServer } from './support/desktop-harness';

let server: TestServer;
let browser: TestBrowser;
let fx: OrgFixture;
let ray: typeof schema.technicians.$inferSelect;
let fullTask: typeof schema.tasks.$inferSelect;
let waitingTask: typeof schema.tasks.$inferSelect;
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
  ray = (
    await db
      .insert(schema.technicians)
      .values({ organizationId: fx.org.id, name: 'Ray Router', color: '#7a5af8' })
      .returning()
  )[0]!;
  // the afternoon takes one booking a day, and tomorrow's is taken
  await db
    .update(schema.appointmentWindows)
    .set({ capacityPerDay: 1 })
    .where(eq(schema.appointmentWindows.id, fx.afternoon.id));
  fullTask = (
    await db
      .insert(schema.tasks)
      .values({
        organizationId: fx.org.id,
        number: 3,
        customerId: fx.customer.id,
        siteId: fx.site.id,
        serviceType: 'Furnace tune-up',
        status: 'scheduled',
        schedulingMode: 'prebooked',
        appointmentDate: tomorrow,
        windowId: fx.afternoon.id,
        appointmentStart: new Date(`${tomorrow}T18:00:00Z`),
        appointmentEnd: new Date(`${tomorrow}T22:00:00Z`),
        appointmentVersion: 1,
        technicianId: fx.technician.id,
      })
      .returning()
  )[0]!;
  waitingTask = (
    await db
      .insert(schema.tasks)
      .values({
        organizationId: fx.org.id,
        number: 4,
        customerId: fx.customer.id,
        siteId: fx.site.id,
        serviceType: 'Gutter cleaning',
        status: 'unscheduled',
        schedulingMode: 'customer_selects',
      })
      .returning()
  )[0]!;
  await db
    .update(schema.organizations)
    .set({ nextTaskNumber: 5 })
    .where(eq(schema.organizations.id, fx.org.id));

  browser = await openSignedInDesktop(server, fx.dispatcher.token, '/board');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function taskRow(id: string) {
  const [row] = await server.database.db.select().from(schema.tasks).where(eq(schema.tasks.id, id));
  return row!;
}

const card = (page: Page, id: string) => page.locator(`[data-task-card="${id}"]`);
const cell = (page: Page, technicianId: string, date: string, windowId: string) =>
  page.locator(`[data-cell="${technicianId}|${date}|${windowId}"]`);
const count = (page: Page, windowId: string) => page.locator(`[data-window-count="${windowId}"]`).first();

/** A real pointer drag: press on the card, travel in steps (past the 5 px activation), release on the cell. */
async function drag(page: Page, from: Locator, to: Locator) {
  const start = (await from.boundingBox())!;
  const end = (await to.boundingBox())!;
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(start.x + start.width / 2 + 10, start.y + start.height / 2, { steps: 3 });
  await page.mouse.move(end.x + end.width / 2, end.y + 30, { steps: 12 });
  await page.mouse.up();
}

describe('dispatch board', () => {
  it('shows technicians as lanes, windows as columns, today’s counts and the tray', async () => {
    const { page } = browser;
    await page.getByRole('heading', { name: 'Dispatch board', level: 1 }).waitFor();
    await page.locator('.board-grid').waitFor();
    expect(await page.locator('.board-lane-head').allTextContents()).toEqual(['Ray Router', 'Tess Tech']);
    const heads = await page.locator('.board-column-head strong').allTextContents();
    expect(heads).toEqual(['Morning', 'Afternoon']);
    expect(await page.locator('.board-range').textContent()).toContain('(today)');
    await expect.poll(() => card(page, waitingTask.id).isVisible()).toBe(true);
    expect(await page.locator('.board-tray').textContent()).toContain('T-1');

    // → moves to tomorrow (the keyboard's date navigation), where the afternoon is full
    await page.locator('body').press('ArrowRight');
    await expect.poll(() => count(page, fx.afternoon.id).textContent()).toBe('1 / 1');
    expect(await count(page, fx.morning.id).textContent()).toBe('0 / 3');
    expect(await page.locator('.board-column-head.is-full strong').textContent()).toBe('Afternoon');
    expect(
      await cell(page, fx.technician.id, tomorrow, fx.afternoon.id).locator('[data-task-card]').count(),
    ).toBe(1);
    await saveScreenshot(page, 'desktop-board-1');
    expect(browser.problems).toEqual([]);
  });

  it('assigns and books an unassigned task dropped on a lane × window, in one call', async () => {
    const { page } = browser;
    const target = cell(page, ray.id, tomorrow, fx.morning.id);
    await drag(page, card(page, fx.unscheduledTask.id), target);
    await expect.poll(() => target.locator(`[data-task-card="${fx.unscheduledTask.id}"]`).count()).toBe(1);
    await expect
      .poll(async () => {
        const row = await taskRow(fx.unscheduledTask.id);
        return [row.status, row.technicianId, row.appointmentDate, row.windowId];
      })
      .toEqual(['scheduled', ray.id, tomorrow, fx.morning.id]);
    await expect.poll(() => count(page, fx.morning.id).textContent()).toBe('1 / 3');
    await expect.poll(() => page.locator('.board-card.is-saving').count()).toBe(0);
    expect(await page.locator('.board-tray').textContent()).not.toContain('T-1 ');
    await saveScreenshot(page, 'desktop-board-2');
    expect(browser.problems).toEqual([]);
  });

  it('refuses a drop on a full window in place: the card goes back, the message sits by the cell', async () => {
    const { page } = browser;
    const before = await taskRow(waitingTask.id);
    const target = cell(page, ray.id, tomorrow, fx.afternoon.id);
    await drag(page, card(page, waitingTask.id), target);
    const alert = target.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('T-4: The Afternoon window on');
    expect(await alert.textContent()).toContain('is full (1 of 1 booked). Pick another window or day.');
    // the card is back in the tray, the count unchanged, and the database untouched
    await expect
      .poll(() => page.locator('.board-tray').locator(`[data-task-card="${waitingTask.id}"]`).count())
      .toBe(1);
    expect(await target.locator('[data-task-card]').count()).toBe(0);
    expect(await count(page, fx.afternoon.id).textContent()).toBe('1 / 1');
    expect(await taskRow(waitingTask.id)).toEqual(before);
    expect(await taskRow(fullTask.id)).toMatchObject({ technicianId: fx.technician.id, version: 1 });
    await saveScreenshot(page, 'desktop-board-3');
    // the refused call's 409 is logged by Chromium; nothing else may be
    expect(browser.problems.filter((p) => !p.includes('status of 409'))).toEqual([]);
    browser.problems.length = 0;

    await page.keyboard.press('Escape');
    await expect.poll(() => target.getByRole('alert').count()).toBe(0);
  });

  it('moves a task by keyboard: Space picks it up, arrows move it, Space drops it', async () => {
    const { page } = browser;
    // the waiting card is in the tray (right of the grid); the nearest cell to its left is an afternoon cell,
    // one more step left reaches the morning column
    const source = card(page, waitingTask.id);
    await source.focus();
    // a person's pace: each key is handled after the board has drawn the previous move
    for (const key of ['Space', 'ArrowLeft', 'ArrowLeft', 'Space']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(150);
    }
    await expect
      .poll(async () => {
        const row = await taskRow(waitingTask.id);
        return [row.status, row.appointmentDate, row.windowId];
      })
      .toEqual(['scheduled', tomorrow, fx.morning.id]);
    await expect.poll(() => count(page, fx.morning.id).textContent()).toBe('2 / 3');
    expect(await page.locator('.board-tray').locator(`[data-task-card="${waitingTask.id}"]`).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('shows the week with counts per day and window', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await expect.poll(() => page.locator('.board-grid-week .board-day-link').count()).toBe(7);
    expect(await page.locator('.board-range').textContent()).toMatch(/^Week of Monday/);
    await expect
      .poll(() => cell(page, ray.id, tomorrow, fx.morning.id).locator('[data-task-card]').count())
      .toBeGreaterThanOrEqual(1);
    await saveScreenshot(page, 'desktop-board-4');
    expect(browser.problems).toEqual([]);
  });
});
