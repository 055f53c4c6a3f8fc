// The customers area against the real server: create a customer with a contact and a site (a refused phone
// number shown at its field first), edit and archive it, and manage a contact's portal access end to end.
import { createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { schema } from '@portico/db';
import { and, eq } from 'drizzle-orm';
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
  server = await startDesktopTestServer({ withJobs: true });
  fixture = await createOrgFixture(server.database.db);
  browser = await openBrowser({ viewport: { width: 1440, height: 900 } });
  // A signed-in dispatcher: the browser bridge reads the token from sessionStorage.
  const token = fixture.dispatcher.token;
  await browser.context.addInitScript(
    `window.sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)})`,
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function db() {
  return server.database.db;
}

async function customerNamed(name: string) {
  const [row] = await db().select().from(schema.customers).where(eq(schema.customers.name, name));
  return row;
}

const aside = () => browser.page.locator('.cu-aside');

describe('desktop customers', () => {
  it('lists customers, searches as one types and opens one with the keyboard', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/desktop/#/customers`);
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.getByRole('option', { name: /Acme Bakery/ }).waitFor();
    await saveScreenshot(page, 'desktop-customers-1-list');

    const search = page.getByRole('combobox', { name: 'Search customers' });
    await search.fill('nobody-here');
    await page.getByText('No customer matches “nobody-here”.').waitFor();
    await search.fill('bakery');
    await page.getByRole('option', { name: /Acme Bakery/ }).waitFor();
    await search.press('ArrowDown');
    await search.press('Enter');
    await page.getByRole('heading', { name: /Acme Bakery/, level: 1 }).waitFor();
    expect(page.url()).toContain(`#/customers/${fixture.customer.id}`);
    await page.getByRole('button', { name: 'Pat Primary' }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('creates a customer, then a contact (the invalid phone refused at its field) and a site', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: '← Customers' }).click();
    await page.getByRole('button', { name: 'New customer' }).click();
    const form = page.getByRole('form', { name: 'New customer' });
    await form.getByLabel('Name').fill('Riverside Dental');
    await form.getByLabel('Kind').selectOption('company');
    await form.getByLabel('Phone').fill('(512) 555-0177');
    // A double click must create one customer only.
    await form.getByRole('button', { name: 'Create customer' }).dblclick();
    await page.getByRole('heading', { name: /Riverside Dental/, level: 1 }).waitFor();
    const customers = await db()
      .select()
      .from(schema.customers)
      .where(eq(schema.customers.name, 'Riverside Dental'));
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ kind: 'company', phone: '+15125550177' });

    await page.getByRole('button', { name: 'Add contact' }).click();
    const contactForm = page.getByRole('form', { name: 'New contact' });
    await contactForm.getByLabel('Name').fill('Rita Reyes');
    await contactForm.getByLabel('Phone').fill('555-12');
    await contactForm.getByLabel('Email').fill('rita@riverside.test');
    await contactForm.getByRole('button', { name: 'Add contact' }).click();
    const phone = contactForm.getByLabel('Phone');
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    const phoneError = await page.locator(`#${await phone.getAttribute('aria-describedby')}`).textContent();
    expect(phoneError).toMatch(/phone/i);
    // The refused save kept everything that was typed.
    expect(await contactForm.getByLabel('Name').inputValue()).toBe('Rita Reyes');
    expect(await contactForm.getByLabel('Email').inputValue()).toBe('rita@riverside.test');
    await saveScreenshot(page, 'desktop-customers-2-invalid-phone');
    const customerId = customers[0]!.id;
    expect(
      await db().select().from(schema.contacts).where(eq(schema.contacts.customerId, customerId)),
    ).toEqual([]);

    await phone.fill('+1 512 555 0199');
    await contactForm.getByRole('button', { name: 'Add contact' }).click();
    await aside()
      .getByRole('heading', { name: /Rita Reyes/ })
      .waitFor();
    const [contact] = await db()
      .select()
      .from(schema.contacts)
      .where(eq(schema.contacts.customerId, customerId));
    expect(contact).toMatchObject({ name: 'Rita Reyes', phone: '+15125550199', preferredChannel: 'sms' });

    await page.getByRole('button', { name: 'Add site' }).click();
    const siteForm = page.getByRole('form', { name: 'New site' });
    await siteForm.getByLabel('Site name').fill('North clinic');
    await siteForm.getByLabel('Street address').fill('200 River Rd');
    await siteForm.getByLabel('City').fill('Denver');
    await siteForm.getByLabel('State or region').fill('CO');
    await siteForm.getByLabel('Time zone').selectOption('America/Denver');
    await siteForm.getByLabel('Primary contact').selectOption({ label: 'Rita Reyes' });
    await siteForm.getByRole('button', { name: 'Add site' }).click();
    await page.getByRole('button', { name: /North clinic · 200 River Rd, Denver/ }).waitFor();
    const [site] = await db().select().from(schema.sites).where(eq(schema.sites.customerId, customerId));
    expect(site).toMatchObject({
      city: 'Denver',
      timeZone: 'America/Denver',
      primaryContactId: contact!.id,
      secondaryContactId: null,
    });
    await saveScreenshot(page, 'desktop-customers-3-customer-page');
    expect(browser.problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    browser.problems.length = 0;
  });

  it('edits the customer and the contact', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Edit customer' }).click();
    const form = page.getByRole('form', { name: 'Edit customer' });
    await form.getByLabel('Name').fill('Riverside Dental Care');
    await form.getByLabel('Notes').fill('Gate code 4411');
    await form.getByRole('button', { name: 'Save customer' }).click();
    await page.getByRole('heading', { name: /Riverside Dental Care/, level: 1 }).waitFor();
    await page.getByText('Gate code 4411').waitFor();
    expect(await customerNamed('Riverside Dental Care')).toMatchObject({
      notes: 'Gate code 4411',
      version: 2,
    });

    await page.getByRole('button', { name: 'Rita Reyes' }).click();
    await aside().getByRole('button', { name: 'Edit contact' }).click();
    const contactForm = page.getByRole('form', { name: 'Edit Rita Reyes' });
    await contactForm.getByLabel('Preferred channel').selectOption('email');
    await contactForm.getByRole('button', { name: 'Save contact' }).click();
    await aside().getByRole('button', { name: 'Edit contact' }).waitFor();
    const [contact] = await db().select().from(schema.contacts).where(eq(schema.contacts.name, 'Rita Reyes'));
    expect(contact!.preferredChannel).toBe('email');

    // A second site, archived again: it stays listed as archived.
    await page.getByRole('button', { name: 'Add site' }).click();
    const siteForm = page.getByRole('form', { name: 'New site' });
    await siteForm.getByLabel('Street address').fill('9 Old Mill Ln');
    await siteForm.getByLabel('City').fill('Boulder');
    await siteForm.getByRole('button', { name: 'Add site' }).click();
    await aside().getByRole('button', { name: 'Archive site' }).click();
    await page.getByRole('row', { name: /9 Old Mill Ln.*Archived/ }).waitFor();
    const [oldSite] = await db()
      .select()
      .from(schema.sites)
      .where(eq(schema.sites.addressLine1, '9 Old Mill Ln'));
    expect(oldSite!.archivedAt).not.toBeNull();
    expect(oldSite!.timeZone).toBe(fixture.org.timeZone);
    // …and it can be restored from its panel, then archived again
    await page.getByRole('button', { name: /9 Old Mill Ln/ }).click();
    await aside().getByRole('button', { name: 'Restore site' }).click();
    await aside().getByRole('button', { name: 'Archive site' }).waitFor();
    expect(await page.getByRole('row', { name: /9 Old Mill Ln.*Archived/ }).count()).toBe(0);
    const [restored] = await db()
      .select()
      .from(schema.sites)
      .where(eq(schema.sites.addressLine1, '9 Old Mill Ln'));
    expect(restored!.archivedAt).toBeNull();
    await aside().getByRole('button', { name: 'Archive site' }).click();
    await page.getByRole('row', { name: /9 Old Mill Ln.*Archived/ }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('gives the contact portal access, sends the invite, and changes the role', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Rita Reyes' }).click();
    const portal = aside().getByRole('region', { name: 'Portal access' });
    await portal.getByRole('combobox', { name: 'Role' }).selectOption('contact');
    await portal.getByRole('button', { name: 'Give access and send invite' }).click();
    await portal.getByText('Portal access given; invite sent to Rita Reyes.').waitFor();
    await expect.poll(() => portal.getByTestId('portal-status').textContent()).toBe('Invited');
    const [contact] = await db().select().from(schema.contacts).where(eq(schema.contacts.name, 'Rita Reyes'));
    const [user] = await db()
      .select()
      .from(schema.portalUsers)
      .where(eq(schema.portalUsers.contactId, contact!.id));
    expect(user).toMatchObject({ role: 'contact', status: 'invited' });
    // The worker delivers the sign-in link to the contact through the channels of the portal-invite job.
    await expect
      .poll(
        () =>
          server.email!.deliveries.filter((d) => d.to.includes('rita@riverside.test')).length +
          server.sms!.deliveries.filter((d) => d.phoneNumber === '+15125550199').length,
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    // A second invite right away is refused by the server, and the reason is shown in place.
    await portal.getByRole('button', { name: 'Re-send invite' }).click();
    await portal.getByText(/less than a minute ago/).waitFor();
    expect(browser.problems.filter((p) => !p.includes('status of 429'))).toEqual([]);
    browser.problems.length = 0;

    await portal.getByRole('combobox', { name: 'Role' }).selectOption('account_admin');
    await portal.getByText('Role changed to Account admin.').waitFor();
    const [after] = await db().select().from(schema.portalUsers).where(eq(schema.portalUsers.id, user!.id));
    expect(after!.role).toBe('account_admin');
    expect(after!.invitedAt).not.toBeNull();
    await saveScreenshot(page, 'desktop-customers-4-portal-user');
    expect(browser.problems).toEqual([]);
  });

  it('disables a signed-in portal user: every session of theirs ends; enabling gives access back', async () => {
    const { page } = browser;
    const sessionsOf = async (portalUserId: string) =>
      db()
        .select({ id: schema.sessions.id })
        .from(schema.sessions)
        .where(and(eq(schema.sessions.portalUserId, portalUserId), eq(schema.sessions.subject, 'portal')));
    expect(await sessionsOf(fixture.portalUser.id)).toHaveLength(1);

    await page.goto(`${server.url}/desktop/#/customers/${fixture.customer.id}`);
    await page.getByRole('button', { name: 'Pat Primary' }).click();
    const portal = aside().getByRole('region', { name: 'Portal access' });
    await expect.poll(() => portal.getByTestId('portal-status').textContent()).toBe('Active');
    await portal.getByRole('button', { name: 'Disable access' }).click();
    await saveScreenshot(page, 'desktop-customers-5-confirm-disable');
    await portal.getByRole('button', { name: 'Disable and sign out' }).click();
    await expect.poll(() => portal.getByTestId('portal-status').textContent()).toBe('Disabled');
    expect(await sessionsOf(fixture.portalUser.id)).toHaveLength(0);
    const [user] = await db()
      .select()
      .from(schema.portalUsers)
      .where(eq(schema.portalUsers.id, fixture.portalUser.id));
    expect(user!.status).toBe('disabled');
    expect(await page.locator('.cu-table').first().textContent()).toContain('Disabled');
    await saveScreenshot(page, 'desktop-customers-6-disabled');

    await portal.getByRole('button', { name: 'Enable access' }).click();
    await expect.poll(() => portal.getByTestId('portal-status').textContent()).not.toBe('Disabled');
    expect(browser.problems).toEqual([]);
  });

  it('archives the customer (hidden from the list unless asked for) and restores it', async () => {
    const { page } = browser;
    const customer = await customerNamed('Riverside Dental Care');
    await page.goto(`${server.url}/desktop/#/customers/${customer!.id}`);
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByRole('button', { name: 'Restore' }).waitFor();
    expect((await customerNamed('Riverside Dental Care'))!.archivedAt).not.toBeNull();
    await saveScreenshot(page, 'desktop-customers-7-archived');

    await page.getByRole('link', { name: '← Customers' }).click();
    const search = page.getByRole('combobox', { name: 'Search customers' });
    await search.fill('riverside');
    await page.getByText('No customer matches “riverside”.').waitFor();
    await page.getByLabel('Show archived').check();
    await page.getByRole('option', { name: /Riverside Dental Care.*Archived/ }).waitFor();
    await search.press('Enter');
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('button', { name: 'Archive', exact: true }).waitFor();
    expect((await customerNamed('Riverside Dental Care'))!.archivedAt).toBeNull();
    expect(browser.problems).toEqual([]);
  });
});
