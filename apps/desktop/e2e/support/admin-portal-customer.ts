// For admin browser tests that look at the portal as a customer: a phone-sized Chromium signed in the way a
// customer is — a dispatcher's invite goes out by SMS (to the local stand-in) and its link is opened and continued.
// (The minimal part of apps/portal/e2e/customer-portal.spec.ts's helpers, which are private to that spec.)
import { callerFor, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { eq } from 'drizzle-orm';
import { openBrowser, type TestBrowser, type TestServer } from '../../../portal/e2e/support/browser-harness';

const PHONE = { width: 390, height: 844 };

async function nextSms(server: TestServer, phone: string, after: number): Promise<string> {
  const sms = server.sms;
  if (!sms) throw new Error('start the server with { withJobs: true } to send invites');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const toPhone = sms.deliveries.filter((d) => d.phoneNumber === phone);
    if (toPhone.length > after) return toPhone[after]!.message;
    if (Date.now() > deadline) throw new Error(`no SMS #${after + 1} to ${phone} within 30 s`);
    server.jobs?.relay?.wake();
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

function linkIn(message: string): string {
  const match = /(https?:\/\/\S+\/access\/[a-z2-7]{32})/.exec(message);
  if (!match) throw new Error(`no access link in: ${message}`);
  return match[1]!;
}

/**
 * Signs the fixture's portal user in on `browser` and leaves it on the appointment of `taskId`. The link alone
 * signs in (the organization is switched to link sign-in for the moment), so no code has to be read; the
 * organization's sign-in mode is put back afterwards.
 */
export async function signInPortalCustomer(
  browser: TestBrowser,
  server: TestServer,
  fx: OrgFixture,
  taskId: string,
): Promise<void> {
  const { db } = server.database;
  const phone = fx.primaryContact.phone!;
  const before = server.sms!.deliveries.filter((d) => d.phoneNumber === phone).length;
  await callerFor(db, fx.dispatcher.token).portalUsers.invite({ id: fx.portalUser.id, taskId });
  const link = linkIn(await nextSms(server, phone, before));
  const [org] = await db
    .select({ loginMode: schema.organizations.loginMode })
    .from(schema.organizations)
    .where(eq(schema.organizations.id, fx.org.id));
  await db
    .update(schema.organizations)
    .set({ loginMode: 'link' })
    .where(eq(schema.organizations.id, fx.org.id));
  try {
    await browser.page.goto(link);
    await browser.page.getByRole('button', { name: 'Continue' }).click();
    await browser.page.waitForURL((url) => !url.pathname.includes('/access/'), { timeout: 10_000 });
  } finally {
    await db
      .update(schema.organizations)
      .set({ loginMode: org!.loginMode })
      .where(eq(schema.organizations.id, fx.org.id));
  }
}

export async function openPortalCustomer(
  server: TestServer,
  fx: OrgFixture,
  taskId: string,
): Promise<TestBrowser> {
  const browser = await openBrowser({ viewport: PHONE, isMobile: true });
  await signInPortalCustomer(browser, server, fx, taskId);
  return browser;
}
