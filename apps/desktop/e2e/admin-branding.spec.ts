// Admin › Branding, Portal wording and Portal policies in a desktop-sized Chromium against the real server, with
// a customer's phone on the portal beside it: saved colors, wording, logo and policies reach the portal; bad
// input is refused next to its field with nothing saved; a stale save by a second admin is told, not applied.
import { callerFor, createOrgFixture, createTestStaff, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openBrowser,
  repoRoot,
  requireBuild,
  saveScreenshot,
  type TestBrowser,
  type TestServer,
} from '../../portal/e2e/support/browser-harness';
import { openCustomerAppointment } from './support/portal-customer';
import { openSignedInDesktop, startDesktopTestServer } from './support/desktop-harness';

/** A 1×1 PNG. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let server: TestServer;
let fx: OrgFixture;
let secondAdmin: { token: string };
let admin: TestBrowser;
let customer: TestBrowser;
let taskId: string;

function localDate(timeZone: string, offsetDays: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + offsetDays);
  return day.toISOString().slice(0, 10);
}

beforeAll(async () => {
  requireBuild(path.join(repoRoot, 'apps/portal/dist'), 'pnpm --filter @portico/portal build');
  server = await startDesktopTestServer();
  const { db } = server.database;
  fx = await createOrgFixture(db);
  secondAdmin = await createTestStaff(db, fx.org.id, 'admin');
  await db
    .update(schema.organizations)
    .set({
      name: 'Northwind Heating',
      officePhone: '+15125550100',
      confirmationFlow: true,
      nextTaskNumber: 4,
    })
    .where(eq(schema.organizations.id, fx.org.id));
  // a visit five days out, so the default cut-off leaves it changeable and Cancel on offer
  const date = localDate(fx.org.timeZone, 5);
  const [task] = await db
    .insert(schema.tasks)
    .values({
      organizationId: fx.org.id,
      number: 3,
      customerId: fx.customer.id,
      siteId: fx.site.id,
      serviceType: 'Furnace tune-up',
      status: 'scheduled',
      schedulingMode: 'prebooked',
      appointmentDate: date,
      windowId: fx.morning.id,
      appointmentStart: new Date(`${date}T14:00:00Z`),
      appointmentEnd: new Date(`${date}T18:00:00Z`),
      appointmentVersion: 1,
      confirmationState: 'pending',
    })
    .returning();
  taskId = task!.id;
  admin = await openSignedInDesktop(server, fx.admin.token, '/admin/branding');
  // leaving a screen with unsaved edits asks first; these tests always mean to leave
  admin.page.on('dialog', (dialog) => void dialog.accept());
  customer = await openCustomerAppointment(server, {
    orgSlug: fx.org.slug,
    taskId,
    portalSessionToken: fx.portalUser.token,
  });
});

afterAll(async () => {
  await customer?.close();
  await admin?.close();
  await server?.close();
});

const settingsNow = () => callerFor(server.database.db, fx.admin.token).organization.get();
const appointmentUrl = () => `${server.url}/p/${fx.org.slug}/appointments/${taskId}`;

/** Opens an Admin section the way a person does, from the sections list. */
async function openAdmin(page: Page, heading: string) {
  await page.getByRole('navigation', { name: 'Admin settings' }).getByRole('link', { name: heading }).click();
  await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Save' }).waitFor();
}

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.locator('.as-save-state').textContent()).toBe('Saved');
}

const backgroundOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    // the callback runs in the page, where the DOM is (this file is type-checked without the DOM lib)
    .evaluate(
      (el) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
        ).getComputedStyle(el).backgroundColor,
    );

describe('admin branding, wording and policies', () => {
  it('saves a new primary color and a wording, and the customer’s portal shows both', async () => {
    const { page } = admin;
    await openAdmin(page, 'Branding');
    const primary = page.getByRole('textbox', { name: /^Primary color(?! picker)/ });
    await primary.fill('#0b6e4f');
    // the preview follows the typing, before any save
    await expect.poll(() => backgroundOf(page, '.pv-step-current .pv-timeline-dot')).toBe('rgb(11, 110, 79)');
    expect(await page.getByText('Sample appointment').isVisible()).toBe(true);
    // a pale accent gets the one-line contrast explanation
    await page.getByRole('textbox', { name: /^Accent color(?! picker)/ }).fill('#ffe680');
    await expect.poll(() => page.getByText(/never writes text in the accent/).isVisible()).toBe(true);
    await save(page);
    expect((await settingsNow()).primaryColor).toBe('#0b6e4f');
    // a pale primary is explained too (not saved)
    await primary.fill('#ffd54f');
    await expect
      .poll(() => page.getByText(/White button text on this color reaches only/).isVisible())
      .toBe(true);
    await saveScreenshot(page, 'desktop-admin-branding');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await primary.inputValue()).toBe('#0b6e4f');

    await openAdmin(page, 'Portal wording');
    const windowLabel = page.getByLabel(/^Arrival window/);
    await windowLabel.fill('Your arrival time');
    await expect.poll(() => page.locator('.pv-highlight').textContent()).toBe('Your arrival time');
    expect(await page.getByText('Changed', { exact: true }).count()).toBe(1);
    await windowLabel.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'desktop-admin-labels');
    await page.getByLabel('Find a wording').fill('cancel');
    await expect.poll(() => page.locator('.as-label-row').count()).toBe(1);
    await page.getByLabel('Find a wording').fill('');
    await save(page);
    expect((await settingsNow()).labels).toEqual({ 'appointment.window': 'Your arrival time' });

    await customer.page.goto(appointmentUrl());
    await customer.page.getByRole('heading', { name: 'Your arrival time' }).waitFor();
    await expect
      .poll(() => backgroundOf(customer.page, '.step-current .timeline-dot'))
      .toBe('rgb(11, 110, 79)');
    expect(admin.problems).toEqual([]);
  });

  it('uploads a small PNG to the preview and the portal, and refuses a GIF and a fake PNG next to the field', async () => {
    const { page } = admin;
    await openAdmin(page, 'Branding');
    const fileInput = page.getByLabel(/Upload a logo|Replace the logo/);
    await fileInput.setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: TINY_PNG });
    await expect
      .poll(() => page.locator('.field-error').textContent())
      .toBe('Use a PNG, JPEG or SVG image for the logo.');
    // named .png but not one: the server reads the bytes and refuses
    await fileInput.setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('GIF89a not a png'),
    });
    await expect.poll(() => page.locator('.field-error').count()).toBe(1);
    const refusal = await page.locator('.field-error').textContent();
    expect(refusal).not.toBe('Use a PNG, JPEG or SVG image for the logo.');
    expect((await settingsNow()).logoUrl).toBeNull();

    await fileInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: TINY_PNG });
    await expect.poll(() => page.locator('.pv-brand-logo').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.field-error').count()).toBe(0);
    const logoUrl = (await settingsNow()).logoUrl;
    expect(logoUrl).toMatch(/^\/files\//);
    expect(await page.locator('.pv-brand-logo').getAttribute('src')).toBe(`${server.url}${logoUrl}`);
    await customer.page.goto(appointmentUrl());
    await expect
      .poll(() =>
        customer.page
          .locator('.brand-logo')
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(1);
    await saveScreenshot(customer.page, 'portal-after-branding');
  });

  it('switches cancelling to “call us” and sign-in to the link alone, and the portal follows', async () => {
    const { page } = admin;
    await openAdmin(page, 'Portal policies');
    await page.getByRole('radio', { name: 'Call us' }).check();
    await page
      .getByLabel('Message shown instead')
      .fill('To cancel, please call us so we can offer another time.');
    await page.getByLabel('Phone number to call').fill('512 555 0199');
    await expect
      .poll(() => page.getByTestId('preview-call-us').textContent())
      .toContain('To cancel, please call us so we can offer another time.');
    await page.getByRole('radio', { name: 'The link alone' }).check();
    await page.getByRole('heading', { name: 'Portal policies', level: 2 }).scrollIntoViewIfNeeded();
    await page.locator('.pv-screen').evaluate((el) => {
      const box = el as unknown as { scrollTop: number; scrollHeight: number };
      box.scrollTop = box.scrollHeight;
    });
    await saveScreenshot(page, 'desktop-admin-policies');
    await save(page);
    const saved = await settingsNow();
    expect(saved).toMatchObject({ cancelPolicy: 'call', cancelPhone: '+15125550199', loginMode: 'link' });

    await customer.page.goto(appointmentUrl());
    await customer.page.getByRole('button', { name: 'Cancel appointment' }).click();
    const dialog = customer.page.getByRole('dialog');
    await dialog.getByText('To cancel, please call us so we can offer another time.').waitFor();
    expect(await dialog.getByRole('link', { name: 'Call (512) 555-0199' }).getAttribute('href')).toBe(
      'tel:+15125550199',
    );
    await saveScreenshot(customer.page, 'portal-after-policies');

    // someone signed out, asking for access, is now offered a new link, not a code
    const visitor = await openBrowser({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      await visitor.page.goto(`${server.url}/p/${fx.org.slug}/sign-in`);
      await visitor.page.getByRole('button', { name: 'Send me a link' }).waitFor();
      expect(await visitor.page.getByRole('button', { name: 'Send me a code' }).count()).toBe(0);
    } finally {
      await visitor.close();
    }
  });

  it('refuses an invalid color and a negative cut-off next to the field, and saves nothing', async () => {
    const { page } = admin;
    const before = await settingsNow();
    await openAdmin(page, 'Portal policies');
    const cutoff = page.getByLabel(/^Reschedule cut-off/);
    await cutoff.fill('-5');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.field-error').textContent())
      .toBe("The reschedule cut-off can't be negative; use 0 to allow rescheduling until the window starts.");
    expect(await cutoff.getAttribute('aria-invalid')).toBe('true');
    expect(await cutoff.inputValue()).toBe('-5');
    await page.getByRole('button', { name: 'Discard changes' }).click();

    await openAdmin(page, 'Branding');
    const primary = page.getByRole('textbox', { name: /^Primary color(?! picker)/ });
    await primary.fill('#12345g');
    await expect.poll(() => page.locator('.field-error').textContent()).toBe('Use a color like #1f6feb.');
    const answered = page.waitForResponse((response) => response.url().includes('organization.update'));
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await answered).status()).toBe(400);
    expect(await page.locator('.field-error').textContent()).toBe('Use a color like #1f6feb.');
    expect(await primary.inputValue()).toBe('#12345g');
    const after = await settingsNow();
    expect(after.version).toBe(before.version);
    expect(after.primaryColor).toBe(before.primaryColor);
    expect(after.rescheduleCutoffHours).toBe(before.rescheduleCutoffHours);
    await page.getByRole('button', { name: 'Discard changes' }).click();
  });

  it('tells the second admin that someone else saved first, and keeps their edit through the reload', async () => {
    const { page } = admin;
    const other = await openSignedInDesktop(server, secondAdmin.token, '/admin/policies');
    other.page.on('dialog', (dialog) => void dialog.accept());
    try {
      await other.page.getByRole('heading', { name: 'Portal policies', level: 2 }).waitFor();
      await other.page.getByLabel(/^Reschedule cut-off/).waitFor();
      await openAdmin(page, 'Portal policies');
      await page.getByLabel(/^Reschedule cut-off/).fill('12');
      await save(page);
      expect((await settingsNow()).rescheduleCutoffHours).toBe(12);

      const theirs = other.page.getByLabel(/^Reschedule cut-off/);
      await theirs.fill('30');
      await other.page.getByRole('button', { name: 'Save' }).click();
      await other.page.getByText('Someone else changed these settings').waitFor();
      expect((await settingsNow()).rescheduleCutoffHours).toBe(12);
      await saveScreenshot(other.page, 'desktop-admin-conflict');

      await other.page.getByRole('button', { name: 'Reload' }).click();
      await other.page
        .getByText(/Reloaded the latest settings\. They changed: reschedule cut-off\./)
        .waitFor();
      expect(await theirs.inputValue()).toBe('30');
      await save(other.page);
      expect((await settingsNow()).rescheduleCutoffHours).toBe(30);
    } finally {
      await other.close();
    }
  });
});
