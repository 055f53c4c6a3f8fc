// Contacts through the router on real PostgreSQL: reachability rules, E.164, locking, archive refusals and cascades.
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

const contactRow = async (id: string) =>
  (await t.db.select().from(schema.contacts).where(eq(schema.contacts.id, id)))[0];
const siteRow = async (id: string) =>
  (await t.db.select().from(schema.sites).where(eq(schema.sites.id, id)))[0];

describe('contacts.create and list', () => {
  it('adds a contact with an E.164 phone and a lower-cased email, listed by name', async () => {
    const { api, fx } = await setup();
    const created = await api.contacts.create({
      customerId: fx.customer.id,
      name: 'Alex Adams',
      phone: '+1 (737) 555-0101',
      email: 'Alex@Example.TEST',
      preferredChannel: 'email',
    });
    expect(created).toMatchObject({
      customerId: fx.customer.id,
      phone: '+17375550101',
      email: 'alex@example.test',
      preferredChannel: 'email',
      smsOptOut: false,
      version: 1,
    });
    const listed = await api.contacts.list({ customerId: fx.customer.id });
    expect(listed.map((c) => c.name)).toEqual(['Alex Adams', 'Pat Primary', 'Sam Second']);
    const audit = await t.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.entityType, 'contact'), eq(schema.auditEvents.entityId, created.id)));
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('needs a phone or an email, and the address of the preferred channel', async () => {
    const { api, fx } = await setup();
    const before = await snapshotOrganization(t.db, fx.org.id);
    expect(
      await failure(
        api.contacts.create({ customerId: fx.customer.id, name: 'Nobody', preferredChannel: 'sms' }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'phone',
      issues: ['Add a phone number or an email address.'],
    });
    expect(
      await failure(
        api.contacts.create({
          customerId: fx.customer.id,
          name: 'Mail Only',
          email: 'm@example.test',
          preferredChannel: 'sms',
        }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'preferredChannel',
      issues: ['SMS needs a phone number: add one or prefer email.'],
    });
    expect(
      await failure(
        api.contacts.create({
          customerId: fx.customer.id,
          name: 'Bad Phone',
          phone: '12',
          preferredChannel: 'sms',
        }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'phone',
      message: 'Enter a valid phone number, e.g. +1 512 555 0142.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('answers NOT_FOUND for another organization’s customer and creates nothing', async () => {
    const { api, fx } = await setup();
    const other = await createOrgFixture(t.db);
    const mine = await snapshotOrganization(t.db, fx.org.id);
    const theirs = await snapshotOrganization(t.db, other.org.id);
    expect(
      await failure(
        api.contacts.create({
          customerId: other.customer.id,
          name: 'Sneaky',
          phone: '5125550100',
          preferredChannel: 'sms',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'Customer was not found.' });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(mine);
    expect(await snapshotOrganization(t.db, other.org.id)).toBe(theirs);
  });

  it('refuses a malformed customer id and an overlong name as BAD_REQUEST', async () => {
    const { api, fx } = await setup();
    expect(await failure(api.contacts.list({ customerId: '1234' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'customerId',
    });
    expect(
      await failure(
        api.contacts.create({
          customerId: fx.customer.id,
          name: 'n'.repeat(10_000),
          phone: '5125550100',
          preferredChannel: 'sms',
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'name' });
  });
});

describe('contacts.update', () => {
  it('updates, keeps the contact reachable, and refuses a stale version leaving the row unchanged', async () => {
    const { api, fx } = await setup();
    const updated = await api.contacts.update({
      id: fx.primaryContact.id,
      version: 1,
      phone: '737 555 0150',
      smsOptOut: true,
    });
    expect(updated).toMatchObject({
      phone: '+17375550150',
      email: 'pat@example.test',
      smsOptOut: true,
      version: 2,
    });

    expect(
      await failure(api.contacts.update({ id: fx.primaryContact.id, version: 2, phone: null })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'preferredChannel',
      message: 'SMS needs a phone number: add one or prefer email.',
    });
    const before = await contactRow(fx.primaryContact.id);
    expect(
      (await failure(api.contacts.update({ id: fx.primaryContact.id, version: 1, name: 'Lost' }))).code,
    ).toBe('CONFLICT');
    expect(await contactRow(fx.primaryContact.id)).toEqual(before);

    const switched = await api.contacts.update({
      id: fx.primaryContact.id,
      version: 2,
      phone: '',
      preferredChannel: 'email',
    });
    expect(switched).toMatchObject({ phone: null, preferredChannel: 'email', version: 3 });
  });
});

describe('contacts.archive', () => {
  it('refuses while the contact is the primary contact of a site, naming the site', async () => {
    const { api, fx } = await setup();
    const before = await snapshotOrganization(t.db, fx.org.id);
    const refused = await failure(api.contacts.archive({ id: fx.primaryContact.id, version: 1 }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(
      'Pat Primary is the primary contact of Main shop (100 Congress Ave, Austin). ' +
        'Choose another primary contact for that site first, or archive the site.',
    );
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('archives a secondary contact and drops it from the site', async () => {
    const { api, fx, clock } = await setup();
    const archived = await api.contacts.archive({ id: fx.secondaryContact.id, version: 1 });
    expect(archived).toMatchObject({ archivedAt: clock.now(), version: 2 });
    expect(await siteRow(fx.site.id)).toMatchObject({ secondaryContactId: null, version: 2 });
    expect((await api.contacts.list({ customerId: fx.customer.id })).map((c) => c.id)).toEqual([
      fx.primaryContact.id,
    ]);
    expect(
      (await api.contacts.list({ customerId: fx.customer.id, includeArchived: true })).map((c) => c.id),
    ).toEqual([fx.primaryContact.id, fx.secondaryContact.id]);
    expect(await failure(api.contacts.archive({ id: fx.secondaryContact.id, version: 2 }))).toMatchObject({
      code: 'CONFLICT',
      message: 'This contact is already archived.',
    });
  });

  it('restores an archived contact (its portal access stays off), not while its customer is archived', async () => {
    const { api, fx } = await setup();
    await api.contacts.archive({ id: fx.secondaryContact.id, version: 1 });
    const customer = await api.customers.get({ id: fx.customer.id });
    await t.db.update(schema.tasks).set({ status: 'completed' }).where(eq(schema.tasks.siteId, fx.site.id));
    await api.customers.archive({ id: fx.customer.id, version: customer.version });
    const before = await snapshotOrganization(t.db, fx.org.id);
    const refused = await failure(api.contacts.restore({ id: fx.secondaryContact.id, version: 2 }));
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect(refused.message).toContain('Restore the customer first');
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    const archivedCustomer = await api.customers.get({ id: fx.customer.id });
    await api.customers.restore({ id: fx.customer.id, version: archivedCustomer.version });
    const restored = await api.contacts.restore({ id: fx.secondaryContact.id, version: 2 });
    expect(restored).toMatchObject({ archivedAt: null, version: 3 });
    expect((await api.contacts.list({ customerId: fx.customer.id })).map((c) => c.id)).toContain(
      fx.secondaryContact.id,
    );
  });

  it('ends the portal access of an archived contact', async () => {
    const { api, fx, clock } = await setup();
    // Pat stops being anyone's primary contact, so Pat can be archived.
    await api.sites.update({
      id: fx.site.id,
      version: 1,
      primaryContactId: fx.secondaryContact.id,
      secondaryContactId: null,
    });
    expect(await validateSessionToken(t.db, fx.portalUser.token, clock.now())).not.toBeNull();
    await api.contacts.archive({ id: fx.primaryContact.id, version: 1 });
    expect(await validateSessionToken(t.db, fx.portalUser.token, clock.now())).toBeNull();
    const [portalUser] = await api.portalUsers.list({ customerId: fx.customer.id });
    expect(portalUser).toMatchObject({ id: fx.portalUser.id, status: 'disabled' });
    // …and it cannot be switched back on while the contact stays archived.
    expect(
      await failure(
        api.portalUsers.setStatus({ id: fx.portalUser.id, version: portalUser!.version, status: 'active' }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
  });
});
