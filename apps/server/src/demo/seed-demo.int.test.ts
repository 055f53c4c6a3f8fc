import { verifyPassword } from '@portico/auth';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseEmpty, localInstant, resetDemo, seedDemo } from './seed-demo';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

// A Sunday in DST on the east coast: "today" has no windows, so the demo must fall back to working days.
const sunday = { now: () => new Date('2026-07-12T14:30:00Z') };
// A Wednesday in winter, for a second reading of the same rules.
const wednesday = { now: () => new Date('2026-01-14T15:00:00Z') };

async function demoOrg() {
  const [org] = await t.db
    .select()
    .from(schema.organizations)
    .where(eq(schema.organizations.slug, 'northwind'));
  if (!org) throw new Error('demo organization missing');
  return org;
}

describe('seedDemo', () => {
  it('reports an empty database before the first seed', async () => {
    expect(await isDatabaseEmpty(t.db)).toBe(true);
  });

  it('seeds an organization with every task status and both scheduling modes', async () => {
    const credentials = await seedDemo(t.db, { clock: wednesday });
    expect(credentials).toEqual({
      adminEmail: 'admin@northwind.test',
      adminPassword: 'portico-admin-demo',
      dispatcherEmail: 'dispatcher@northwind.test',
      dispatcherPassword: 'portico-dispatch-demo',
      organizationSlug: 'northwind',
    });
    expect(await isDatabaseEmpty(t.db)).toBe(false);
    const org = await demoOrg();
    expect(org).toMatchObject({ name: 'Northwind Heating & Air', timeZone: 'America/New_York' });

    const tasks = await t.db.select().from(schema.tasks).where(eq(schema.tasks.organizationId, org.id));
    expect(new Set(tasks.map((task) => task.status))).toEqual(new Set(schema.taskStatus.enumValues));
    expect(new Set(tasks.map((task) => task.schedulingMode))).toEqual(
      new Set(schema.schedulingMode.enumValues),
    );
    for (const task of tasks) {
      if (task.status === 'cancelled' || task.status === 'failed') expect(task.statusReason).toBeTruthy();
      if (['en_route', 'in_progress', 'completed'].includes(task.status))
        expect(task.technicianId).not.toBeNull();
      if (task.status === 'unscheduled') {
        expect(task.appointmentDate).toBeNull();
        expect(task.appointmentVersion).toBe(0);
      } else if (task.status !== 'cancelled') {
        expect(task.appointmentDate).not.toBeNull();
        expect(task.appointmentVersion).toBeGreaterThanOrEqual(1);
      }
      expect(task.createdAt.getTime()).toBeLessThanOrEqual(wednesday.now().getTime());
      expect(task.statusChangedAt.getTime()).toBeLessThanOrEqual(wednesday.now().getTime());
    }
    const numbers = tasks.map((task) => task.number);
    expect(org.nextTaskNumber).toBeGreaterThan(Math.max(...numbers));
    expect(new Set(numbers).size).toBe(numbers.length);
    // history, today and the next two weeks
    const today = '2026-01-14';
    expect(tasks.some((task) => task.appointmentDate && task.appointmentDate < today)).toBe(true);
    expect(tasks.some((task) => task.appointmentDate === today)).toBe(true);
    expect(tasks.some((task) => task.appointmentDate && task.appointmentDate > today)).toBe(true);
  });

  it('computes each appointment in its site time zone, across both zones', async () => {
    const org = await demoOrg();
    const rows = await t.db
      .select({ task: schema.tasks, site: schema.sites, window: schema.appointmentWindows })
      .from(schema.tasks)
      .innerJoin(schema.sites, eq(schema.sites.id, schema.tasks.siteId))
      .innerJoin(schema.appointmentWindows, eq(schema.appointmentWindows.id, schema.tasks.windowId))
      .where(eq(schema.tasks.organizationId, org.id));
    expect(new Set(rows.map((r) => r.site.timeZone))).toEqual(
      new Set(['America/New_York', 'America/Denver']),
    );
    for (const { task, site, window } of rows) {
      expect(task.customerId).toBe(site.customerId);
      expect(task.appointmentStart).toEqual(
        localInstant(task.appointmentDate!, window.startTime, site.timeZone),
      );
      expect(task.appointmentEnd).toEqual(localInstant(task.appointmentDate!, window.endTime, site.timeZone));
    }
    // 08:00 in Denver in January is 15:00 UTC; in New York 13:00 UTC.
    expect(localInstant('2026-01-15', '08:00:00', 'America/Denver').toISOString()).toBe(
      '2026-01-15T15:00:00.000Z',
    );
    expect(localInstant('2026-07-15', '08:00:00', 'America/New_York').toISOString()).toBe(
      '2026-07-15T12:00:00.000Z',
    );
  });

  it('never books a window over its capacity on any day, and only on the days it is offered', async () => {
    const org = await demoOrg();
    const overbooked = await t.db.execute(sql`
      select w.name, t.appointment_date, count(*)::int as booked, w.capacity_per_day
      from tasks t join appointment_windows w on w.id = t.window_id
      where t.organization_id = ${org.id} and t.status not in ('cancelled', 'failed')
      group by w.id, t.appointment_date
      having count(*) > w.capacity_per_day`);
    expect(overbooked).toEqual([]);
    const offDays = await t.db.execute(sql`
      select t.number from tasks t join appointment_windows w on w.id = t.window_id
      where t.organization_id = ${org.id}
        and not (extract(isodow from t.appointment_date)::smallint = any (w.days_of_week))`);
    expect(offDays).toEqual([]);
    // one window is filled to the brim, so the portal shows a full window
    const full = await t.db.execute(sql`
      select 1 from tasks t join appointment_windows w on w.id = t.window_id
      where t.organization_id = ${org.id} and t.status not in ('cancelled', 'failed')
      group by w.id, t.appointment_date having count(*) = w.capacity_per_day`);
    expect(full.length).toBeGreaterThan(0);
  });

  it('stores staff passwords that verify, customers with contacts, sites and portal users', async () => {
    const org = await demoOrg();
    const staff = await t.db
      .select()
      .from(schema.staffUsers)
      .where(eq(schema.staffUsers.organizationId, org.id));
    const admin = staff.find((s) => s.email === 'admin@northwind.test');
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword(admin!.passwordHash, 'portico-admin-demo')).toBe(true);
    expect(await verifyPassword(admin!.passwordHash, 'portico-dispatch-demo')).toBe(false);
    const dispatcher = staff.find((s) => s.email === 'dispatcher@northwind.test');
    expect(dispatcher?.role).toBe('dispatcher');
    expect(await verifyPassword(dispatcher!.passwordHash, 'portico-dispatch-demo')).toBe(true);

    const customers = await t.db
      .select()
      .from(schema.customers)
      .where(eq(schema.customers.organizationId, org.id));
    expect(customers).toHaveLength(12);
    expect(new Set(customers.map((c) => c.kind))).toEqual(new Set(['person', 'company']));
    const contacts = await t.db
      .select()
      .from(schema.contacts)
      .where(eq(schema.contacts.organizationId, org.id));
    for (const contact of contacts) {
      if (contact.phone) expect(contact.phone).toMatch(/^\+1\d{3}55501\d{2}$/);
      if (contact.email) expect(contact.email).toMatch(/@example\.com$/);
    }
    const sites = await t.db.select().from(schema.sites).where(eq(schema.sites.organizationId, org.id));
    expect(sites.every((s) => s.primaryContactId !== null)).toBe(true);
    expect(sites.some((s) => s.secondaryContactId !== null)).toBe(true);
    const portalUsers = await t.db
      .select()
      .from(schema.portalUsers)
      .where(eq(schema.portalUsers.organizationId, org.id));
    expect(new Set(portalUsers.map((p) => p.status))).toEqual(new Set(['active', 'invited']));
    const fields = await t.db
      .select()
      .from(schema.customFieldDefinitions)
      .where(eq(schema.customFieldDefinitions.organizationId, org.id));
    // the portal's questions: the live ones in order, the earlier ones retired (past visits keep their answers)
    const live = fields.filter((f) => f.retiredAt === null).sort((a, b) => a.sortOrder - b.sortOrder);
    expect(live.map((f) => [f.kind, f.label, f.required])).toEqual([
      ['static', expect.any(String), false],
      ['toggle', 'Someone 18 or older will be home', true],
      ['dropdown', 'Where should we park?', false],
      ['text', 'Gate or door code', true],
    ]);
    const parking = live.find((f) => f.kind === 'dropdown')!;
    expect(parking.options).toContain(parking.defaultValue);
    expect(fields.some((f) => f.kind === 'static')).toBe(true);
  });

  it('reseeds the same demo after resetDemo, leaving other organizations alone', async () => {
    const [other] = await t.db
      .insert(schema.organizations)
      .values({ slug: 'other-co', name: 'Other Co' })
      .returning();
    const before = await demoOrg();
    const countTasks = async (organizationId: string) =>
      (await t.db.select().from(schema.tasks).where(eq(schema.tasks.organizationId, organizationId))).length;
    const taskCount = await countTasks(before.id);
    const admin = (
      await t.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.organizationId, before.id))
    )[0]!;
    // a session of a demo user must not block the reset
    await t.db.insert(schema.sessions).values({
      id: 'demo-session',
      secretHash: new Uint8Array(32),
      organizationId: before.id,
      subject: 'staff',
      staffUserId: admin.id,
      idleExpiresAt: new Date('2030-01-01'),
      absoluteExpiresAt: new Date('2030-01-01'),
    });

    expect(await resetDemo(t.db)).toBe(true);
    expect(
      await t.db.select().from(schema.organizations).where(eq(schema.organizations.slug, 'northwind')),
    ).toEqual([]);
    expect(await resetDemo(t.db)).toBe(false);

    await seedDemo(t.db, { clock: sunday });
    const after = await demoOrg();
    expect(after.id).not.toBe(before.id);
    expect(await countTasks(after.id)).toBe(taskCount);
    const todayTasks = await t.db
      .select()
      .from(schema.tasks)
      .where(and(eq(schema.tasks.organizationId, after.id), eq(schema.tasks.status, 'in_progress')));
    // Sunday has no windows: today's field work lands on the Saturday before
    expect(todayTasks.every((task) => task.appointmentDate === '2026-07-11')).toBe(true);
    expect(
      await t.db.select().from(schema.organizations).where(eq(schema.organizations.id, other!.id)),
    ).toHaveLength(1);
  });
});
