// The desktop renderer in a desktop-sized Chromium: a staff user signs in with real credentials and out again.
import { createTestOrganization } from '@portico/api/test-support';
import { hashPassword } from '@portico/auth';
import { schema } from '@portico/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openBrowser,
  saveScreenshot,
  type TestBrowser,
  type TestServer,
} from '../../portal/e2e/support/browser-harness';
import { startDesktopTestServer, TOKEN_KEY } from './support/desktop-harness';

const EMAIL = 'dana@acme-hvac.test';
const PASSWORD = 'correct horse battery staple';
let server: TestServer;
let browser: TestBrowser;
let staffUserId: string;

beforeAll(async () => {
  // The renderer-only browser build (the Electron binary cannot run here), served by the test's server.
  server = await startDesktopTestServer();
  const org = await createTestOrganization(server.database.db, {
    name: 'Acme Heating & Air',
    slug: 'acme-hvac',
  });
  const [user] = await server.database.db
    .insert(schema.staffUsers)
    .values({
      organizationId: org.id,
      email: EMAIL,
      name: 'Dana Dispatcher',
      role: 'dispatcher',
      passwordHash: await hashPassword(PASSWORD),
    })
    .returning();
  staffUserId = user!.id;
  browser = await openBrowser({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function liveSessionCount(): Promise<number> {
  const rows = await server.database.db
    .select({ id: schema.sessions.id })
    .from(schema.sessions)
    .where(eq(schema.sessions.staffUserId, staffUserId));
  return rows.length;
}

function storedToken(): Promise<unknown> {
  return browser.page.evaluate(`sessionStorage.getItem(${JSON.stringify(TOKEN_KEY)})`);
}

describe('desktop sign-in', () => {
  it('shows the sign-in screen to someone without a session', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/desktop/`);
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await saveScreenshot(page, 'desktop-sign-in');
    expect(browser.problems).toEqual([]);
  });

  it('refuses a wrong password with the server’s message and no session', async () => {
    const { page } = browser;
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('Email or password is incorrect.');
    expect(await liveSessionCount()).toBe(0);
    expect(await storedToken()).toBeNull();
    await saveScreenshot(page, 'desktop-sign-in-refused');
    // The 401 itself is logged by Chromium; nothing else may be.
    expect(browser.problems.filter((p) => !p.includes('status of 401'))).toEqual([]);
    browser.problems.length = 0;
  });

  it('checks the form before asking the server', async () => {
    const { page } = browser;
    await page.getByLabel('Email').fill('dana-at-acme');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await liveSessionCount()).toBe(0);
  });

  it('signs in with the real credentials and shows who is signed in, to which organization', async () => {
    const { page } = browser;
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.locator('.top-bar').textContent()).toContain('Acme Heating & Air');
    expect(await page.locator('.top-bar-name').textContent()).toBe('Dana Dispatcher');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tasks');
    expect(await liveSessionCount()).toBe(1);
    expect(await storedToken()).toMatch(/^[a-z2-7]+\.[a-z2-7]+$/);
    await saveScreenshot(page, 'desktop-signed-in');
    expect(browser.problems).toEqual([]);
  });

  it('shows a dispatcher no Admin area: no link, no Alt+7, and its address leads back to the tasks', async () => {
    const { page } = browser;
    expect(await page.locator('.side-nav').getByRole('link', { name: /Admin/ }).count()).toBe(0);
    await page.keyboard.press('Alt+7');
    await page.goto(`${server.url}/desktop/#/admin/branding`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tasks');
    expect(page.url()).toContain('#/tasks');
    expect(await page.getByRole('heading', { name: 'Branding' }).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('keeps the session across a reload (the stored token is checked with auth.me)', async () => {
    const { page } = browser;
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tasks');
    expect(await page.locator('.top-bar-name').textContent()).toBe('Dana Dispatcher');
    expect(browser.problems).toEqual([]);
  });

  it('sends a user whose session was revoked back to sign-in, and lets them sign in again', async () => {
    const { page } = browser;
    await server.database.db.delete(schema.sessions).where(eq(schema.sessions.staffUserId, staffUserId));
    await page.reload();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Your session has ended. Sign in again.');
    await expect.poll(storedToken).toBeNull();

    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tasks');
    expect(await page.locator('.top-bar-name').textContent()).toBe('Dana Dispatcher');
    expect(await liveSessionCount()).toBe(1);
    // auth.me's 401 for the revoked token is logged by Chromium; nothing else may be.
    expect(browser.problems.filter((p) => !p.includes('status of 401'))).toEqual([]);
    browser.problems.length = 0;
  });

  it('signs out: the session ends on the server and the token is forgotten', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    expect(await liveSessionCount()).toBe(0);
    expect(await storedToken()).toBeNull();
    await saveScreenshot(page, 'desktop-signed-out');

    await page.reload();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    expect(browser.problems).toEqual([]);
  });
});
