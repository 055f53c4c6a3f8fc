// The custom-field builder against the real server: build a toggle, a dropdown and a required text field,
// reorder by keyboard and by mouse (the saved order follows), see a dropdown without options and a default that
// is not an option refused at their inputs with nothing saved, then as a customer in the portal see Confirm
// wait for the required field, and a retired field disappear.
import { callerFor, createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, type TestBrowser, type TestServer } from '../../portal/e2e/support/browser-harness';
import { openCustomerAppointment } from './support/portal-customer';
import { openSignedInDesktop, startDesktopTestServer } from './support/desktop-harness';

let server: TestServer;
let fx: OrgFixture;
let admin: TestBrowser;
let page: Page;

beforeAll(async () => {
  server = await startDesktopTestServer();
  fx = await createOrgFixture(server.database.db);
  const db = server.database.db;
  // the builder starts empty: the fixture's own field is removed
  await db
    .delete(schema.customFieldDefinitions)
    .where(eq(schema.customFieldDefinitions.organizationId, fx.org.id));
  // the scheduled task waits for the customer's confirmation
  await db
    .update(schema.tasks)
    .set({ confirmationState: 'pending' })
    .where(eq(schema.tasks.id, fx.scheduledTask.id));
  admin = await openSignedInDesktop(server, fx.admin.token, '/admin/fields');
  page = admin.page;
}, 120_000);

afterAll(async () => {
  await admin?.close();
  await server?.close();
});

async function savedLabels(): Promise<string[]> {
  const rows = await server.database.db
    .select({ label: schema.customFieldDefinitions.label })
    .from(schema.customFieldDefinitions)
    .where(
      and(
        eq(schema.customFieldDefinitions.organizationId, fx.org.id),
        isNull(schema.customFieldDefinitions.retiredAt),
      ),
    )
    .orderBy(asc(schema.customFieldDefinitions.sortOrder), asc(schema.customFieldDefinitions.createdAt));
  return rows.map((r) => r.label);
}

const list = () => page.getByRole('list', { name: 'Fields in page order' });
const editor = () => page.locator('form.cf-editor');

async function shownLabels(): Promise<string[]> {
  return list().locator('.cf-row-label').allTextContents();
}

async function startField(kindTitle: string) {
  await page.getByRole('button', { name: 'Add field', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${kindTitle}`) }).click();
  await editor().waitFor();
}

/** The message an input's aria-describedby points at. */
async function messageOf(input: Locator): Promise<string> {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const ids = (await input.getAttribute('aria-describedby'))!.split(' ');
  const texts: string[] = [];
  for (const id of ids) {
    const target = page.locator(`[id="${id}"]`);
    if ((await target.count()) > 0) texts.push((await target.textContent()) ?? '');
  }
  return texts.join(' ');
}

describe('desktop admin custom fields', () => {
  it('builds a toggle, a dropdown and a required text field', async () => {
    await page.getByText('No questions on the appointment page yet.').waitFor();

    await startField('Yes / no switch');
    await editor().getByLabel('Label').fill('Dog on the property');
    await editor().getByLabel('Default value').selectOption('on');
    await editor().getByRole('button', { name: 'Create field' }).click();
    await list().getByText('Dog on the property').waitFor();

    await startField('Dropdown');
    await editor().getByLabel('Label').fill('Where should we park?');
    await editor().getByLabel('Option 1', { exact: true }).fill('Driveway');
    await editor().getByRole('button', { name: 'Add option' }).click();
    await editor().getByLabel('Option 2', { exact: true }).fill('Street');
    await editor().getByLabel('Default value').selectOption('Street');
    // the preview shows the unsaved dropdown with its default already
    await expect
      .poll(() => page.locator('.cf-preview').getByText('Where should we park?').count())
      .toBeGreaterThan(0);
    await editor().getByRole('button', { name: 'Create field' }).click();
    await list().getByText('Where should we park?').waitFor();

    await startField('Free text');
    await editor().getByLabel('Label').fill('Gate code');
    await editor().getByLabel('Description').fill('So the technician can get in.');
    await editor()
      .getByLabel(/Required/)
      .check();
    await editor().getByRole('button', { name: 'Create field' }).click();
    await list().getByText('Gate code').waitFor();

    expect(await savedLabels()).toEqual(['Dog on the property', 'Where should we park?', 'Gate code']);
    const rows = await server.database.db
      .select()
      .from(schema.customFieldDefinitions)
      .where(eq(schema.customFieldDefinitions.organizationId, fx.org.id));
    const byLabel = new Map(rows.map((r) => [r.label, r]));
    expect(byLabel.get('Dog on the property')).toMatchObject({
      kind: 'toggle',
      defaultValue: true,
      required: false,
    });
    expect(byLabel.get('Where should we park?')).toMatchObject({
      kind: 'dropdown',
      options: ['Driveway', 'Street'],
      defaultValue: 'Street',
    });
    expect(byLabel.get('Gate code')).toMatchObject({ kind: 'text', required: true });
    expect(admin.problems).toEqual([]);
  });

  it('reorders by keyboard and by mouse, and the saved order follows', async () => {
    const handle = list().getByRole('button', { name: 'Move Gate code' });
    await handle.focus();
    await handle.press('Space');
    await expect.poll(() => page.getByTestId('cf-announcement').textContent()).toMatch(/Picked up Gate code/);
    await handle.press('ArrowUp');
    await handle.press('ArrowUp');
    await expect.poll(() => page.getByTestId('cf-announcement').textContent()).toMatch(/position 1 of 3/);
    await handle.press('Space');
    await expect.poll(savedLabels).toEqual(['Gate code', 'Dog on the property', 'Where should we park?']);
    await expect.poll(() => page.getByTestId('cf-announcement').textContent()).toMatch(/Order saved/);

    // drag the toggle's row by its handle onto the dropdown's row
    const dogHandle = list().getByRole('button', { name: 'Move Dog on the property' });
    await dogHandle.dragTo(list().locator('.cf-row', { hasText: 'Where should we park?' }));
    await expect.poll(savedLabels).toEqual(['Gate code', 'Where should we park?', 'Dog on the property']);
    await expect.poll(shownLabels).toEqual(['Gate code', 'Where should we park?', 'Dog on the property']);

    await list()
      .getByRole('button', { name: /^Where should we park/ })
      .click();
    await editor().waitFor();
    await saveScreenshot(page, 'desktop-admin-fields');
    await editor().getByRole('button', { name: 'Cancel' }).click();
  });

  it('refuses a dropdown without options and a default that is not an option, at their inputs', async () => {
    const before = await savedLabels();
    await startField('Dropdown');
    await editor().getByLabel('Label').fill('Preferred entrance');
    await editor().getByRole('button', { name: 'Remove option 1' }).click();
    await editor().getByRole('button', { name: 'Create field' }).click();
    const options = editor().getByRole('group', { name: 'Options' });
    await expect.poll(() => options.locator('.field-error').textContent()).toMatch(/at least one option/);
    expect(await savedLabels()).toEqual(before);

    await editor().getByRole('button', { name: 'Add option' }).click();
    await editor().getByLabel('Option 1', { exact: true }).fill('Front door');
    await editor().getByRole('button', { name: 'Add option' }).click();
    await editor().getByLabel('Option 2', { exact: true }).fill('Side gate');
    await editor().getByLabel('Default value').selectOption('Side gate');
    await editor().getByRole('button', { name: 'Remove option Side gate' }).click();
    await editor().getByRole('button', { name: 'Create field' }).click();
    const defaultInput = editor().getByLabel('Default value');
    expect(await messageOf(defaultInput)).toMatch(/default from the dropdown's options/);
    // the refused save kept what was typed
    expect(await editor().getByLabel('Label').inputValue()).toBe('Preferred entrance');
    expect(await editor().getByLabel('Option 1', { exact: true }).inputValue()).toBe('Front door');
    await saveScreenshot(page, 'desktop-admin-fields-error');
    expect(await savedLabels()).toEqual(before);
    // the two refusals are the only console errors (the browser logs every 400 it receives)
    expect(admin.problems).toHaveLength(2);
    expect(admin.problems.every((p) => p.includes('400 (Bad Request)'))).toBe(true);
    admin.problems.length = 0;
    await editor().getByRole('button', { name: 'Cancel' }).click();
  });

  it('tells the admin when someone else changed the field meanwhile, and reloads it', async () => {
    await list()
      .getByRole('button', { name: /^Dog on the property/ })
      .click();
    await editor().getByLabel('Label').fill('Dogs on site');
    const [saved] = await server.database.db
      .select()
      .from(schema.customFieldDefinitions)
      .where(eq(schema.customFieldDefinitions.label, 'Dog on the property'));
    // another admin saves a description first
    await callerFor(server.database.db, fx.admin.token).customFields.update({
      id: saved!.id,
      version: saved!.version,
      description: 'Keep pets inside, please.',
    });
    await editor().getByRole('button', { name: 'Save field' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed these fields' });
    await conflict.waitFor();
    expect(await savedLabels()).toContain('Dog on the property');
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await expect
      .poll(() => editor().getByLabel('Description').inputValue())
      .toBe('Keep pets inside, please.');
    expect(await editor().getByLabel('Label').inputValue()).toBe('Dog on the property');
    expect(await conflict.count()).toBe(0);
    await editor().getByRole('button', { name: 'Cancel' }).click();
    expect(admin.problems.every((p) => p.includes('409 (Conflict)'))).toBe(true);
    admin.problems.length = 0;
  });

  it('makes the portal wait for the required field before Confirm, and drops a retired field', async () => {
    const adminApi = callerFor(server.database.db, fx.admin.token);
    const settings = await adminApi.organization.get();
    await adminApi.organization.update({ version: settings.version, confirmationFlow: true });
    const customer = await openCustomerAppointment(server, {
      orgSlug: fx.org.slug,
      taskId: fx.scheduledTask.id,
      portalSessionToken: fx.portalUser.token,
    });
    try {
      const portal = customer.page;
      const confirm = portal.getByRole('button', { name: 'Confirm appointment' });
      await confirm.waitFor({ timeout: 15_000 });
      expect(await confirm.getAttribute('aria-disabled')).toBe('true');
      await portal.getByLabel(/Where should we park/).waitFor();
      expect(await portal.getByLabel(/Where should we park/).inputValue()).toBe('Street');
      await saveScreenshot(portal, 'portal-fields-required');

      await portal.getByLabel(/Gate code/).fill('4321#');
      await portal.getByLabel(/Gate code/).blur();
      await expect.poll(() => confirm.getAttribute('aria-disabled'), { timeout: 10_000 }).toBe('false');

      // retire the dropdown in the admin screen
      await list()
        .getByRole('button', { name: /^Where should we park/ })
        .click();
      await editor().getByRole('button', { name: 'Retire field…' }).click();
      await page
        .getByRole('alertdialog', { name: 'Confirm retiring' })
        .getByRole('button', { name: 'Retire field' })
        .click();
      await page.getByRole('list', { name: 'Retired fields' }).getByText('Where should we park?').waitFor();
      expect(await savedLabels()).toEqual(['Gate code', 'Dog on the property']);

      await portal.reload();
      await portal.getByLabel(/Gate code/).waitFor();
      expect(await portal.getByLabel(/Where should we park/).count()).toBe(0);
      expect(await portal.getByText(/Dog on the property/).count()).toBeGreaterThan(0);
      expect(customer.problems).toEqual([]);
    } finally {
      await customer.close();
    }
    expect(admin.problems).toEqual([]);
  });
});
