// Customers through the router on real PostgreSQL: inline create, E.164, search and keyset paging, locking, archive.
import { validateSessionToken } from '@portico/auth';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { and, eq } from 'drizzle-orm';
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

const customerRow = async (id: string) =>
  (await t.db.select().from(schema.customers).where(eq(schema.customers.id, id)))[0];
const auditFor = (entityType: string, entityId: string) =>
  t.db
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.entityType, entityType), eq(schema.auditEvents.entityId, entityId)));

describe('customers.create', () => {
  it('creates a customer with its phone in E.164, its email lower-cased, and an audit entry', async () => {
    const { api, clock } = await setup();
    const created = await api.customers.create({
      name: '  Rosa Diaz ',
      kind: 'person',
      email: ' Rosa.Diaz@Example.COM ',
      phone: '(512) 555-0142',
      notes: 'Gate code 1234',
    });
    expect(created).toMatchObject({
      name: 'Rosa Diaz',
      kind: 'person',
      email: 'rosa.diaz@example.com',
      phone: '+15125550142',
      notes: 'Gate code 1234',
      archivedAt: null,
      version: 1,
      sites: [],
      contacts: [],
    });
    expect(created.createdAt).toEqual(clock.now());
    expect(Object.keys(created)).not.toContain('organizationId');
    const audit = await auditFor('customer', created.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actorType: 'staff' });
    expect(audit[0]!.changes.phone).toEqual({ from: null, to: '+15125550142' });
  });

  it('creates the customer, a first contact and a first site in one call, the contact as primary', async () => {
    const { api } = await setup();
    const created = await api.customers.create({
      name: 'Blue Fern Cafe',
      kind: 'company',
      contact: {
        name: 'Lee Owner',
        phone: '512.555.0111',
        email: 'LEE@bluefern.test',
        preferredChannel: 'sms',
      },
      site: {
        name: 'Cafe',
        addressLine1: '12 Oak St',
        city: 'Austin',
        region: 'TX',
        postalCode: '78702',
        country: 'us',
        timeZone: 'America/Chicago',
      },
    });
    expect(created.contacts).toHaveLength(1);
    expect(created.sites).toHaveLength(1);
    const [contact] = created.contacts;
    const [site] = created.sites;
    expect(contact).toMatchObject({ name: 'Lee Owner', phone: '+15125550111', email: 'lee@bluefern.test' });
    expect(site).toMatchObject({ country: 'US', timeZone: 'America/Chicago', primaryContactId: contact!.id });
    const fetched = await api.customers.get({ id: created.id });
    expect(fetched.sites.map((s) => s.id)).toEqual([site!.id]);
    expect(fetched.contacts.map((c) => c.id)).toEqual([contact!.id]);
    expect(await auditFor('contact', contact!.id)).toHaveLength(1);
    expect(await auditFor('site', site!.id)).toHaveLength(1);
  });

  it('writes nothing when the inline contact has an invalid phone', async () => {
    const { api, fx } = await setup();
    const before = await snapshotOrganization(t.db, fx.org.id);
    const refused = await failure(
      api.customers.create({
        name: 'Never Saved',
        kind: 'person',
        contact: { name: 'No Phone', phone: '555-0142', preferredChannel: 'sms' },
        site: { addressLine1: '1 Nowhere', city: 'Austin', country: 'US', timeZone: 'America/Chicago' },
      }),
    );
    expect(refused).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'contact.phone',
      message: 'Enter a valid phone number, e.g. +1 512 555 0142.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('refuses an invalid customer phone with an example and the field', async () => {
    const { api } = await setup();
    expect(
      await failure(api.customers.create({ name: 'X', kind: 'person', phone: 'call me maybe' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'phone',
      message: 'Enter a valid phone number, e.g. +1 512 555 0142.',
    });
  });

  it('refuses a site without a contact, an unreachable contact, and a bad time zone', async () => {
    const { api } = await setup();
    const site = { addressLine1: '1 Main', city: 'Austin', country: 'US', timeZone: 'America/Chicago' };
    expect(await failure(api.customers.create({ name: 'X', kind: 'person', site }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'contact',
      issues: ['A site needs a primary contact: add the contact too.'],
    });
    expect(
      await failure(
        api.customers.create({ name: 'X', kind: 'person', contact: { name: 'Y', preferredChannel: 'sms' } }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'contact.phone',
      issues: ['Add a phone number or an email address.'],
    });
    expect(
      await failure(
        api.customers.create({
          name: 'X',
          kind: 'person',
          contact: { name: 'Y', phone: '5125550100', preferredChannel: 'sms' },
          site: { ...site, timeZone: 'Mars/Olympus' },
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'site.timeZone' });
  });

  it('answers BAD_REQUEST to a 10,000-character name and a malformed email', async () => {
    const { api } = await setup();
    expect(await failure(api.customers.create({ name: 'x'.repeat(10_000), kind: 'person' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'name',
      issues: ['Keep the name under 200 characters.'],
    });
    expect(
      await failure(api.customers.create({ name: 'X', kind: 'person', email: 'not-an-email' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'email',
    });
  });
});

describe('customers.list', () => {
  it('walks 30+ customers with the cursor, in name order, case-insensitively, with no repeats', async () => {
    const { api } = await setup();
    const names = Array.from(
      { length: 30 },
      (_, i) => `${i % 2 ? 'zeta' : 'Zeta'} ${String(i).padStart(2, '0')}`,
    );
    // Same name twice: the id breaks the tie so paging neither skips nor repeats.
    names.push('Zeta 05');
    for (const name of names) await api.customers.create({ name, kind: 'person' });

    const seen: { id: string; name: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof api.customers.list>> = await api.customers.list({
        limit: 7,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);

    expect(seen).toHaveLength(32); // 31 created + the fixture's Acme Bakery
    expect(new Set(seen.map((c) => c.id)).size).toBe(32);
    expect(pages).toBe(5);
    const sorted = [...seen].sort((a, b) =>
      a.name.toLowerCase() === b.name.toLowerCase()
        ? a.id.localeCompare(b.id)
        : a.name.toLowerCase() < b.name.toLowerCase()
          ? -1
          : 1,
    );
    expect(seen.map((c) => c.id)).toEqual(sorted.map((c) => c.id));
    expect(seen[0]!.name).toBe('Acme Bakery');
  });

  it('searches name, email and phone; % and _ are matched literally', async () => {
    const { api } = await setup();
    const pct = await api.customers.create({ name: '100% Plumbing', kind: 'company' });
    const under = await api.customers.create({ name: 'A_B Repairs', kind: 'company' });
    const mail = await api.customers.create({
      name: 'Quiet Person',
      kind: 'person',
      email: 'hello@quiet.test',
    });
    const tel = await api.customers.create({
      name: 'Phone Person',
      kind: 'person',
      phone: '+1 737 555 0199',
    });

    const ids = async (search: string) => (await api.customers.list({ search })).items.map((c) => c.id);
    expect(await ids('%')).toEqual([pct.id]);
    expect(await ids('_')).toEqual([under.id]);
    expect(await ids('QUIET.TEST')).toEqual([mail.id]);
    expect(await ids('(737) 555-01')).toEqual([tel.id]);
    expect(await ids('+1737')).toEqual([tel.id]);
    expect(await ids('acme')).toHaveLength(1);
    expect(await ids('nothing like this')).toEqual([]);
  });

  it('hides archived customers unless asked, and refuses a cursor that is not one', async () => {
    const { api } = await setup();
    const gone = await api.customers.create({ name: 'Gone Soon', kind: 'person' });
    await api.customers.archive({ id: gone.id, version: gone.version });
    expect((await api.customers.list({ search: 'gone soon' })).items).toEqual([]);
    expect(
      (await api.customers.list({ search: 'gone soon', includeArchived: true })).items.map((c) => c.id),
    ).toEqual([gone.id]);
    expect(await failure(api.customers.list({ cursor: 'abc' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'cursor',
    });
  });
});

describe('customers.get', () => {
  it('lists sites and contacts with the archived ones last', async () => {
    const { api, fx } = await setup();
    const extra = await api.contacts.create({
      customerId: fx.customer.id,
      name: 'Aaron First',
      email: 'aaron@example.test',
      preferredChannel: 'email',
    });
    await api.contacts.archive({ id: extra.id, version: extra.version });
    const detail = await api.customers.get({ id: fx.customer.id });
    expect(detail.contacts.map((c) => c.name)).toEqual(['Pat Primary', 'Sam Second', 'Aaron First']);
    expect(detail.sites.map((s) => s.id)).toEqual([fx.site.id]);
  });

  it('answers BAD_REQUEST to a malformed id and NOT_FOUND to an unknown one', async () => {
    const { api } = await setup();
    expect(await failure(api.customers.get({ id: 'not-a-uuid' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'id',
    });
    expect(await failure(api.customers.get({ id: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Customer was not found.',
    });
  });
});

describe('customers.update', () => {
  it('changes only the given fields, bumps the version and records from/to', async () => {
    const { api, fx } = await setup();
    const updated = await api.customers.update({
      id: fx.customer.id,
      version: 1,
      phone: '512-555-0123',
      email: 'Office@Acme.TEST',
    });
    expect(updated).toMatchObject({
      name: 'Acme Bakery',
      kind: 'company',
      phone: '+15125550123',
      email: 'office@acme.test',
      version: 2,
    });
    const cleared = await api.customers.update({ id: fx.customer.id, version: 2, email: null });
    expect(cleared).toMatchObject({ email: null, phone: '+15125550123', version: 3 });
    const audit = await auditFor('customer', fx.customer.id);
    expect(audit.map((a) => a.changes)).toEqual([
      { phone: { from: null, to: '+15125550123' }, email: { from: null, to: 'office@acme.test' } },
      { email: { from: 'office@acme.test', to: null } },
    ]);
  });

  it('refuses a stale version with CONFLICT and leaves the row unchanged', async () => {
    const { api, fx } = await setup();
    await api.customers.update({ id: fx.customer.id, version: 1, name: 'Acme Bakery & Co' });
    const before = await customerRow(fx.customer.id);
    const refused = await failure(
      api.customers.update({ id: fx.customer.id, version: 1, name: 'Lost Update' }),
    );
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/changed by someone else/);
    expect(await customerRow(fx.customer.id)).toEqual(before);
  });
});

describe('customers.archive and restore', () => {
  it('refuses to archive a customer with open tasks, naming them', async () => {
    const { api, fx } = await setup();
    const before = await snapshotOrganization(t.db, fx.org.id);
    const refused = await failure(api.customers.archive({ id: fx.customer.id, version: 1 }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(
      'Acme Bakery has 2 open tasks (T-1, T-2). Complete or cancel them before archiving the customer.',
    );
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('archives a customer without open tasks, ends its portal access, and restores it', async () => {
    const { api, fx, clock } = await setup();
    await t.db
      .update(schema.tasks)
      .set({ status: 'completed' })
      .where(eq(schema.tasks.customerId, fx.customer.id));
    expect(await validateSessionToken(t.db, fx.portalUser.token, clock.now())).not.toBeNull();

    const archived = await api.customers.archive({ id: fx.customer.id, version: 1 });
    expect(archived).toMatchObject({ archivedAt: clock.now(), version: 2 });
    expect(await validateSessionToken(t.db, fx.portalUser.token, clock.now())).toBeNull();
    const [portalUser] = await api.portalUsers.list({ customerId: fx.customer.id });
    expect(portalUser).toMatchObject({ status: 'disabled', disabledAt: clock.now() });
    expect(await failure(api.customers.archive({ id: fx.customer.id, version: 2 }))).toMatchObject({
      code: 'CONFLICT',
      message: 'This customer is already archived.',
    });

    const restored = await api.customers.restore({ id: fx.customer.id, version: 2 });
    expect(restored).toMatchObject({ archivedAt: null, version: 3 });
    expect((await auditFor('customer', fx.customer.id)).map((a) => a.action)).toEqual(['archive', 'restore']);
    expect(await failure(api.customers.restore({ id: fx.customer.id, version: 3 }))).toMatchObject({
      code: 'CONFLICT',
      message: 'This customer is not archived.',
    });
  });
});
