// Portal users through the router on real PostgreSQL: invite, one per contact, roles, disable ends sessions, enable.
import { validateSessionToken } from '@portico/auth';
import { AppError } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { callerFor, createOrgFixture, createTestClock, snapshotOrganization } from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; field: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause;
    const field =
      cause instanceof ZodError
        ? cause.issues[0]?.path.join('.')
        : cause instanceof AppError
          ? cause.field
          : undefined;
    return { code: error.code, message: error.message, field };
  }
  throw new Error('expected the call to be refused');
}

async function setup() {
  const clock = createTestClock();
  const fx = await createOrgFixture(t.db, clock);
  return { clock, fx, api: callerFor(t.db, fx.dispatcher.token, clock) };
}

const portalUserRow = async (id: string) =>
  (await t.db.select().from(schema.portalUsers).where(eq(schema.portalUsers.id, id)))[0];

describe('portalUsers.create', () => {
  it('invites a contact (status invited, invitedAt now) and sends nothing', async () => {
    const { api, fx, clock } = await setup();
    const created = await api.portalUsers.create({
      contactId: fx.secondaryContact.id,
      role: 'account_admin',
    });
    expect(created).toMatchObject({
      customerId: fx.customer.id,
      customerName: 'Acme Bakery',
      contactId: fx.secondaryContact.id,
      contactName: 'Sam Second',
      contactEmail: 'sam@example.test',
      contactPhone: null,
      role: 'account_admin',
      status: 'invited',
      invitedAt: clock.now(),
      lastSignInAt: null,
      version: 1,
    });
    const sent = await t.db
      .select()
      .from(schema.notificationLog)
      .where(eq(schema.notificationLog.organizationId, fx.org.id));
    expect(sent).toEqual([]);
  });

  it('allows one portal user per contact', async () => {
    const { api, fx } = await setup();
    const before = await snapshotOrganization(t.db, fx.org.id);
    expect(
      await failure(api.portalUsers.create({ contactId: fx.primaryContact.id, role: 'contact' })),
    ).toEqual({
      code: 'CONFLICT',
      field: 'contactId',
      message: 'Pat Primary already has portal access. Change that portal user instead.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('needs a contact with a phone or an email, and not archived', async () => {
    const { api, fx } = await setup();
    // Contacts written by the API are always reachable; an imported row might not be.
    const [bare] = await t.db
      .insert(schema.contacts)
      .values({ organizationId: fx.org.id, customerId: fx.customer.id, name: 'Imported Ivy' })
      .returning();
    expect(await failure(api.portalUsers.create({ contactId: bare!.id, role: 'contact' }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'contactId',
      message: 'Imported Ivy has no phone number or email address to sign in with. Add one first.',
    });
    await api.contacts.archive({ id: fx.secondaryContact.id, version: 1 });
    expect(
      await failure(api.portalUsers.create({ contactId: fx.secondaryContact.id, role: 'contact' })),
    ).toMatchObject({
      code: 'CONFLICT',
      field: 'contactId',
    });
    expect(await failure(api.portalUsers.create({ contactId: 'x', role: 'contact' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'contactId',
    });
  });
});

describe('portalUsers.list', () => {
  it('lists with contact details and last sign-in, filtered by customer and status', async () => {
    const { api, fx, clock } = await setup();
    await t.db
      .update(schema.portalUsers)
      .set({ lastSignInAt: clock.now() })
      .where(eq(schema.portalUsers.id, fx.portalUser.id));
    const invited = await api.portalUsers.create({ contactId: fx.secondaryContact.id, role: 'contact' });
    const all = await api.portalUsers.list({});
    expect(all.map((p) => [p.contactName, p.status])).toEqual([
      ['Pat Primary', 'active'],
      ['Sam Second', 'invited'],
    ]);
    expect(all[0]).toMatchObject({
      contactPhone: '+15125550142',
      contactEmail: 'pat@example.test',
      lastSignInAt: clock.now(),
    });
    expect((await api.portalUsers.list({ status: 'invited' })).map((p) => p.id)).toEqual([invited.id]);
    expect((await api.portalUsers.list({ customerId: fx.customer.id })).map((p) => p.id)).toHaveLength(2);
    const other = await api.customers.create({ name: 'Other', kind: 'person' });
    expect(await api.portalUsers.list({ customerId: other.id })).toEqual([]);
  });
});

describe('portalUsers.setRole', () => {
  it('changes the role under optimistic locking', async () => {
    const { api, fx } = await setup();
    expect(
      await api.portalUsers.setRole({ id: fx.portalUser.id, version: 1, role: 'account_admin' }),
    ).toMatchObject({
      role: 'account_admin',
      version: 2,
    });
    const before = await portalUserRow(fx.portalUser.id);
    expect(
      (await failure(api.portalUsers.setRole({ id: fx.portalUser.id, version: 1, role: 'contact' }))).code,
    ).toBe('CONFLICT');
    expect(await portalUserRow(fx.portalUser.id)).toEqual(before);
    expect(
      await failure(api.portalUsers.setRole({ id: fx.portalUser.id, version: 2, role: 'owner' as never })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'role',
    });
  });
});

describe('portalUsers.setStatus', () => {
  it('disabling ends every session of the portal user at once', async () => {
    const { api, fx, clock } = await setup();
    expect(await validateSessionToken(t.db, fx.portalUser.token, clock.now())).not.toBeNull();
    const disabled = await api.portalUsers.setStatus({
      id: fx.portalUser.id,
      version: 1,
      status: 'disabled',
    });
    expect(disabled).toMatchObject({ status: 'disabled', disabledAt: clock.now(), version: 2 });
    const sessions = await t.db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.portalUserId, fx.portalUser.id));
    expect(sessions).toEqual([]);
    expect(await validateSessionToken(t.db, fx.portalUser.token, clock.now())).toBeNull();
    // The staff session that did it is untouched.
    expect(await validateSessionToken(t.db, fx.dispatcher.token, clock.now())).not.toBeNull();
  });

  it('enabling gives back invited to someone who never signed in, active to someone who did', async () => {
    const { api, fx, clock } = await setup();
    await api.portalUsers.setStatus({ id: fx.portalUser.id, version: 1, status: 'disabled' });
    const neverSignedIn = await api.portalUsers.setStatus({
      id: fx.portalUser.id,
      version: 2,
      status: 'active',
    });
    expect(neverSignedIn).toMatchObject({ status: 'invited', disabledAt: null, version: 3 });

    await t.db
      .update(schema.portalUsers)
      .set({ lastSignInAt: clock.now() })
      .where(eq(schema.portalUsers.id, fx.portalUser.id));
    await api.portalUsers.setStatus({ id: fx.portalUser.id, version: 3, status: 'disabled' });
    expect(
      await api.portalUsers.setStatus({ id: fx.portalUser.id, version: 4, status: 'active' }),
    ).toMatchObject({
      status: 'active',
      version: 5,
    });
    // Asking for the current state again changes nothing.
    expect(
      await api.portalUsers.setStatus({ id: fx.portalUser.id, version: 5, status: 'active' }),
    ).toMatchObject({
      status: 'active',
      version: 5,
    });
    const audit = await t.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.entityId, fx.portalUser.id));
    expect(audit.map((a) => a.action)).toEqual(['disable', 'enable', 'disable', 'enable']);
  });

  it('refuses a stale version with CONFLICT and keeps the sessions', async () => {
    const { api, fx, clock } = await setup();
    await api.portalUsers.setRole({ id: fx.portalUser.id, version: 1, role: 'account_admin' });
    const before = await portalUserRow(fx.portalUser.id);
    expect(
      (await failure(api.portalUsers.setStatus({ id: fx.portalUser.id, version: 1, status: 'disabled' })))
        .code,
    ).toBe('CONFLICT');
    expect(await portalUserRow(fx.portalUser.id)).toEqual(before);
    expect(await validateSessionToken(t.db, fx.portalUser.token, clock.now())).not.toBeNull();
    expect(
      await failure(
        api.portalUsers.setStatus({ id: fx.portalUser.id, version: 2, status: 'invited' as never }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'status' });
  });
});
