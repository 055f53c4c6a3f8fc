// The Settings screen in a desktop-sized Chromium: the browser build explains its server; with a stand-in for
// Electron's bridge, the server form checks addresses like main does, saves an origin and starts afresh.
import { createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openBrowser,
  saveScreenshot,
  type TestBrowser,
  type TestServer,
} from '../../portal/e2e/support/browser-harness';
import { startDesktopTestServer, TOKEN_KEY } from './support/desktop-harness';

let server: TestServer;
let browser: TestBrowser;
let fixture: OrgFixture;

beforeAll(async () => {
  server = await startDesktopTestServer();
  fixture = await createOrgFixture(server.database.db);
  browser = await openBrowser({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * What main does, played in the page: the window.desktop contract with a server setting that keeps the
 * calls it received (in sessionStorage, so they survive the reload that follows a change).
 */
function electronBridgeStandIn(token: string): string {
  return `(() => {
    const TOKEN_KEY = ${JSON.stringify(TOKEN_KEY)};
    if (sessionStorage.getItem('stand-in.started') === null) {
      sessionStorage.setItem('stand-in.started', '1');
      sessionStorage.setItem(TOKEN_KEY, ${JSON.stringify(token)});
    }
    const calls = () => JSON.parse(sessionStorage.getItem('stand-in.calls') ?? '[]');
    window.desktop = {
      getServerUrl: () => Promise.resolve(location.origin),
      getToken: () => Promise.resolve(sessionStorage.getItem(TOKEN_KEY)),
      setToken: (t) => Promise.resolve(sessionStorage.setItem(TOKEN_KEY, t)),
      clearToken: () => Promise.resolve(sessionStorage.removeItem(TOKEN_KEY)),
      setServerUrl: (url) => {
        sessionStorage.setItem('stand-in.calls', JSON.stringify([...calls(), url]));
        // main forgets the old server's token; the app shows sign-in after the reload.
        sessionStorage.removeItem(TOKEN_KEY);
        return Promise.resolve();
      },
      notify: () => Promise.resolve(),
      getAppInfo: () => Promise.resolve({
        runtime: 'electron', version: '1.2.3', isTokenEncrypted: true, isServerUrlFromEnvironment: false,
      }),
      onOpenTask: () => () => {},
      onNavigate: () => () => {},
    };
  })();`;
}

describe('desktop settings in a browser', () => {
  it('shows the page’s own server, the session and that this is the browser preview', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/desktop/`);
    await page.evaluate(
      `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(fixture.dispatcher.token)})`,
    );
    await page.goto(`${server.url}/desktop/#/settings`);
    // Only the hash changed: reload, so the app starts with the stored session.
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('server-url').textContent()).toBe(new URL(server.url).origin);
    expect(await page.locator('.settings-server').textContent()).toContain(
      'server this page was opened from',
    );
    expect(await page.getByLabel('Server address').count()).toBe(0);
    await expect.poll(() => page.getByTestId('app-version').textContent()).toContain('Browser preview');
    const session = await page.getByRole('region', { name: 'Session' }).textContent();
    expect(session).toContain('In this browser tab only');
    expect(session).toMatch(/Ends at the latest.*\d{4}/);
    await saveScreenshot(page, 'desktop-settings-1');
    expect(browser.problems).toEqual([]);
  });
});

describe('desktop settings with the Electron bridge', () => {
  it('checks the address like main does, keeps what was typed, and saves an origin then starts afresh', async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.addInitScript(electronBridgeStandIn(fixture.dispatcher.token));
    await page.goto(`${server.url}/desktop/#/settings`);
    const input = page.getByLabel('Server address');
    await expect.poll(() => input.inputValue()).toBe(new URL(server.url).origin);
    expect(await page.getByTestId('app-version').textContent()).toBe('1.2.3');
    expect(await page.getByRole('region', { name: 'Session' }).textContent()).toContain('system keychain');
    const save = page.getByRole('button', { name: 'Save and reconnect' });
    expect(await save.isDisabled()).toBe(true);

    // Plain http to another machine is refused next to the field, and the text stays.
    await input.fill('http://portico.example.com');
    await input.press('Enter');
    const error = page.locator('.settings-server .field-error');
    await expect.poll(() => error.textContent()).toContain('Use https for a server on another machine');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.inputValue()).toBe('http://portico.example.com');
    await saveScreenshot(page, 'desktop-settings-2');

    await input.fill('https://portico.example.com/trpc');
    await save.click();
    await expect.poll(() => error.textContent()).toContain('without a path: https://portico.example.com');

    // Escape puts the current server back.
    await input.press('Escape');
    await expect.poll(() => input.inputValue()).toBe(new URL(server.url).origin);
    expect(await error.count()).toBe(0);

    await input.fill('  https://Portico.Example.com/  ');
    await save.click();
    // Reloaded with no session (main forgot the old server's token): the sign-in screen.
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    expect(await page.evaluate(`JSON.parse(sessionStorage.getItem('stand-in.calls'))`)).toEqual([
      'https://portico.example.com',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
