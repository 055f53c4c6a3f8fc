// The audit view through the router on real PostgreSQL: who changed which setting, when, from what to what,
// newest first with cursor paging and filters, never another organization's events; and the notification
// settings and templates refusing a stale save (even two admins saving over the defaults) without a trace.
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  createTestStaff,
  refusalOf,
  snapshotOrganization,
  type OrgFixture,
} from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function staffName(id: string): Promise<string> {
  const [row] = await t.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.id, id));
  return row!.name;
}

async function setup() {
  const clock = createTestClock(new Date('2026-03-02T15:00:00Z'));
  const fx: OrgFixture = await createOrgFixture(t.db, clock);
  const second = await createTestStaff(t.db, fx.org.id, 'admin', clock);
  return {
    clock,
    fx,
    admin: callerFor(t.db, fx.admin.token, clock),
    admin2: callerFor(t.db, second.token, clock),
    admin2Id: second.user.id,
    dispatcher: callerFor(t.db, fx.dispatcher.token, clock),
  };
}

describe('audit.list', () => {
  it('shows who changed which setting, when, from what to what, newest first', async () => {
    const { clock, fx, admin, admin2, admin2Id } = await setup();
    const other = await createOrgFixture(t.db, clock);
    const otherAdmin = callerFor(t.db, other.admin.token, clock);
    await otherAdmin.organization.update({ version: other.org.version, name: 'Somebody Else Co' });
    await otherAdmin.customFields.create({ kind: 'text', label: 'Their question' });

    const t1 = clock.now();
    await admin.organization.update({ version: fx.org.version, name: 'Northwind Heating' });
    clock.advance(60_000);
    const t2 = clock.now();
    const gate = await admin2.customFields.create({ kind: 'text', label: 'Gate code' });
    await admin2.customFields.update({ id: gate.id, version: gate.version, label: 'Gate or door code' });
    clock.advance(60_000);
    const t3 = clock.now();
    await admin.notifications.updateTemplate({
      type: 'reminder_24h',
      channel: 'sms',
      body: 'See you tomorrow, {{appointment.window}}.',
      version: 0,
    });
    await admin.notifications.updateSetting({
      type: 'reminder_24h',
      enabled: false,
      method: 'sms',
      version: 0,
    });

    const { items, nextCursor } = await admin.audit.list();
    expect(nextCursor).toBeNull();
    const adminName = await staffName(fx.admin.id);
    const secondName = await staffName(admin2Id);
    expect(
      items.map((e) => [e.entityType, e.action, e.entityLabel, e.actorName, e.createdAt.toISOString()]),
    ).toEqual([
      ['notification_setting', 'create', '24-hour reminder', adminName, t3.toISOString()],
      ['notification_template', 'create', '24-hour reminder (SMS)', adminName, t3.toISOString()],
      ['custom_field', 'update', 'Gate or door code', secondName, t2.toISOString()],
      ['custom_field', 'create', 'Gate or door code', secondName, t2.toISOString()],
      ['organization', 'update_settings', 'Northwind Heating', adminName, t1.toISOString()],
    ]);
    const [setting, template, fieldUpdate, , org] = items;
    expect(org!.changes.name).toEqual({ from: fx.org.name, to: 'Northwind Heating' });
    expect(org!).toMatchObject({ actorType: 'staff', actorId: fx.admin.id, entityId: fx.org.id });
    expect(fieldUpdate!.changes).toEqual({ label: { from: 'Gate code', to: 'Gate or door code' } });
    expect(template!.changes.body).toMatchObject({ to: 'See you tomorrow, {{appointment.window}}.' });
    // "from" is the built-in text the first save replaced
    expect(typeof template!.changes.body!.from).toBe('string');
    expect(template!.changes.body!.from).not.toBe(template!.changes.body!.to);
    expect(setting!.changes).toEqual({
      enabled: { from: true, to: false },
      method: { from: 'both', to: 'sms' },
    });

    // the other organization sees only its own two events
    const theirs = await otherAdmin.audit.list();
    expect(theirs.items.map((e) => [e.entityType, e.entityLabel])).toEqual([
      ['custom_field', 'Their question'],
      ['organization', 'Somebody Else Co'],
    ]);
    expect(JSON.stringify(theirs)).not.toContain(fx.org.id);
  });

  it('pages by cursor and filters by entity type or settings only', async () => {
    const { fx, admin } = await setup();
    for (const label of ['One', 'Two', 'Three', 'Four', 'Five']) {
      await admin.customFields.create({ kind: 'text', label });
    }
    // a non-setting event the settings filter must leave out
    await admin.windows.retire({ id: fx.afternoon.id, version: fx.afternoon.version });

    const first = await admin.audit.list({ limit: 2 });
    expect(first.items.map((e) => e.entityLabel)).toEqual([null, 'Five']);
    expect(first.items[0]!.entityType).toBe('appointment_window');
    const second = await admin.audit.list({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((e) => e.entityLabel)).toEqual(['Four', 'Three']);
    const third = await admin.audit.list({ limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((e) => e.entityLabel)).toEqual(['Two', 'One']);
    expect(third.nextCursor).toBeNull();
    const last = await admin.audit.list({ limit: 2, cursor: third.items[1]!.id });
    expect(last).toEqual({ items: [], nextCursor: null });

    const settings = await admin.audit.list({ settingsOnly: true });
    expect(settings.items.map((e) => e.entityLabel)).toEqual(['Five', 'Four', 'Three', 'Two', 'One']);
    const windows = await admin.audit.list({ entityType: 'appointment_window' });
    expect(windows.items.map((e) => [e.action, e.entityId])).toEqual([['retire', fx.afternoon.id]]);
    expect(await admin.audit.list({ entityType: 'staff_user' })).toEqual({ items: [], nextCursor: null });
  });

  it('is for admins only', async () => {
    const { dispatcher } = await setup();
    expect(await refusalOf(dispatcher.audit.list())).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('notification settings and templates under two admins', () => {
  it('tells the second admin saving over the defaults to reload, changing nothing', async () => {
    const { fx, admin, admin2 } = await setup();
    await admin.notifications.updateSetting({
      type: 'task_completed',
      enabled: false,
      method: 'email',
      version: 0,
    });
    await admin.notifications.updateTemplate({
      type: 'task_completed',
      channel: 'email',
      subject: 'Done',
      body: 'All done at {{site.address}}.',
      version: 0,
    });
    const before = await snapshotOrganization(t.db, fx.org.id);
    const setting = await refusalOf(
      admin2.notifications.updateSetting({
        type: 'task_completed',
        enabled: true,
        method: 'sms',
        version: 0,
      }),
    );
    expect(setting.code).toBe('CONFLICT');
    expect(setting.message).toContain('Reload');
    const template = await refusalOf(
      admin2.notifications.updateTemplate({
        type: 'task_completed',
        channel: 'email',
        subject: 'Finished',
        body: 'Finished.',
        version: 0,
      }),
    );
    expect(template.code).toBe('CONFLICT');
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('lets exactly one of two simultaneous saves over the defaults win', async () => {
    const { fx, admin, admin2 } = await setup();
    const results = await Promise.allSettled([
      admin.notifications.updateSetting({
        type: 'booking_invite',
        enabled: false,
        method: 'sms',
        version: 0,
      }),
      admin2.notifications.updateSetting({
        type: 'booking_invite',
        enabled: true,
        method: 'email',
        version: 0,
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(await refusalOf(Promise.reject(rejected!.reason))).toMatchObject({ code: 'CONFLICT' });
    const audit = await t.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.organizationId, fx.org.id));
    expect(audit.filter((a) => a.entityType === 'notification_setting')).toHaveLength(1);
  });
});
