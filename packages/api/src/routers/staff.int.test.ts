// Staff users managed by admins: create, list, update, disable, through the router on real PostgreSQL.
import type { AppError } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../root';
import {
  callerFor,
  contextFor,
  createOrgFixture,
  createTestClock,
  type OrgFixture,
  type TestClock,
} from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const PASSWORD = 'correct horse battery staple';
let counter = 0;
const freshEmail = (label = 'staff') => `${label}-${++counter}-${Date.now()}@example.test`;
const freshIp = () => `10.200.${++counter & 255}.${Math.floor(Math.random() * 250) + 1}`;

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; field: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) {
      return {
        code: error.code,
        message: error.message,
        field: (error.cause as AppError | undefined)?.field,
      };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

function setup(clock: TestClock, fx: OrgFixture) {
  const admin = callerFor(t.db, fx.admin.token, clock);
  const signIn = (email: string, password = PASSWORD) =>
    createCaller({
      ...contextFor(t.db, null, clock),
      request: { ip: freshIp(), userAgent: 'vitest' },
    }).auth.signIn({
      email,
      password,
    });
  const create = (role: 'admin' | 'dispatcher' = 'dispatcher', email = freshEmail(role)) =>
    admin.staff.create({ email, name: `Name ${email}`, role, password: PASSWORD });
  return { admin, signIn, create };
}

const rowOf = async (id: string) =>
  (await t.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.id, id)))[0]!;
const auditOf = (id: string) =>
  t.db
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.entityType, 'staff_user'), eq(schema.auditEvents.entityId, id)));

describe('staff.create', () => {
  it('creates an active user who can sign in; no hash in the output or the audit trail', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const { admin, signIn } = setup(clock, fx);
    const created = await admin.staff.create({
      email: '  New.Person@Example.TEST ',
      name: ' New Person ',
      role: 'dispatcher',
      password: PASSWORD,
    });
    expect(created).toMatchObject({
      email: 'new.person@example.test',
      name: 'New Person',
      role: 'dispatcher',
      status: 'active',
      version: 1,
      lastSignInAt: null,
    });
    expect(Object.keys(created)).not.toContain('passwordHash');
    const row = await rowOf(created.id);
    expect(row.organizationId).toBe(fx.org.id);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);

    const audit = await auditOf(created.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actorId: fx.admin.id, organizationId: fx.org.id });
    expect(audit[0]!.changes.email).toEqual({ from: null, to: 'new.person@example.test' });
    expect(JSON.stringify(audit[0]!.changes)).not.toMatch(/argon2|password/i);

    expect((await signIn('NEW.PERSON@example.test')).user.id).toBe(created.id);
  });

  it('refuses an email already used anywhere in Portico, whatever its case', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const other = await createOrgFixture(t.db, clock);
    const { admin, create } = setup(clock, fx);
    const existing = await setup(clock, other).create('dispatcher');
    const before = await t.db
      .select()
      .from(schema.staffUsers)
      .where(eq(schema.staffUsers.organizationId, fx.org.id));

    const refused = await failure(create('dispatcher', existing.email.toUpperCase()));
    expect(refused).toEqual({
      code: 'CONFLICT',
      message: 'A staff user with this email already exists.',
      field: 'email',
    });
    // two admins creating the same new email at once: one wins, the other gets the same answer
    const email = freshEmail('race');
    const results = await Promise.allSettled([create('dispatcher', email), create('admin', email)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(await failure(Promise.reject(rejected.reason))).toMatchObject({
      code: 'CONFLICT',
      field: 'email',
    });

    const after = await t.db
      .select()
      .from(schema.staffUsers)
      .where(eq(schema.staffUsers.organizationId, fx.org.id));
    expect(after).toHaveLength(before.length + 1);
    expect(await admin.staff.list({})).toHaveLength(before.length + 1);
  });

  it('refuses a password under 12 or over 128 characters and a missing name', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const { admin } = setup(clock, fx);
    const base = { email: freshEmail(), name: 'Someone', role: 'dispatcher' as const };
    expect(await failure(admin.staff.create({ ...base, password: 'x'.repeat(11) }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await failure(admin.staff.create({ ...base, password: 'x'.repeat(129) }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await failure(admin.staff.create({ ...base, name: '   ', password: PASSWORD }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await failure(admin.staff.create({ ...base, email: 'nope', password: PASSWORD }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(
      await t.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.email, base.email)),
    ).toEqual([]);
  });
});

describe('staff.list', () => {
  it("lists only the organization's users, filters by status, and shows no hash", async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    await createOrgFixture(t.db, clock);
    const { admin, create } = setup(clock, fx);
    const off = await create();
    await admin.staff.setStatus({ id: off.id, version: off.version, status: 'disabled' });

    const all = await admin.staff.list();
    expect(all.map((u) => u.id).sort()).toEqual([fx.admin.id, fx.dispatcher.id, off.id].sort());
    expect(JSON.stringify(all)).not.toMatch(/not-a-real-hash|argon2|passwordHash/);
    expect((await admin.staff.list({ status: 'disabled' })).map((u) => u.id)).toEqual([off.id]);
    expect((await admin.staff.list({ status: 'active' })).map((u) => u.id).sort()).toEqual(
      [fx.admin.id, fx.dispatcher.id].sort(),
    );
  });
});

describe('staff.update', () => {
  it('renames and changes roles with optimistic versions', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const { admin } = setup(clock, fx);
    const promoted = await admin.staff.update({
      id: fx.dispatcher.id,
      version: 1,
      name: 'Dana Dispatch',
      role: 'admin',
    });
    expect(promoted).toMatchObject({ name: 'Dana Dispatch', role: 'admin', version: 2 });
    // the promoted user's existing session now has admin rights
    expect(await callerFor(t.db, fx.dispatcher.token, clock).staff.list()).toHaveLength(2);

    const stale = await failure(
      admin.staff.update({ id: fx.dispatcher.id, version: 1, name: 'Lost update' }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect((await rowOf(fx.dispatcher.id)).name).toBe('Dana Dispatch');

    const audit = await auditOf(fx.dispatcher.id);
    expect(audit.map((a) => a.changes)).toEqual([
      { name: { from: expect.any(String), to: 'Dana Dispatch' }, role: { from: 'dispatcher', to: 'admin' } },
    ]);
    expect((await failure(admin.staff.update({ id: crypto.randomUUID(), version: 1, name: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await failure(admin.staff.update({ id: 'not-a-uuid', version: 1, name: 'x' }))).code).toBe(
      'BAD_REQUEST',
    );
  });

  it('refuses to demote the last active admin, and lets it through once there is another', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const { admin, create } = setup(clock, fx);
    // a disabled admin does not count
    const disabledAdmin = await create('admin');
    await admin.staff.setStatus({ id: disabledAdmin.id, version: 1, status: 'disabled' });

    const refused = await failure(admin.staff.update({ id: fx.admin.id, version: 1, role: 'dispatcher' }));
    expect(refused).toEqual({
      code: 'PRECONDITION_FAILED',
      message: 'This is the only active admin of the organization. Make another staff user an admin first.',
      field: 'role',
    });
    expect(await rowOf(fx.admin.id)).toMatchObject({ role: 'admin', version: 1 });
    // renaming the last admin is fine
    expect((await admin.staff.update({ id: fx.admin.id, version: 1, name: 'Still Admin' })).version).toBe(2);

    await admin.staff.update({ id: fx.dispatcher.id, version: 1, role: 'admin' });
    expect((await admin.staff.update({ id: fx.admin.id, version: 2, role: 'dispatcher' })).role).toBe(
      'dispatcher',
    );
  });

  it('two admins demoting each other at the same moment: one wins, one admin remains', async () => {
    // a race is only a race some of the time: several rounds make a missing lock show up reliably
    for (let round = 0; round < 4; round++) {
      const clock = createTestClock();
      const fx = await createOrgFixture(t.db, clock);
      const { admin, signIn } = setup(clock, fx);
      const second = await admin.staff.create({
        email: freshEmail('admin'),
        name: 'Second',
        role: 'admin',
        password: PASSWORD,
      });
      const secondCaller = callerFor(t.db, (await signIn(second.email)).token, clock);
      const results = await Promise.allSettled([
        admin.staff.update({ id: second.id, version: 1, role: 'dispatcher' }),
        secondCaller.staff.update({ id: fx.admin.id, version: 1, role: 'dispatcher' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const admins = await t.db
        .select()
        .from(schema.staffUsers)
        .where(and(eq(schema.staffUsers.organizationId, fx.org.id), eq(schema.staffUsers.role, 'admin')));
      expect(admins).toHaveLength(1);
    }
  });
});

describe('staff.setStatus', () => {
  it('disabling ends every session of the user at once; they cannot sign in until enabled again', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const { admin, create, signIn } = setup(clock, fx);
    const user = await create();
    const tokens = [(await signIn(user.email)).token, (await signIn(user.email)).token];
    for (const token of tokens) expect((await callerFor(t.db, token, clock).auth.me()).user.id).toBe(user.id);

    const disabled = await admin.staff.setStatus({ id: user.id, version: 1, status: 'disabled' });
    expect(disabled).toMatchObject({ status: 'disabled', version: 2 });
    const sessions = await t.db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.staffUserId, user.id));
    expect(sessions).toEqual([]);
    for (const token of tokens)
      expect((await failure(callerFor(t.db, token, clock).auth.me())).code).toBe('UNAUTHORIZED');
    expect(await failure(signIn(user.email))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Email or password is incorrect.',
    });
    // other users keep their sessions
    expect((await callerFor(t.db, fx.dispatcher.token, clock).auth.me()).user.id).toBe(fx.dispatcher.id);

    const enabled = await admin.staff.setStatus({ id: user.id, version: 2, status: 'active' });
    expect(enabled).toMatchObject({ status: 'active', version: 3 });
    expect((await signIn(user.email)).user.id).toBe(user.id);
    expect((await auditOf(user.id)).map((a) => [a.action, a.changes])).toEqual([
      ['create', expect.anything()],
      ['disable', { status: { from: 'active', to: 'disabled' } }],
      ['enable', { status: { from: 'disabled', to: 'active' } }],
    ]);
  });

  it('an admin cannot disable themselves; a stale version changes nothing', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const { admin } = setup(clock, fx);
    expect(await failure(admin.staff.setStatus({ id: fx.admin.id, version: 1, status: 'disabled' }))).toEqual(
      {
        code: 'BAD_REQUEST',
        message: 'You cannot disable your own account. Ask another admin to do it.',
        field: 'status',
      },
    );
    expect((await admin.auth.me()).user.id).toBe(fx.admin.id);
    expect(await rowOf(fx.admin.id)).toMatchObject({ status: 'active', version: 1 });

    await admin.staff.update({ id: fx.dispatcher.id, version: 1, name: 'Renamed' });
    expect(
      (await failure(admin.staff.setStatus({ id: fx.dispatcher.id, version: 1, status: 'disabled' }))).code,
    ).toBe('CONFLICT');
    expect((await rowOf(fx.dispatcher.id)).status).toBe('active');
    expect((await callerFor(t.db, fx.dispatcher.token, clock).auth.me()).user.id).toBe(fx.dispatcher.id);
  });

  it('two admins disabling each other at the same moment: one wins, one active admin remains', async () => {
    for (let round = 0; round < 4; round++) {
      const clock = createTestClock();
      const fx = await createOrgFixture(t.db, clock);
      const { admin, signIn } = setup(clock, fx);
      const second = await admin.staff.create({
        email: freshEmail('admin'),
        name: 'Second',
        role: 'admin',
        password: PASSWORD,
      });
      const secondCaller = callerFor(t.db, (await signIn(second.email)).token, clock);
      const results = await Promise.allSettled([
        admin.staff.setStatus({ id: second.id, version: 1, status: 'disabled' }),
        secondCaller.staff.setStatus({ id: fx.admin.id, version: 1, status: 'disabled' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const active = await t.db
        .select()
        .from(schema.staffUsers)
        .where(
          and(
            eq(schema.staffUsers.organizationId, fx.org.id),
            eq(schema.staffUsers.role, 'admin'),
            eq(schema.staffUsers.status, 'active'),
          ),
        );
      expect(active).toHaveLength(1);
    }
  });
});
