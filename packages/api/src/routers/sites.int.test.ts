// Sites through the router on real PostgreSQL: contacts of the same customer, search and paging, time zones, archive.
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  snapshotOrganization,
  refusalOf as failure,
} from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function setup() {
  const clock = createTestClock();
  const fx = await createOrgFixture(t.db, clock);
  return { clock, fx, api: callerFor(t.db, fx.dispatcher.token, clock) };
}

const siteRow = async (id: string) =>
  (await t.db.select().from(schema.sites).where(eq(schema.sites.id, id)))[0];
const address = {
  addressLine1: '500 Lamar Blvd',
  city: 'Austin',
  region: 'TX',
  country: 'US',
  timeZone: 'America/Chicago',
};

describe('sites.create and get', () => {
  it('adds a site with contacts of the customer and reads it back with them', async () => {
    const { api, fx } = await setup();
    const site = await api.sites.create({
      customerId: fx.customer.id,
      name: 'Warehouse',
      ...address,
      postalCode: '',
      primaryContactId: fx.secondaryContact.id,
      secondaryContactId: fx.primaryContact.id,
    });
    expect(site).toMatchObject({ name: 'Warehouse', postalCode: null, country: 'US', version: 1 });
    const detail = await api.sites.get({ id: site.id });
    expect(detail).toMatchObject({
      customerName: 'Acme Bakery',
      primaryContact: { id: fx.secondaryContact.id, name: 'Sam Second' },
      secondaryContact: { id: fx.primaryContact.id, name: 'Pat Primary' },
    });
  });

  it('refuses contacts of another customer (naming the field), the same contact twice, and a bad time zone', async () => {
    const { api, fx } = await setup();
    const other = await api.customers.create({
      name: 'Other Customer',
      kind: 'person',
      contact: { name: 'Olive Other', email: 'olive@example.test', preferredChannel: 'email' },
    });
    const before = await snapshotOrganization(t.db, fx.org.id);
    const base = { customerId: fx.customer.id, ...address, primaryContactId: fx.primaryContact.id };
    expect(
      await failure(api.sites.create({ ...base, primaryContactId: other.contacts[0]!.id })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'primaryContactId',
      message: "The primary contact must be one of this customer's contacts.",
    });
    expect(
      await failure(api.sites.create({ ...base, secondaryContactId: other.contacts[0]!.id })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'secondaryContactId',
    });
    expect(
      await failure(api.sites.create({ ...base, secondaryContactId: fx.primaryContact.id })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'secondaryContactId',
      issues: ['The secondary contact must be a different person from the primary contact.'],
    });
    expect(await failure(api.sites.create({ ...base, timeZone: 'EST5' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'timeZone',
      issues: ['Use an IANA time zone such as America/New_York.'],
    });
    expect(await failure(api.sites.create({ ...base, addressLine1: 'a'.repeat(10_000) }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'addressLine1',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('answers NOT_FOUND to a contact of another organization on our own customer', async () => {
    const { api, fx } = await setup();
    const foreign = await createOrgFixture(t.db);
    const before = await snapshotOrganization(t.db, fx.org.id);
    expect(
      await failure(
        api.sites.create({
          customerId: fx.customer.id,
          ...address,
          primaryContactId: foreign.primaryContact.id,
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'primaryContactId', message: 'Contact was not found.' });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });
});

describe('sites.list', () => {
  it('filters by customer, searches address, city and customer name, and pages with the cursor', async () => {
    const { api, fx } = await setup();
    const other = await api.customers.create({
      name: 'Harbor Hotels',
      kind: 'company',
      contact: { name: 'Hal', phone: '5125550160', preferredChannel: 'sms' },
      site: { ...address, addressLine1: '1 Harbor Way', city: 'Galveston' },
    });
    for (let i = 0; i < 11; i++) {
      await api.sites.create({
        customerId: fx.customer.id,
        ...address,
        addressLine1: `${200 + i} Pecan St`,
        primaryContactId: fx.primaryContact.id,
      });
    }
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.sites.list>> = await api.sites.list({
        customerId: fx.customer.id,
        limit: 5,
        cursor,
      });
      all.push(...page.items.map((s) => s.addressLine1));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(['100 Congress Ave', ...Array.from({ length: 11 }, (_, i) => `${200 + i} Pecan St`)]);

    const search = async (term: string) => (await api.sites.list({ search: term })).items.map((s) => s.id);
    expect(await search('galveston')).toEqual([other.sites[0]!.id]);
    expect(await search('HARBOR hot')).toEqual([other.sites[0]!.id]);
    expect(await search('Pecan')).toHaveLength(11);
    const [first] = (await api.sites.list({ search: 'Congress' })).items;
    expect(first).toMatchObject({ id: fx.site.id, customerName: 'Acme Bakery' });
  });
});

describe('sites.update', () => {
  it('changes the address and contacts, and refuses a stale version leaving the row unchanged', async () => {
    const { api, fx } = await setup();
    const updated = await api.sites.update({
      id: fx.site.id,
      version: 1,
      addressLine2: 'Suite 5',
      secondaryContactId: null,
    });
    expect(updated).toMatchObject({ addressLine2: 'Suite 5', secondaryContactId: null, version: 2 });
    const before = await siteRow(fx.site.id);
    expect((await failure(api.sites.update({ id: fx.site.id, version: 1, city: 'Dallas' }))).code).toBe(
      'CONFLICT',
    );
    expect(await siteRow(fx.site.id)).toEqual(before);
    expect(
      await failure(
        api.sites.update({ id: fx.site.id, version: 2, secondaryContactId: fx.primaryContact.id }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'secondaryContactId' });
  });

  it('refuses to move the time zone under booked appointments, and allows it once there are none', async () => {
    const { api, fx } = await setup();
    const refused = await failure(
      api.sites.update({ id: fx.site.id, version: 1, timeZone: 'America/Denver' }),
    );
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'timeZone' });
    expect(refused.message).toMatch(/1 booked appointment in America\/Chicago/);
    await t.db
      .update(schema.tasks)
      .set({ status: 'cancelled' })
      .where(eq(schema.tasks.id, fx.scheduledTask.id));
    expect(await api.sites.update({ id: fx.site.id, version: 1, timeZone: 'America/Denver' })).toMatchObject({
      timeZone: 'America/Denver',
      version: 2,
    });
  });
});

describe('sites.archive', () => {
  it('refuses while the site has open tasks, then archives once they are closed', async () => {
    const { api, fx, clock } = await setup();
    const before = await snapshotOrganization(t.db, fx.org.id);
    const refused = await failure(api.sites.archive({ id: fx.site.id, version: 1 }));
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      message: 'This site has 2 open tasks (T-1, T-2). Complete or cancel them before archiving the site.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    await t.db.update(schema.tasks).set({ status: 'completed' }).where(eq(schema.tasks.siteId, fx.site.id));
    const archived = await api.sites.archive({ id: fx.site.id, version: 1 });
    expect(archived).toMatchObject({ archivedAt: clock.now(), version: 2 });
    expect((await api.sites.list({ customerId: fx.customer.id })).items).toEqual([]);
    // An archived site no longer pins its primary contact.
    expect(await api.contacts.archive({ id: fx.primaryContact.id, version: 1 })).toMatchObject({
      version: 2,
    });
  });
});

describe('sites.restore', () => {
  it('restores an archived site once its primary contact and customer are back, changing nothing before', async () => {
    const { api, fx } = await setup();
    await t.db.update(schema.tasks).set({ status: 'completed' }).where(eq(schema.tasks.siteId, fx.site.id));
    await api.sites.archive({ id: fx.site.id, version: 1 });
    await api.contacts.archive({ id: fx.primaryContact.id, version: 1 });

    const before = await snapshotOrganization(t.db, fx.org.id);
    const noPrimary = await failure(api.sites.restore({ id: fx.site.id, version: 2 }));
    expect(noPrimary.code).toBe('CONFLICT');
    expect(noPrimary.message).toContain('Restore Pat Primary first');
    expect(await failure(api.sites.restore({ id: fx.site.id, version: 1 }))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    await api.contacts.restore({ id: fx.primaryContact.id, version: 2 });
    const restored = await api.sites.restore({ id: fx.site.id, version: 2 });
    expect(restored).toMatchObject({ archivedAt: null, version: 3 });
    expect((await api.sites.list({ customerId: fx.customer.id })).items.map((i) => i.id)).toEqual([
      fx.site.id,
    ]);
    expect(await failure(api.sites.restore({ id: fx.site.id, version: 3 }))).toMatchObject({
      code: 'CONFLICT',
      message: 'This site is not archived.',
    });
    const audit = await t.db
      .select({ action: schema.auditEvents.action })
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.entityId, fx.site.id));
    expect(audit.map((a) => a.action)).toContain('restore');
  });
});
