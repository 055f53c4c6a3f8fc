// The portal shell in a phone-sized Chromium, served by the real server at /p/.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  horizontalOverflow,
  openBrowser,
  repoRoot,
  requireBuild,
  saveScreenshot,
  startTestServer,
  type TestBrowser,
  type TestServer,
} from './support/browser-harness';

const PLACEHOLDER = 'Your appointments will appear here after you sign in';

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  requireBuild(path.join(repoRoot, 'apps/portal/dist'), 'pnpm --filter @portico/portal build');
  server = await startTestServer();
  browser = await openBrowser({ viewport: { width: 390, height: 844 }, isMobile: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('portal shell', () => {
  it('shows the signed-out placeholder at /p/, fitting a phone screen', async () => {
    const { page } = browser;
    const response = await page.goto(`${server.url}/p/`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(PLACEHOLDER);
    expect(await page.title()).toBe('Your appointments');
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, 'portal-landing');
    expect(browser.problems).toEqual([]);
  });

  it('answers the address of an organization that does not exist with the not-found page', async () => {
    const { page } = browser;
    const response = await page.goto(`${server.url}/p/acme-hvac`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    // the refused organization lookup is the only problem logged
    expect(browser.problems.every((p) => p.includes('404'))).toBe(true);
    browser.problems.length = 0;
  });

  it('answers an unknown address with the not-found page, which leads back to the start', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/p/acme-hvac/no/such/page`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, 'portal-not-found');

    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(PLACEHOLDER);
    expect(new URL(page.url()).pathname).toMatch(/^\/p\/?$/);
    expect(browser.problems).toEqual([]);
  });

  it('treats an address that cannot be an organization as not found', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/p/Not_An-Org!`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(browser.problems).toEqual([]);
  });
});
