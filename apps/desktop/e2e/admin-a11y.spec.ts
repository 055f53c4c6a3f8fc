// Every Admin section at 1440x900 against the real server, checked by axe-core: no serious or critical WCAG 2 A/AA
// violation on any of them, with the data a real organization has (the fixture's fields, staff, templates).
import { callerFor, createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  type TestBrowser,
  type TestServer,
} from '../../portal/e2e/support/browser-harness';
import { openSignedInDesktop, startDesktopTestServer } from './support/desktop-harness';

const sections = [
  { path: '/admin/branding', heading: 'Branding' },
  { path: '/admin/labels', heading: 'Portal wording' },
  { path: '/admin/notifications', heading: 'Notifications' },
  { path: '/admin/policies', heading: 'Portal policies' },
  { path: '/admin/fields', heading: 'Custom fields' },
  { path: '/admin/staff', heading: 'Staff' },
  { path: '/admin/audit', heading: 'Audit log' },
] as const;

let server: TestServer;
let fx: OrgFixture;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startDesktopTestServer();
  fx = await createOrgFixture(server.database.db);
  // something in the audit log
  const admin = callerFor(server.database.db, fx.admin.token);
  const settings = await admin.organization.get();
  await admin.organization.update({ version: settings.version, primaryColor: '#0b7a5c' });
  browser = await openSignedInDesktop(server, fx.admin.token, '/admin/branding');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('admin sections are accessible', () => {
  for (const section of sections) {
    it(`${section.heading}: no serious or critical axe violations`, async () => {
      const { page } = browser;
      await page.goto(`${server.url}/desktop/#${section.path}`);
      await page.getByRole('heading', { name: section.heading, level: 2 }).waitFor();
      // settled: nothing still loading
      await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(browser.problems).toEqual([]);
    });
  }
});
