// The dispatcher's task list and new-task form in a desktop-sized Chromium against the real server: create a
// pre-booked task with the window's live capacity, create a customer-selects task for a customer made inline,
// filter by status, open a task from the keyboard, and a server refusal shown next to its field.
import { createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { hashPassword } from '@portico/auth';
import { schema } from '@portico/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openBrowser,
  saveScreenshot,
  type TestBrowser,
  type TestServer,
} from '../../portal/e2e/support/browser-harness';
import { startDesktopTestServer } from './support/desktop-harness';

const PASSWORD = 'correct horse battery staple';

let server: TestServer;
let browser: TestBrowser;
let fixture: OrgFixture;
let dispatcherEmail: string;
/** Tomorrow at the fixture's site (America/Chicago), where two of the Morning window's three seats are taken. */
let tomorrow: string;

function dateIn(timeZone: string, daysAhead: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const day = new Date(`${parts}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + daysAhead);
  return day.toISOString().slice(0, 10);
}

/** "Mon, Nov 23" as the window picker labels a day. */
function dayLabel(date: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(new Date(`${date}T12:00:00Z`));
}

async function tasksOfOrg() {
  return server.database.db
    .select()
    .from(schema.tasks)
    .where(eq(schema.tasks.organizationId, fixture.org.id));
}

beforeAll(async () => {
  // with the worker, so a new task's booking invite is really sent and logged
  server = await startDesktopTestServer({ withJobs: true });
  const { db } = server.database;
  fixture = await createOrgFixture(db);
  const [dispatcher] = await db
    .update(schema.staffUsers)
    .set({ passwordHash: await hashPassword(PASSWORD), name: 'Dana Dispatcher' })
    .where(eq(schema.staffUsers.id, fixture.dispatcher.id))
    .returning();
  dispatcherEmail = dispatcher!.email;
  // Two bookings already hold tomorrow's Morning window (capacity 3): the form must show 1 of 3 left.
  tomorrow = dateIn('America/Chicago', 1);
  for (const number of [3, 4]) {
    await db.insert(schema.tasks).values({
      organizationId: fixture.org.id,
      number,
      customerId: fixture.customer.id,
      siteId: fixture.site.id,
      serviceType: `Filter change ${number}`,
      status: 'scheduled',
      schedulingMode: 'prebooked',
      appointmentDate: tomorrow,
      windowId: fixture.morning.id,
      appointmentStart: new Date(`${tomorrow}T14:00:00Z`),
      appointmentEnd: new Date(`${tomorrow}T18:00:00Z`),
      appointmentVersion: 1,
    });
  }
  await db
    .update(schema.organizations)
    .set({ nextTaskNumber: 5 })
    .where(eq(schema.organizations.id, fixture.org.id));
  browser = await openBrowser({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const rows = () => browser.page.locator('.tk-task-rows [role="row"]');

async function rowNumbers(): Promise<string[]> {
  return browser.page.locator('.tk-task-rows [role="row"] .tk-task-number').allTextContents();
}

/** Through the side navigation (a task page may link back to the list too). */
async function openTaskList(): Promise<void> {
  await browser.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Tasks/ })
    .click();
}

async function listIsReady(): Promise<void> {
  await browser.page.locator('.tk-task-scroller[data-state="ready"]').waitFor();
}

describe('desktop tasks', () => {
  it('signs in and lands on the task list', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/desktop/`);
    await page.getByLabel('Email').fill(dispatcherEmail);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tasks');
    await listIsReady();
    // appointment order: booked soonest first (the fixture's past task, then tomorrow's), unbooked last
    expect(await rowNumbers()).toEqual(['T-2', 'T-3', 'T-4', 'T-1']);
    await saveScreenshot(page, 'desktop-tasks-1-list');
    expect(browser.problems).toEqual([]);
  });

  it('creates a pre-booked task in a window showing its live remaining capacity, and lists it', async () => {
    const { page } = browser;
    await page.keyboard.press('n');
    await page.getByRole('heading', { name: 'New task' }).waitFor();
    await page.getByRole('combobox', { name: 'Customer' }).fill('Acme');
    await page.getByRole('option', { name: /Acme Bakery/ }).click();
    // the customer's only site is chosen for the dispatcher
    await expect.poll(() => page.getByRole('radio', { name: /100 Congress Ave/ }).isChecked()).toBe(true);
    await page.getByLabel('Service type').fill('Furnace repair');
    await page.getByLabel('Description').fill('Pilot light keeps going out.');
    await page.getByLabel('Technician').selectOption({ label: 'Tess Tech' });
    const morning = page.getByRole('button', { name: `${dayLabel(tomorrow)} Morning, 1 of 3 left` });
    await morning.waitFor();
    await morning.click();
    expect(await morning.getAttribute('aria-pressed')).toBe('true');
    await saveScreenshot(page, 'desktop-tasks-2-new-prebooked');
    await page.getByRole('button', { name: 'Create task' }).click();

    await expect.poll(() => page.url()).toMatch(/#\/tasks\/[0-9a-f-]{36}$/);
    const created = (await tasksOfOrg()).find((t) => t.number === 5);
    expect(created).toMatchObject({
      serviceType: 'Furnace repair',
      description: 'Pilot light keeps going out.',
      schedulingMode: 'prebooked',
      status: 'scheduled',
      appointmentDate: tomorrow,
      windowId: fixture.morning.id,
      technicianId: fixture.technician.id,
    });
    expect(page.url()).toContain(created!.id);
    // the new task's booking invite is sent by the worker and shows in the task's notification log
    const log = page.getByRole('table', { name: 'Notifications of this task' });
    await expect.poll(() => log.textContent(), { timeout: 30_000 }).toContain('Booking invite');
    await saveScreenshot(page, 'desktop-tasks-2b-invite-logged');

    await openTaskList();
    await listIsReady();
    await expect.poll(rowNumbers).toEqual(['T-2', 'T-3', 'T-4', 'T-5', 'T-1']);
    const row = rows().filter({ hasText: 'T-5' });
    expect(await row.textContent()).toContain('Furnace repair');
    expect(await row.textContent()).toContain('Tess Tech');

    // the window is now full: the form offers it no more
    await page.keyboard.press('n');
    await page.getByRole('combobox', { name: 'Customer' }).fill('Acme');
    await page.getByRole('option', { name: /Acme Bakery/ }).click();
    const full = page.getByRole('button', { name: `${dayLabel(tomorrow)} Morning, 0 of 3 left` });
    await full.waitFor();
    expect(await full.isDisabled()).toBe(true);
    expect(browser.problems).toEqual([]);
  });

  it('creates a customer-selects task for a customer and site created inline', async () => {
    const { page } = browser;
    await page.getByRole('combobox', { name: 'Customer' }).fill('');
    await page.getByRole('button', { name: 'New customer' }).click();
    await page.getByLabel('Customer name').fill('Rosa Delgado');
    await page.getByLabel('Mobile phone').fill('+1 512 555 0199');
    await page.getByLabel('Street address').fill('12 Elm St');
    await page.getByLabel('City').fill('Austin');
    await page.getByLabel('State').fill('TX');
    await page.getByLabel('Postal code').fill('78702');
    await page.getByLabel('Time zone').selectOption('America/Chicago');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await expect.poll(() => page.getByRole('radio', { name: /12 Elm St/ }).isChecked()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Customer' }).inputValue()).toBe('Rosa Delgado');

    await page.getByLabel('Service type').fill('AC tune-up');
    await page.getByRole('radio', { name: /Let the customer choose/ }).check();
    await saveScreenshot(page, 'desktop-tasks-3-new-customer-selects');
    await page.getByRole('button', { name: 'Create task' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/tasks\/[0-9a-f-]{36}$/);

    const [customer] = await server.database.db
      .select()
      .from(schema.customers)
      .where(
        and(eq(schema.customers.organizationId, fixture.org.id), eq(schema.customers.name, 'Rosa Delgado')),
      );
    const created = (await tasksOfOrg()).find((t) => t.customerId === customer!.id);
    expect(created).toMatchObject({
      serviceType: 'AC tune-up',
      schedulingMode: 'customer_selects',
      status: 'unscheduled',
      appointmentDate: null,
    });
    expect(page.url()).toContain(created!.id);
    expect(browser.problems).toEqual([]);
  });

  it('filters by status, and keeps the filter in the URL across a reload', async () => {
    const { page } = browser;
    await openTaskList();
    await listIsReady();
    await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Unscheduled' }).click();
    await expect.poll(rowNumbers).toEqual(['T-1', 'T-6']);
    expect(page.url()).toContain('statuses=unscheduled');
    await page
      .getByRole('group', { name: 'Status' })
      .getByRole('button', { name: 'Scheduled', exact: true })
      .click();
    await expect.poll(rowNumbers).toEqual(['T-2', 'T-3', 'T-4', 'T-5', 'T-1', 'T-6']);
    await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Unscheduled' }).click();
    await expect.poll(rowNumbers).toEqual(['T-2', 'T-3', 'T-4', 'T-5']);

    await page.reload();
    await listIsReady();
    await expect.poll(rowNumbers).toEqual(['T-2', 'T-3', 'T-4', 'T-5']);
    expect(
      await page
        .getByRole('group', { name: 'Status' })
        .getByRole('button', { name: 'Scheduled', exact: true })
        .getAttribute('aria-pressed'),
    ).toBe('true');

    await page.getByLabel('Search').fill('furnace');
    await expect.poll(rowNumbers).toEqual(['T-5']);
    await saveScreenshot(page, 'desktop-tasks-4-filtered');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(rowNumbers).toEqual(['T-2', 'T-3', 'T-4', 'T-5', 'T-1', 'T-6']);
    expect(await page.getByLabel('Search').inputValue()).toBe('');
    expect(browser.problems).toEqual([]);
  });

  it('moves through the list with the arrow keys and opens a task with Enter', async () => {
    const { page } = browser;
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement?.getAttribute("type")')).toBe('search');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const active = page.locator('.tk-task-rows [role="row"][aria-selected="true"]');
    expect(await active.locator('.tk-task-number').textContent()).toBe('T-4');
    await saveScreenshot(page, 'desktop-tasks-5-keyboard');
    await page.keyboard.press('Enter');
    const t4 = (await tasksOfOrg()).find((t) => t.number === 4)!;
    await expect.poll(() => page.url()).toContain(`#/tasks/${t4.id}`);
    expect(browser.problems).toEqual([]);
  });

  it('shows the server’s refusal next to the field and keeps everything typed', async () => {
    const { page } = browser;
    const before = (await tasksOfOrg()).length;
    await openTaskList();
    await listIsReady();
    await page.keyboard.press('n');
    await page.getByRole('combobox', { name: 'Customer' }).fill('Acme');
    await page.getByRole('option', { name: /Acme Bakery/ }).click();
    await page.getByLabel('Service type').fill('   ');
    await page.getByLabel('Description').fill('Rattling noise from the attic unit.');
    await page.getByRole('radio', { name: /Let the customer choose/ }).check();
    await page.getByRole('button', { name: 'Create task' }).click();

    const service = page.getByLabel('Service type');
    await expect.poll(() => service.getAttribute('aria-invalid')).toBe('true');
    const errorId = await service.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(
      'Say what the job is, such as AC repair.',
    );
    expect(await page.getByRole('alert').textContent()).toContain('not saved');
    expect(await page.getByLabel('Description').inputValue()).toBe('Rattling noise from the attic unit.');
    expect(await page.getByRole('combobox', { name: 'Customer' }).inputValue()).toBe('Acme Bakery');
    expect(await page.getByRole('radio', { name: /Let the customer choose/ }).isChecked()).toBe(true);
    expect(await page.getByRole('button', { name: 'Create task' }).isEnabled()).toBe(true);
    expect((await tasksOfOrg()).length).toBe(before);
    await saveScreenshot(page, 'desktop-tasks-6-refused');

    await service.fill('Attic unit noise');
    await page.getByRole('button', { name: 'Create task' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/tasks\/[0-9a-f-]{36}$/);
    expect((await tasksOfOrg()).length).toBe(before + 1);
    // the 400 of the refused save is logged by Chromium; nothing else may be
    expect(browser.problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
  });

  it('edits a task’s service type and technician, with the refusal next to the field and a stale save reloaded', async () => {
    const { page } = browser;
    const [marco] = await server.database.db
      .insert(schema.technicians)
      .values({ organizationId: fixture.org.id, name: 'Marco Tech', phone: '+15125550177' })
      .returning();
    const t5 = (await tasksOfOrg()).find((t) => t.number === 5)!;
    await page.goto(`${server.url}/desktop/#/tasks/${t5.id}`);
    // only the hash changed: reload so the new technician is read, not the cached list
    await page.reload();
    await page.getByRole('heading', { name: 'T-5 · Furnace repair' }).waitFor();
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit T-5 · Acme Bakery' }).waitFor();
    await expect.poll(() => page.url()).toContain(`#/tasks/${t5.id}/edit`);
    const service = page.getByLabel('Service type');
    expect(await service.inputValue()).toBe('Furnace repair');
    expect(await page.getByLabel('Description').inputValue()).toBe('Pilot light keeps going out.');
    await expect.poll(() => page.getByRole('option', { name: 'Marco Tech' }).count()).toBe(1);

    await service.fill('  ');
    await page.getByLabel('Technician').selectOption({ label: 'Marco Tech' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => service.getAttribute('aria-invalid')).toBe('true');
    const errorId = await service.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(
      'Say what the job is, such as AC repair.',
    );
    expect(await page.getByLabel('Technician').inputValue()).toBe(marco!.id);
    expect(await page.getByRole('button', { name: 'Save changes' }).isEnabled()).toBe(true);
    await saveScreenshot(page, 'desktop-tasks-7-edit');

    // someone else changes the task meanwhile: the save is refused, the reload keeps what was typed
    await server.database.db
      .update(schema.tasks)
      .set({ version: t5.version + 1 })
      .where(eq(schema.tasks.id, t5.id));
    await service.fill('Furnace inspection');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('changed by someone else');
    await page.getByRole('button', { name: 'Reload the task' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Reload the task' }).count()).toBe(0);
    expect(await service.inputValue()).toBe('Furnace inspection');
    expect(await page.getByLabel('Technician').inputValue()).toBe(marco!.id);

    await page.getByRole('button', { name: 'Save changes' }).dblclick();
    await expect.poll(() => page.url()).toMatch(/#\/tasks\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'T-5 · Furnace inspection' }).waitFor();
    expect(await page.locator('.task-facts', { hasText: 'Technician' }).textContent()).toContain(
      'Marco Tech',
    );
    const saved = (await tasksOfOrg()).find((t) => t.number === 5)!;
    expect(saved).toMatchObject({
      serviceType: 'Furnace inspection',
      technicianId: marco!.id,
      description: 'Pilot light keeps going out.',
      appointmentDate: tomorrow,
      // the bump, then one write each for the edit and the assignment
      version: t5.version + 3,
    });
    // the refused saves (400 and 409) are logged by Chromium; nothing else may be
    expect(browser.problems.filter((p) => !/status of (400|409)/.test(p))).toEqual([]);
  });
});
