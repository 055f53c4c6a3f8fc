// The Staff and Audit log screens against the real server and job worker: invite a dispatcher (the email reaches
// the Resend stand-in through the real SDK), who sets a password from the link and signs in to the desktop app;
// the row then shows Active with a last sign-in. Change a role (the last admin cannot be demoted), disable the
// signed-in dispatcher (their next API call answers UNAUTHORIZED), and read those changes in the audit log.
import { createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openBrowser,
  repoRoot,
  requireBuild,
  saveScreenshot,
  type TestBrowser,
  type TestServer,
} from '../../portal/e2e/support/browser-harness';
import path from 'node:path';
import { openSignedInDesktop, startDesktopTestServer, TOKEN_KEY } from './support/desktop-harness';

const EMAIL = 'dana.dispatch@northwind.example';
const PASSWORD = 'kettle-river-lantern-42';

let server: TestServer;
let fx: OrgFixture;
let admin: TestBrowser;
let page: Page;
/** The invited dispatcher's own browser (signed in to the desktop app once she accepted). */
let dana: TestBrowser;

beforeAll(async () => {
  requireBuild(path.join(repoRoot, 'apps/portal/dist'), 'pnpm --filter @portico/portal build');
  server = await startDesktopTestServer({ withJobs: true });
  fx = await createOrgFixture(server.database.db);
  await server.database.db
    .update(schema.organizations)
    .set({ name: 'Northwind Heating', timeZone: 'America/Denver' })
    .where(eq(schema.organizations.id, fx.org.id));
  admin = await openSignedInDesktop(server, fx.admin.token, '/admin/staff');
  page = admin.page;
  dana = await openBrowser({ viewport: { width: 1440, height: 900 } });
}, 120_000);

afterAll(async () => {
  await dana?.close();
  await admin?.close();
  await server?.close();
});

const table = () => page.getByRole('table', { name: 'Staff users' });
const rowOf = (email: string): Locator => table().locator(`tr[data-staff-email="${email}"]`);

async function staffRow(email: string) {
  const [row] = await server.database.db
    .select()
    .from(schema.staffUsers)
    .where(eq(schema.staffUsers.email, email));
  return row!;
}

/** Waits for the invitation email to `to` and answers its link. */
async function invitationLink(to: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mail = server.email!.deliveries.find((d) => d.to.includes(to));
    if (mail) {
      const match = /(https?:\/\/\S+\/staff-invite\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
      if (!match) throw new Error(`no invitation link in: ${mail.text}`);
      return match[1]!;
    }
    if (Date.now() > deadline) throw new Error(`no invitation email to ${to} within 30 s`);
    server.jobs?.relay?.wake();
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Calls auth.me with the token Dana's desktop app keeps, answering the HTTP status and tRPC error code. */
async function danaCallsTheApi(): Promise<{ status: number; code: string | null }> {
  return dana.page.evaluate(async (key) => {
    const token = sessionStorage.getItem(key);
    const response = await fetch('/trpc/auth.me', { headers: { Authorization: `Bearer ${token}` } });
    type ErrorData = { data?: { code?: string } };
    const body = (await response.json()) as { error?: ErrorData & { json?: ErrorData } };
    // the wire transformer wraps the error in `json`; read it either way
    const code = body.error?.json?.data?.code ?? body.error?.data?.code ?? null;
    return { status: response.status, code };
  }, TOKEN_KEY);
}

describe('desktop admin staff and audit', () => {
  it('lists the staff; the signed-in admin cannot disable themselves', async () => {
    await rowOf(fx.admin.id ? (await staffRowById(fx.admin.id)).email : '').waitFor();
    const self = rowOf((await staffRowById(fx.admin.id)).email);
    expect(await self.getByText('(you)').isVisible()).toBe(true);
    expect(await self.getByRole('button', { name: /Disable/ }).count()).toBe(0);
    const dispatcher = rowOf((await staffRowById(fx.dispatcher.id)).email);
    expect(await dispatcher.getByTestId('staff-status').textContent()).toBe('Active');
    expect(await dispatcher.getByTestId('staff-last-sign-in').textContent()).toBe('Never');
  });

  it('refuses an invite with a bad email at its field, then invites a dispatcher by email', async () => {
    await page.getByRole('button', { name: 'Invite staff' }).click();
    const form = page.getByRole('form', { name: 'Invite a staff user' });
    await form.getByLabel('Name').fill('Dana Dispatch');
    await form.getByLabel('Email').fill('dana-at-northwind');
    await form.getByRole('button', { name: 'Send invite' }).click();
    const email = form.getByLabel('Email');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field-error').textContent()).toMatch(/email address like/);
    expect(await form.getByLabel('Name').inputValue()).toBe('Dana Dispatch');
    admin.problems.length = 0; // the browser logs the refused request's 400

    await email.fill(EMAIL);
    await form.getByLabel('Role').selectOption('dispatcher');
    await form.getByRole('button', { name: 'Send invite' }).click();
    await page.getByRole('status').getByText(`Invite sent to ${EMAIL}.`).waitFor();
    const row = rowOf(EMAIL);
    expect(await row.getByTestId('staff-status').textContent()).toBe('Invited');
    expect(await row.getByRole('button', { name: 'Resend invite' }).isVisible()).toBe(true);
    expect((await staffRow(EMAIL)).status).toBe('invited');
    expect(await invitationLink(EMAIL)).toContain(`/p/${fx.org.slug}/staff-invite/`);
  });

  it('the invited dispatcher sets a password from the link and signs in; the row shows Active', async () => {
    const link = await invitationLink(EMAIL);
    await dana.page.goto(link);
    await dana.page.getByLabel('New password').fill(PASSWORD);
    await dana.page.getByLabel('Confirm password').fill(PASSWORD);
    await dana.page.getByRole('button', { name: 'Set password' }).click();
    await expect
      .poll(() => dana.page.getByRole('status').first().textContent())
      .toMatch(/Your account is ready/);

    await dana.page.goto(`${server.url}/desktop/`);
    await dana.page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await dana.page.getByLabel('Email').fill(EMAIL);
    await dana.page.getByLabel('Password').fill(PASSWORD);
    await dana.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => danaCallsTheApi()).toEqual({ status: 200, code: null });

    await page.reload();
    const row = rowOf(EMAIL);
    await expect.poll(() => row.getByTestId('staff-status').textContent()).toBe('Active');
    const lastSignIn = (await staffRow(EMAIL)).lastSignInAt!;
    const expected = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'America/Denver',
    }).format(lastSignIn);
    expect(await row.getByTestId('staff-last-sign-in').textContent()).toBe(expected);
    expect(await row.getByRole('button', { name: 'Resend invite' }).count()).toBe(0);
  });

  it('changes a role, and shows why the last admin cannot be demoted', async () => {
    const adminEmail = (await staffRowById(fx.admin.id)).email;
    await rowOf(adminEmail).getByRole('combobox').selectOption('dispatcher');
    await expect.poll(() => rowOf(adminEmail).getByRole('alert').textContent()).toMatch(/admin/i);
    expect((await staffRowById(fx.admin.id)).role).toBe('admin');
    await expect.poll(() => rowOf(adminEmail).getByRole('combobox').inputValue()).toBe('admin');
    admin.problems.length = 0;

    const dispatcherEmail = (await staffRowById(fx.dispatcher.id)).email;
    await rowOf(dispatcherEmail).getByRole('combobox').selectOption('admin');
    await rowOf(dispatcherEmail)
      .getByRole('status')
      .getByText(/is now an admin/)
      .waitFor();
    expect((await staffRowById(fx.dispatcher.id)).role).toBe('admin');
  });

  it('disables the signed-in dispatcher after a confirm that says it signs them out; their session ends', async () => {
    const row = rowOf(EMAIL);
    await row.getByRole('button', { name: 'Disable…' }).click();
    const confirm = row.getByRole('alertdialog');
    expect(await confirm.textContent()).toMatch(/signs Dana Dispatch out everywhere now/);
    await confirm.getByRole('button', { name: 'Disable and sign out' }).click();
    await expect.poll(() => row.getByTestId('staff-status').textContent()).toBe('Disabled');
    expect((await staffRow(EMAIL)).status).toBe('disabled');
    expect(await danaCallsTheApi()).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    expect(await row.getByRole('button', { name: 'Enable' }).isVisible()).toBe(true);
    await saveScreenshot(page, 'desktop-admin-staff');
    expect(admin.problems).toEqual([]);
  });

  it('lists those changes in the audit log, newest first, from → to', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    const adminName = (await staffRowById(fx.admin.id)).name;
    const dispatcherName = (await staffRowById(fx.dispatcher.id)).name;
    const what = async () => rows.locator('.au-what').allTextContents();
    // newest first: the disable, the role change, the invitation accepted, the invite
    await expect
      .poll(async () => (await what()).slice(0, 4))
      .toEqual([
        `${adminName} disabled staff user “Dana Dispatch”`,
        `${adminName} changed staff user “${dispatcherName}”`,
        `Dana Dispatch accepted the invitation of staff user “Dana Dispatch”`,
        `${adminName} invited staff user “Dana Dispatch”`,
      ]);
    const changesOf = async (index: number) =>
      (await rows.nth(index).locator('.au-changes tr').allInnerTexts()).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      );
    expect(await changesOf(0)).toEqual(['Status Active → Disabled']);
    expect(await changesOf(1)).toEqual(['Role Dispatcher → Admin']);
    expect(await changesOf(3)).toContain('Email — → dana.dispatch@northwind.example');

    // the filter narrows to one kind
    await page.getByLabel('Kind').selectOption('custom_field');
    await page.getByText('No changes recorded for custom field yet.').waitFor();
    await page.getByLabel('Kind').selectOption('staff_user');
    await rows.first().waitFor();
    await saveScreenshot(page, 'desktop-admin-audit');
    expect(admin.problems).toEqual([]);
  });

  it('pages with Load more and shows colors, switches, long text and nothing in plain words', async () => {
    const db = server.database.db;
    const older = Array.from({ length: 30 }, (_, i) => ({
      organizationId: fx.org.id,
      actorType: 'system' as const,
      actorId: null,
      entityType: 'organization',
      entityId: fx.org.id,
      action: 'update',
      changes: { rescheduleCutoffHours: { from: i, to: i + 1 } },
    }));
    await db.insert(schema.auditEvents).values(older);
    const longMessage = `Please call us to cancel. ${'We are open weekdays from 8 to 5. '.repeat(4)}`.trim();
    await db.insert(schema.auditEvents).values({
      organizationId: fx.org.id,
      actorType: 'staff',
      actorId: fx.admin.id,
      entityType: 'organization',
      entityId: fx.org.id,
      action: 'update',
      changes: {
        primaryColor: { from: '#0B5CAD', to: '#ffd54f' },
        confirmationFlow: { from: false, to: true },
        cancelMessage: { from: null, to: longMessage },
      },
    });
    await page.getByLabel('Kind').selectOption('');
    await page.reload();
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBe(25);
    const newest = rows.first();
    expect(await newest.locator('.au-what').textContent()).toBe(
      `${(await staffRowById(fx.admin.id)).name} changed organization settings “Northwind Heating”`,
    );
    const color = newest.getByRole('row', { name: /Primary color/ });
    expect(await color.locator('code').allTextContents()).toEqual(['#0b5cad', '#ffd54f']);
    const swatches = color.locator('.au-swatch');
    expect(await swatches.nth(0).getAttribute('style')).toMatch(/rgb\(11, 92, 173\)/);
    expect(await swatches.nth(1).getAttribute('style')).toMatch(/rgb\(255, 213, 79\)/);
    expect(
      (await newest.getByRole('row', { name: /Confirmation flow/ }).innerText()).replace(/\s+/g, ' '),
    ).toBe('Confirmation flow Off → On');
    const message = newest.getByRole('row', { name: /Cancel message/ });
    expect(await message.locator('.au-none').textContent()).toBe('—');
    expect(await message.getByText(longMessage).count()).toBe(0);
    await message.getByRole('button', { name: 'Show all' }).click();
    await message.getByText(longMessage).waitFor();
    await saveScreenshot(page, 'desktop-admin-audit-values');
    // system rows name the system as the actor
    expect(await rows.nth(1).locator('.au-what').textContent()).toBe(
      'System changed organization settings “Northwind Heating”',
    );

    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(25);
    const total = await db.$count(schema.auditEvents);
    await expect.poll(() => page.getByText('That is everything.').isVisible()).toBe(true);
    // settings only: everything of this organization here is a setting's change
    expect(await rows.count()).toBe(total);
    expect(admin.problems).toEqual([]);
  });
});

async function staffRowById(id: string) {
  const [row] = await server.database.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.id, id));
  return row!;
}
