// For admin browser tests that look at the portal as a customer: a phone-sized Chromium signed in to the portal
// as the fixture's customer (the portal session cookie set from the fixture's session token, as a finished
// sign-in leaves it), on one appointment.
import { openBrowser, type TestBrowser, type TestServer } from '../../../portal/e2e/support/browser-harness';

const PHONE = { width: 390, height: 844 };

/** localhost counts as a secure origin, so the server uses the `__Host-` cookie names there. */
const SESSION_COOKIE = '__Host-portico_session';

export async function openCustomerAppointment(
  server: TestServer,
  options: { orgSlug: string; taskId: string; portalSessionToken: string },
): Promise<TestBrowser> {
  const browser = await openBrowser({ viewport: PHONE, isMobile: true });
  // DevTools refuses a Secure cookie for an http URL, but the page itself may set one: localhost is a secure
  // context. The server reads the cookie the same either way (HttpOnly only hides it from scripts).
  await browser.page.goto(`${server.url}/p/${options.orgSlug}/sign-in`);
  await browser.page.evaluate(
    `document.cookie = ${JSON.stringify(`${SESSION_COOKIE}=${options.portalSessionToken}; Path=/; Secure; SameSite=Lax`)}`,
  );
  await browser.page.goto(`${server.url}/p/${options.orgSlug}/appointments/${options.taskId}`);
  return browser;
}
