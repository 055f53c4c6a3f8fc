// The signed-in customer's appointments through the router on real PostgreSQL: what a contact and an
// account_admin see, the list and the page, availability, booking and rescheduling until the cut-off, cancel in
// both policy modes, answers by kind, confirmation, the notifications a booking enqueues, and refusals that
// change nothing.
import { createSession, portalLifetimes } from '@portico/auth';
import { createCustomField } from '@portico/core/custom-fields/create-custom-field';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  refusalOf,
  snapshotOrganization,
  type Caller,
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

const HOUR = 3_600_000;
const missingId = '00000000-0000-4000-8000-000000000000';

type Setup = { clock: TestClock; fx: OrgFixture; pat: Caller; dispatcher: Caller };

/** The fixture at Mon 2 Mar 2026, 09:00 in Austin; Pat (the site's primary contact) signed in to the portal. */
async function setup(now = '2026-03-02T15:00:00Z'): Promise<Setup> {
  const clock = createTestClock(new Date(now));
  const fx = await createOrgFixture(t.db, clock);
  return {
    clock,
    fx,
    pat: callerFor(t.db, fx.portalUser.token, clock),
    dispatcher: callerFor(t.db, fx.dispatcher.token, clock),
  };
}

function one<T>(rows: T[]): T {
  if (!rows[0]) throw new Error('row not inserted');
  return rows[0];
}

async function setPolicy(fx: OrgFixture, values: Partial<typeof schema.organizations.$inferInsert>) {
  await t.db.update(schema.organizations).set(values).where(eq(schema.organizations.id, fx.org.id));
}

/** A contact of `customerId` with a signed-in portal user. */
async function addPortalUser(
  s: Setup,
  options: { customerId?: string; role?: 'contact' | 'account_admin'; name?: string } = {},
) {
  const organizationId = s.fx.org.id;
  const customerId = options.customerId ?? s.fx.customer.id;
  const contact = one(
    await t.db
      .insert(schema.contacts)
      .values({ organizationId, customerId, name: options.name ?? 'Casey Contact', email: 'c@example.test' })
      .returning(),
  );
  const user = one(
    await t.db
      .insert(schema.portalUsers)
      .values({
        organizationId,
        customerId,
        contactId: contact.id,
        role: options.role ?? 'contact',
        status: 'active',
      })
      .returning(),
  );
  const session = await createSession(t.db, {
    subject: 'portal',
    organizationId,
    userId: user.id,
    now: s.clock.now(),
    lifetimes: portalLifetimes(s.fx.org),
  });
  return { contact, user, caller: callerFor(t.db, session.token, s.clock) };
}

let taskNumber = 100;

async function addSite(s: Setup, values: { customerId?: string; primaryContactId?: string | null } = {}) {
  return one(
    await t.db
      .insert(schema.sites)
      .values({
        organizationId: s.fx.org.id,
        customerId: values.customerId ?? s.fx.customer.id,
        addressLine1: '9 Elm St',
        city: 'Denver',
        region: 'CO',
        postalCode: '80202',
        timeZone: 'America/Denver',
        primaryContactId: values.primaryContactId ?? null,
      })
      .returning(),
  );
}

async function addTask(s: Setup, values: Partial<typeof schema.tasks.$inferInsert> = {}) {
  return one(
    await t.db
      .insert(schema.tasks)
      .values({
        organizationId: s.fx.org.id,
        number: taskNumber++,
        customerId: s.fx.customer.id,
        siteId: s.fx.site.id,
        serviceType: 'Furnace tune-up',
        status: 'unscheduled',
        schedulingMode: 'customer_selects',
        ...values,
      })
      .returning(),
  );
}

async function taskRow(id: string) {
  return one(await t.db.select().from(schema.tasks).where(eq(schema.tasks.id, id)));
}

async function outboxTypes(taskId: string): Promise<string[]> {
  const rows = await t.db
    .select({ type: sql<string>`${schema.jobOutbox.data} ->> 'type'` })
    .from(schema.jobOutbox)
    .where(sql`${schema.jobOutbox.data} ->> 'taskId' = ${taskId}`)
    .orderBy(asc(schema.jobOutbox.createdAt));
  return rows.map((r) => r.type);
}

async function reminders(taskId: string) {
  return t.db
    .select({
      version: schema.scheduledReminders.appointmentVersion,
      status: schema.scheduledReminders.status,
    })
    .from(schema.scheduledReminders)
    .where(eq(schema.scheduledReminders.taskId, taskId))
    .orderBy(asc(schema.scheduledReminders.appointmentVersion));
}

describe('scope', () => {
  it('shows a contact the tasks of their sites and an account_admin the whole customer', async () => {
    const s = await setup();
    const { fx } = s;
    // a second site of the same customer where Pat is not a contact
    const otherSite = await addSite(s);
    const elsewhere = await addTask(s, { siteId: otherSite.id });
    const casey = await addPortalUser(s);
    const admin = await addPortalUser(s, { role: 'account_admin', name: 'Alex Admin' });
    const ids = async (caller: Caller) => {
      const list = await caller.portal.appointments();
      return [...list.upcoming, ...list.past].map((a) => a.id).sort();
    };
    expect(await ids(s.pat)).toEqual([fx.unscheduledTask.id, fx.scheduledTask.id].sort());
    expect(await ids(casey.caller)).toEqual([]);
    expect(await ids(admin.caller)).toEqual(
      [fx.unscheduledTask.id, fx.scheduledTask.id, elsewhere.id].sort(),
    );
    // the secondary contact of a site sees it too
    await t.db
      .update(schema.sites)
      .set({ secondaryContactId: casey.contact.id })
      .where(eq(schema.sites.id, otherSite.id));
    expect(await ids(casey.caller)).toEqual([elsewhere.id]);
    expect((await admin.caller.portal.appointment({ taskId: elsewhere.id })).id).toBe(elsewhere.id);
    expect(await refusalOf(s.pat.portal.appointment({ taskId: elsewhere.id }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Appointment was not found.',
    });
  });

  it("answers another customer's task, and made-up ids, NOT_FOUND on every procedure, changing nothing", async () => {
    const s = await setup();
    const { fx } = s;
    const rival = one(
      await t.db
        .insert(schema.customers)
        .values({ organizationId: fx.org.id, name: 'Rival Diner', kind: 'company' })
        .returning(),
    );
    const rivalSite = await addSite(s, { customerId: rival.id });
    const rivalTask = await addTask(s, { customerId: rival.id, siteId: rivalSite.id });
    // even an account_admin sees only their own customer
    const admin = await addPortalUser(s, { role: 'account_admin' });
    const before = await snapshotOrganization(t.db, fx.org.id);
    for (const caller of [s.pat, admin.caller]) {
      for (const taskId of [rivalTask.id, missingId]) {
        const calls = [
          () => caller.portal.appointment({ taskId }),
          () => caller.portal.availability({ taskId }),
          () => caller.portal.book({ taskId, version: 1, date: '2026-03-12', windowId: fx.morning.id }),
          () => caller.portal.cancel({ taskId, version: 1 }),
          () => caller.portal.answer({ taskId, fieldId: fx.customField.id, value: true }),
          () => caller.portal.confirm({ taskId, version: 1 }),
        ];
        for (const call of calls) {
          expect(await refusalOf(call())).toMatchObject({
            code: 'NOT_FOUND',
            message: 'Appointment was not found.',
          });
        }
      }
    }
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });
});

describe('portal.me', () => {
  it('answers the organization as the portal shows it, the portal user and the customer', async () => {
    const s = await setup();
    await setPolicy(s.fx, {
      officePhone: '+15125550100',
      labels: { 'portal.title': 'Your visits', bogus: 'x' },
    });
    const me = await s.pat.portal.me();
    expect(me).toEqual({
      organization: {
        slug: s.fx.org.slug,
        name: s.fx.org.name,
        logoUrl: null,
        primaryColor: '#1f6feb',
        accentColor: '#f59e0b',
        labels: expect.objectContaining({
          'portal.title': 'Your visits',
          'appointments.past': 'Past',
        }) as unknown,
        loginMode: 'otp',
        officePhone: '+15125550100',
      },
      portalUser: { id: s.fx.portalUser.id, name: 'Pat Primary', role: 'contact' },
      customer: { id: s.fx.customer.id, name: 'Acme Bakery' },
    });
    expect(me.organization.labels).not.toHaveProperty('bogus');
  });
});

describe('portal.appointments', () => {
  it('lists open ones soonest first (unbooked last) and closed ones most recent first', async () => {
    const s = await setup();
    const { fx } = s;
    await setPolicy(fx, { confirmationFlow: true });
    const soon = await addTask(s, {
      status: 'scheduled',
      schedulingMode: 'prebooked',
      appointmentDate: '2026-03-04',
      windowId: fx.afternoon.id,
      // 12:00-16:00 CST
      appointmentStart: new Date('2026-03-04T18:00:00Z'),
      appointmentEnd: new Date('2026-03-04T22:00:00Z'),
      appointmentVersion: 1,
      confirmationState: 'pending',
    });
    const prebookedWaiting = await addTask(s, { schedulingMode: 'prebooked' });
    const doneLongAgo = await addTask(s, {
      status: 'completed',
      appointmentDate: '2026-01-10',
      windowId: fx.morning.id,
      appointmentStart: new Date('2026-01-10T14:00:00Z'),
      appointmentEnd: new Date('2026-01-10T18:00:00Z'),
    });
    const cancelledRecently = await addTask(s, {
      status: 'cancelled',
      statusChangedAt: new Date('2026-02-20T12:00:00Z'),
    });
    const failed = await addTask(s, {
      status: 'failed',
      appointmentDate: '2026-02-01',
      windowId: fx.morning.id,
      appointmentStart: new Date('2026-02-01T14:00:00Z'),
      appointmentEnd: new Date('2026-02-01T18:00:00Z'),
    });
    // yesterday's visit the office has not closed yet is behind the customer; a technician at work is not
    const leftOpenYesterday = await addTask(s, {
      status: 'confirmed',
      appointmentDate: '2026-03-01',
      windowId: fx.morning.id,
      appointmentStart: new Date('2026-03-01T14:00:00Z'),
      appointmentEnd: new Date('2026-03-01T18:00:00Z'),
    });
    const runningLate = await addTask(s, {
      status: 'in_progress',
      appointmentDate: '2026-03-02',
      windowId: fx.morning.id,
      appointmentStart: new Date('2026-03-02T14:00:00Z'),
      appointmentEnd: new Date('2026-03-02T14:30:00Z'),
    });
    const list = await s.pat.portal.appointments();
    expect(list.upcoming.map((a) => a.id)).toEqual([
      runningLate.id,
      soon.id,
      fx.scheduledTask.id,
      fx.unscheduledTask.id,
      prebookedWaiting.id,
    ]);
    expect(list.past.map((a) => a.id)).toEqual([
      leftOpenYesterday.id,
      cancelledRecently.id,
      failed.id,
      doneLongAgo.id,
    ]);

    const [, first, second, third, fourth] = list.upcoming;
    expect(first).toMatchObject({
      number: soon.number,
      status: 'scheduled',
      timeZone: 'America/Chicago',
      date: '2026-03-04',
      window: { name: 'Afternoon', startLocal: '12:00', endLocal: '16:00' },
      address: { line1: '100 Congress Ave', line2: null, city: 'Austin', region: 'TX', postalCode: '78701' },
      technicianName: null,
      confirmationState: 'pending',
      needsAction: 'confirm',
    });
    // after the clocks went forward the same window is 13:00 UTC, still 08:00 at the site
    expect(second).toMatchObject({
      window: {
        name: 'Morning',
        start: new Date('2026-03-10T13:00:00Z'),
        startLocal: '08:00',
        endLocal: '12:00',
      },
      technicianName: 'Tess Tech',
      needsAction: null,
    });
    expect(third).toMatchObject({ date: null, window: null, needsAction: 'pick_window' });
    // a prebooked task waits for a dispatcher, not for the customer
    expect(fourth).toMatchObject({ needsAction: null });
  });
});

describe('portal.appointment', () => {
  it('answers the page: details, timeline, booking until the cut-off, cancel, confirmation and fields', async () => {
    const s = await setup();
    const { fx } = s;
    await setPolicy(fx, { officePhone: '+15125550100', rescheduleCutoffHours: 48 });
    await t.db
      .update(schema.tasks)
      .set({ description: 'Rattles at night' })
      .where(eq(schema.tasks.id, fx.scheduledTask.id));
    const page = await s.pat.portal.appointment({ taskId: fx.scheduledTask.id });
    expect(page).toMatchObject({
      id: fx.scheduledTask.id,
      version: 1,
      appointmentVersion: 1,
      description: 'Rattles at night',
      serviceDetailsHidden: false,
      statusReason: null,
      booking: {
        canBook: true,
        blockedReason: null,
        cutoffAt: new Date('2026-03-08T13:00:00Z'),
        cutoffHours: 48,
      },
      cancel: { mode: 'portal', isOpen: true, phone: '+15125550100' },
      confirmation: { enabled: false, state: 'not_required', canConfirm: false, blockedReason: null },
      officePhone: '+15125550100',
    });
    expect(page.cancel.message).toBeTruthy();
    expect(page.timeline.map((x) => [x.status, x.state])).toEqual([
      ['scheduled', 'current'],
      ['en_route', 'upcoming'],
      ['in_progress', 'upcoming'],
      ['completed', 'upcoming'],
    ]);
    expect(page.fields).toEqual([
      {
        id: fx.customField.id,
        kind: 'toggle',
        label: 'Pets on site?',
        description: null,
        required: true,
        options: [],
        defaultValue: false,
        answer: null,
        isMissing: true,
      },
    ]);

    // hidden service details; after the cut-off the page explains and gives the office phone
    await setPolicy(fx, { hideServiceDetails: true });
    s.clock.set(new Date('2026-03-08T13:00:00Z'));
    const late = await s.pat.portal.appointment({ taskId: fx.scheduledTask.id });
    expect(late).toMatchObject({
      description: null,
      serviceDetailsHidden: true,
      booking: {
        canBook: false,
        blockedReason:
          'Changes are no longer possible online this close to your appointment. Call us at (512) 555-0100.',
      },
    });
    await setPolicy(fx, { officePhone: null });
    expect((await s.pat.portal.appointment({ taskId: fx.scheduledTask.id })).booking.blockedReason).toBe(
      'Changes are no longer possible online this close to your appointment. Please call our office.',
    );

    const unbooked = await s.pat.portal.appointment({ taskId: fx.unscheduledTask.id });
    expect(unbooked.booking).toEqual({ canBook: true, blockedReason: null, cutoffAt: null, cutoffHours: 48 });
  });

  it('keeps the retired questions off the page and orders the live ones', async () => {
    const s = await setup();
    const { fx } = s;
    const ctx = {
      db: t.db,
      clock: s.clock,
      organizationId: fx.org.id,
      actor: { type: 'system', id: null } as const,
    };
    await createCustomField(ctx, { kind: 'static', label: 'Clear 3 feet around the unit', sortOrder: 0 });
    const retired = await createCustomField(ctx, { kind: 'text', label: 'Old question', sortOrder: 5 });
    await t.db
      .update(schema.customFieldDefinitions)
      .set({ retiredAt: s.clock.now() })
      .where(eq(schema.customFieldDefinitions.id, retired.id));
    await createCustomField(ctx, {
      kind: 'dropdown',
      label: 'Where should we park?',
      options: ['Driveway', 'Street'],
      defaultValue: 'Driveway',
      required: true,
    });
    const page = await s.pat.portal.appointment({ taskId: fx.scheduledTask.id });
    expect(page.fields.map((f) => [f.label, f.kind, f.required, f.defaultValue, f.isMissing])).toEqual([
      ['Clear 3 feet around the unit', 'static', false, null, false],
      ['Pets on site?', 'toggle', true, false, true],
      ['Where should we park?', 'dropdown', true, 'Driveway', false],
    ]);
  });
});

describe('portal.availability', () => {
  it("answers the coming two weeks at the site from today, without started or full windows, marking the task's own", async () => {
    const s = await setup();
    const { fx } = s;
    // fill the Afternoon of Wed 4 Mar
    for (let i = 0; i < 3; i++) {
      await addTask(s, {
        status: 'scheduled',
        appointmentDate: '2026-03-04',
        windowId: fx.afternoon.id,
        appointmentStart: new Date('2026-03-04T18:00:00Z'),
        appointmentEnd: new Date('2026-03-04T22:00:00Z'),
      });
    }
    const availability = await s.pat.portal.availability({ taskId: fx.unscheduledTask.id });
    expect(availability.timeZone).toBe('America/Chicago');
    expect(availability.days).toHaveLength(14);
    expect(availability.days[0]!.date).toBe('2026-03-02');
    expect(availability.days.at(-1)!.date).toBe('2026-03-15');
    // 09:00 in Austin: the Morning has started
    expect(availability.days[0]!.windows.map((w) => w.name)).toEqual(['Afternoon']);
    expect(availability.days.find((d) => d.date === '2026-03-04')!.windows.map((w) => w.name)).toEqual([
      'Morning',
    ]);
    expect(availability.days[1]!.windows[0]).toMatchObject({
      name: 'Morning',
      startLocal: '08:00',
      endLocal: '12:00',
      start: new Date('2026-03-03T14:00:00Z'),
      remaining: 3,
      isCurrent: false,
    });

    // the booked task sees its own window even when it is full
    for (let i = 0; i < 2; i++) {
      await addTask(s, {
        status: 'scheduled',
        appointmentDate: '2026-03-10',
        windowId: fx.morning.id,
        appointmentStart: new Date('2026-03-10T13:00:00Z'),
        appointmentEnd: new Date('2026-03-10T17:00:00Z'),
      });
    }
    const own = await s.pat.portal.availability({ taskId: fx.scheduledTask.id, from: '2026-03-10', days: 1 });
    expect(own.days).toEqual([
      {
        date: '2026-03-10',
        windows: [
          expect.objectContaining({ name: 'Morning', remaining: 0, isCurrent: true }),
          expect.objectContaining({ name: 'Afternoon', remaining: 3, isCurrent: false }),
        ],
      },
    ]);
    expect((await refusalOf(s.pat.portal.availability({ taskId: fx.scheduledTask.id, days: 29 }))).code).toBe(
      'BAD_REQUEST',
    );
  });
});

describe('portal.book', () => {
  it('books, confirms it to the customer, re-arms the reminder, and reschedules until the cut-off', async () => {
    const s = await setup();
    const { fx } = s;
    await setPolicy(fx, { confirmationFlow: true, officePhone: '+15125550100' });
    const booked = await s.pat.portal.book({
      taskId: fx.unscheduledTask.id,
      version: 1,
      date: '2026-03-05',
      windowId: fx.afternoon.id,
    });
    expect(booked).toMatchObject({
      status: 'scheduled',
      date: '2026-03-05',
      window: { name: 'Afternoon', startLocal: '12:00', endLocal: '16:00' },
      appointmentVersion: 1,
      version: 2,
      confirmationState: 'pending',
      needsAction: 'confirm',
      confirmation: {
        enabled: true,
        canConfirm: false,
        blockedReason: 'Turn on “Pets on site?” to confirm.',
      },
    });
    expect(booked.timeline[0]).toEqual({ status: 'scheduled', state: 'current', at: s.clock.now() });
    expect(await outboxTypes(fx.unscheduledTask.id)).toEqual(['booking_confirmation']);
    expect(await reminders(fx.unscheduledTask.id)).toEqual([{ version: 1, status: 'pending' }]);
    const [audit] = await t.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(eq(schema.auditEvents.entityId, fx.unscheduledTask.id), eq(schema.auditEvents.action, 'book')),
      );
    expect(audit).toMatchObject({ actorType: 'portal', actorId: fx.portalUser.id });

    const moved = await s.pat.portal.book({
      taskId: fx.unscheduledTask.id,
      version: 2,
      date: '2026-03-06',
      windowId: fx.morning.id,
    });
    expect(moved).toMatchObject({ date: '2026-03-06', appointmentVersion: 2, version: 3 });
    expect(await outboxTypes(fx.unscheduledTask.id)).toEqual([
      'booking_confirmation',
      'booking_confirmation',
    ]);
    expect(await reminders(fx.unscheduledTask.id)).toEqual([
      { version: 1, status: 'cancelled' },
      { version: 2, status: 'pending' },
    ]);
    // the same window again is no change
    const same = await s.pat.portal.book({
      taskId: fx.unscheduledTask.id,
      version: 3,
      date: '2026-03-06',
      windowId: fx.morning.id,
    });
    expect(same).toMatchObject({ appointmentVersion: 2, version: 3 });

    // Fri 6 Mar 08:00 CST is 14:00 UTC; the default cut-off is 24 hours
    s.clock.set(new Date('2026-03-05T14:00:00Z'));
    const before = await snapshotOrganization(t.db, fx.org.id);
    expect(
      await refusalOf(
        s.pat.portal.book({
          taskId: fx.unscheduledTask.id,
          version: 3,
          date: '2026-03-12',
          windowId: fx.morning.id,
        }),
      ),
    ).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message:
        'Changes are no longer possible online this close to your appointment. Call us at (512) 555-0100.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
    s.clock.set(new Date('2026-03-05T13:59:00Z'));
    expect(
      (
        await s.pat.portal.book({
          taskId: fx.unscheduledTask.id,
          version: 3,
          date: '2026-03-12',
          windowId: fx.morning.id,
        })
      ).appointmentVersion,
    ).toBe(3);
  });

  it('refuses a stale version, a full window, a started window and a closed task, changing nothing', async () => {
    const s = await setup();
    const { fx } = s;
    await s.dispatcher.tasks.create({
      customerId: fx.customer.id,
      siteId: fx.site.id,
      serviceType: 'AC repair',
      schedulingMode: 'prebooked',
      appointment: { date: '2026-03-10', windowId: fx.morning.id },
    });
    await s.dispatcher.tasks.create({
      customerId: fx.customer.id,
      siteId: fx.site.id,
      serviceType: 'AC repair',
      schedulingMode: 'prebooked',
      appointment: { date: '2026-03-10', windowId: fx.morning.id },
    });
    const closed = await addTask(s, { status: 'completed' });
    const before = await snapshotOrganization(t.db, fx.org.id);
    const book = (input: Partial<{ taskId: string; version: number; date: string; windowId: string }>) =>
      refusalOf(
        s.pat.portal.book({
          taskId: fx.unscheduledTask.id,
          version: 1,
          date: '2026-03-10',
          windowId: fx.morning.id,
          ...input,
        }),
      );
    expect(await book({})).toEqual({
      code: 'CONFLICT',
      message: 'The Morning window on Tue 10 Mar is full (3 of 3 booked). Pick another window or day.',
      field: 'windowId',
      issues: [],
    });
    expect(await book({ version: 2, windowId: fx.afternoon.id })).toMatchObject({
      code: 'CONFLICT',
      message:
        'This appointment was changed by someone else since you opened it. Reload to see the latest version, then make your change again.',
    });
    expect(await book({ date: '2026-03-02' })).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The Morning window on Mon 2 Mar has already started. Pick a later window or day.',
      field: 'windowId',
    });
    expect(await book({ windowId: missingId })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await book({ date: '2026-02-30' })).toMatchObject({ code: 'BAD_REQUEST', field: 'date' });
    expect(await book({ taskId: closed.id, windowId: fx.afternoon.id })).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This appointment is complete.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('lets exactly one of two customers take the last place of a window', async () => {
    const s = await setup();
    const { fx } = s;
    const small = one(
      await t.db
        .insert(schema.appointmentWindows)
        .values({
          organizationId: fx.org.id,
          name: 'Lunch',
          startTime: '12:00:00',
          endTime: '13:00:00',
          daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
          capacityPerDay: 1,
        })
        .returning(),
    );
    const neighbour = one(
      await t.db
        .insert(schema.customers)
        .values({ organizationId: fx.org.id, name: 'Neighbour', kind: 'person' })
        .returning(),
    );
    const other = await addPortalUser(s, { customerId: neighbour.id, name: 'Nia Neighbour' });
    const otherSite = await addSite(s, { customerId: neighbour.id, primaryContactId: other.contact.id });
    const otherTask = await addTask(s, { customerId: neighbour.id, siteId: otherSite.id });
    const results = await Promise.allSettled([
      s.pat.portal.book({
        taskId: fx.unscheduledTask.id,
        version: 1,
        date: '2026-03-12',
        windowId: small.id,
      }),
      other.caller.portal.book({ taskId: otherTask.id, version: 1, date: '2026-03-12', windowId: small.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(await refusalOf(Promise.reject(refused.reason))).toMatchObject({
      code: 'CONFLICT',
      message: 'The Lunch window on Thu 12 Mar is full (1 of 1 booked). Pick another window or day.',
    });
    const taken = await t.db
      .select()
      .from(schema.tasks)
      .where(and(eq(schema.tasks.windowId, small.id), eq(schema.tasks.appointmentDate, '2026-03-12')));
    expect(taken).toHaveLength(1);
    // the loser's task is untouched and its customer got no confirmation
    const loser = taken[0]!.id === otherTask.id ? fx.unscheduledTask.id : otherTask.id;
    expect(await taskRow(loser)).toMatchObject({ status: 'unscheduled', version: 1, appointmentVersion: 0 });
    expect(await outboxTypes(loser)).toEqual([]);
  });
});

describe('portal.cancel', () => {
  it('refuses with the office message and phone when the policy says call, changing nothing', async () => {
    const s = await setup();
    const { fx } = s;
    await setPolicy(fx, { cancelPolicy: 'call', officePhone: '+15125550100' });
    const before = await snapshotOrganization(t.db, fx.org.id);
    expect(await refusalOf(s.pat.portal.cancel({ taskId: fx.scheduledTask.id, version: 1 }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'To cancel this appointment, please give us a call. Call us at (512) 555-0100.',
    });
    await setPolicy(fx, { cancelMessage: 'We need 24 hours notice.', cancelPhone: '+15125550199' });
    const after = await snapshotOrganization(t.db, fx.org.id);
    expect(await refusalOf(s.pat.portal.cancel({ taskId: fx.scheduledTask.id, version: 1 }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'We need 24 hours notice. Call us at (512) 555-0199.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(after);
    expect(before).not.toBe(after);
    const page = await s.pat.portal.appointment({ taskId: fx.scheduledTask.id });
    expect(page.cancel).toEqual({
      mode: 'call',
      isOpen: true,
      message: 'We need 24 hours notice.',
      phone: '+15125550199',
    });
  });

  it('cancels through the status machine in portal mode: reason kept, reminder withdrawn', async () => {
    const s = await setup();
    const { fx } = s;
    const booked = await s.pat.portal.book({
      taskId: fx.unscheduledTask.id,
      version: 1,
      date: '2026-03-05',
      windowId: fx.morning.id,
    });
    expect(await refusalOf(s.pat.portal.cancel({ taskId: fx.unscheduledTask.id, version: 1 }))).toMatchObject(
      {
        code: 'CONFLICT',
      },
    );
    const cancelled = await s.pat.portal.cancel({
      taskId: fx.unscheduledTask.id,
      version: booked.version,
      reason: '  Fixed it myself  ',
    });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      statusReason: 'Fixed it myself',
      cancel: { isOpen: false },
      booking: { canBook: false, blockedReason: 'This appointment was cancelled.' },
    });
    expect(cancelled.timeline.map((x) => [x.status, x.state])).toEqual([
      ['scheduled', 'done'],
      ['cancelled', 'current'],
    ]);
    expect(await reminders(fx.unscheduledTask.id)).toEqual([{ version: 1, status: 'cancelled' }]);
    const before = await snapshotOrganization(t.db, fx.org.id);
    expect(
      await refusalOf(s.pat.portal.cancel({ taskId: fx.unscheduledTask.id, version: cancelled.version })),
    ).toMatchObject({ code: 'PRECONDITION_FAILED', message: 'This appointment is already cancelled.' });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
    // without a reason the status reason stays empty
    const plain = await s.pat.portal.cancel({ taskId: fx.scheduledTask.id, version: 1, reason: '' });
    expect(plain).toMatchObject({ status: 'cancelled', statusReason: null });
  });

  it('sends the customer to the phone once the technician is on the way, changing nothing', async () => {
    const s = await setup();
    const { fx } = s;
    await setPolicy(fx, { officePhone: '+15125550100' });
    const enRoute = await s.dispatcher.tasks.transition({
      id: fx.scheduledTask.id,
      version: 1,
      action: 'en_route',
    });
    const before = await snapshotOrganization(t.db, fx.org.id);
    expect(
      await refusalOf(s.pat.portal.cancel({ taskId: fx.scheduledTask.id, version: enRoute.version })),
    ).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message:
        'Your technician is already on the way, so this appointment can no longer be cancelled online. Call us at (512) 555-0100.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });
});

describe('portal.answer and portal.confirm', () => {
  async function withFields(s: Setup) {
    const ctx = {
      db: t.db,
      clock: s.clock,
      organizationId: s.fx.org.id,
      actor: { type: 'system', id: null } as const,
    };
    const note = await createCustomField(ctx, { kind: 'static', label: 'Clear the area' });
    const parking = await createCustomField(ctx, {
      kind: 'dropdown',
      label: 'Where should we park?',
      options: ['Driveway', 'Street'],
      defaultValue: 'Driveway',
    });
    const gate = await createCustomField(ctx, { kind: 'text', label: 'Gate code', required: true });
    return { note, parking, gate, pets: s.fx.customField };
  }

  it('saves answers by kind, clears on null, refuses invalid ones and closed tasks, changing nothing', async () => {
    const s = await setup();
    const { fx } = s;
    const f = await withFields(s);
    const taskId = fx.scheduledTask.id;
    const answer = (fieldId: string, value: string | boolean | null) =>
      s.pat.portal.answer({ taskId, fieldId, value });

    expect(await answer(f.pets.id, true)).toMatchObject({
      field: { id: f.pets.id, answer: true, isMissing: false },
      canConfirm: false,
      blockedReason: null,
    });
    expect((await answer(f.gate.id, '  #4821  ')).field).toMatchObject({ answer: '#4821', isMissing: false });
    expect((await answer(f.parking.id, 'Street')).field.answer).toBe('Street');

    const closed = await addTask(s, { status: 'completed' });
    const before = await snapshotOrganization(t.db, fx.org.id);
    const refusals = [
      await refusalOf(answer(f.pets.id, 'yes')),
      await refusalOf(answer(f.parking.id, 'Garage')),
      await refusalOf(answer(f.gate.id, true)),
      await refusalOf(answer(f.note.id, 'ok')),
    ];
    expect(refusals.map((r) => [r.code, r.field, r.message])).toEqual([
      ['BAD_REQUEST', 'value', 'Answer “Pets on site?” with yes or no.'],
      ['BAD_REQUEST', 'value', 'Pick one of the listed options.'],
      ['BAD_REQUEST', 'value', 'Answer “Gate code” with some text.'],
      ['BAD_REQUEST', 'value', '“Clear the area” is information only; it takes no answer.'],
    ]);
    expect(await refusalOf(answer(f.gate.id, 'x'.repeat(2001)))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'value',
    });
    expect(await refusalOf(answer(missingId, true))).toMatchObject({ code: 'NOT_FOUND', field: 'fieldId' });
    expect(
      await refusalOf(s.pat.portal.answer({ taskId: closed.id, fieldId: f.pets.id, value: true })),
    ).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This appointment is complete; its answers can no longer be changed.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    // the dispatcher sees the answers, who gave them and when (a staff session idles out after 30 minutes)
    s.clock.advance(10 * 60_000);
    expect((await answer(f.gate.id, '   ')).field).toMatchObject({ answer: null, isMissing: true });
    const staffView = await s.dispatcher.tasks.answers({ taskId });
    expect(staffView.map((a) => [a.label, a.value, a.isMissing, a.answeredBy?.name ?? null])).toEqual([
      ['Pets on site?', true, false, 'Pat Primary'],
      ['Where should we park?', 'Street', false, 'Pat Primary'],
      ['Gate code', null, true, null],
    ]);
    expect(staffView[0]!.answeredAt).toEqual(new Date('2026-03-02T15:00:00Z'));
    // the task's own version does not move with answers
    expect((await taskRow(taskId)).version).toBe(1);
  });

  it('keeps Confirm disabled until every required question is answered, then records the confirmation', async () => {
    const s = await setup();
    const { fx } = s;
    const f = await withFields(s);
    await setPolicy(fx, { confirmationFlow: true });
    const taskId = fx.unscheduledTask.id;

    expect((await s.pat.portal.appointment({ taskId })).confirmation).toMatchObject({
      enabled: true,
      canConfirm: false,
      blockedReason: 'Pick a time first.',
    });
    expect(await refusalOf(s.pat.portal.confirm({ taskId, version: 1 }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Pick a time first.',
    });
    const booked = await s.pat.portal.book({
      taskId,
      version: 1,
      date: '2026-03-05',
      windowId: fx.morning.id,
    });
    const before = await snapshotOrganization(t.db, fx.org.id);
    expect(await refusalOf(s.pat.portal.confirm({ taskId, version: booked.version }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Turn on “Pets on site?” to confirm.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    expect((await s.pat.portal.answer({ taskId, fieldId: f.pets.id, value: true })).blockedReason).toBe(
      'Answer “Gate code” to confirm.',
    );
    const last = await s.pat.portal.answer({ taskId, fieldId: f.gate.id, value: '1234' });
    expect(last).toMatchObject({ canConfirm: true, blockedReason: null });

    s.clock.advance(HOUR);
    const confirmed = await s.pat.portal.confirm({ taskId, version: booked.version });
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      confirmationState: 'confirmed',
      needsAction: null,
      confirmation: {
        state: 'confirmed',
        confirmedAt: s.clock.now(),
        canConfirm: false,
        blockedReason: null,
      },
    });
    expect(confirmed.timeline.map((x) => [x.status, x.state, x.at])).toEqual([
      ['scheduled', 'done', new Date('2026-03-02T15:00:00Z')],
      ['confirmed', 'current', s.clock.now()],
      ['en_route', 'upcoming', null],
      ['in_progress', 'upcoming', null],
      ['completed', 'upcoming', null],
    ]);
    expect(await taskRow(taskId)).toMatchObject({
      status: 'confirmed',
      confirmedByPortalUserId: fx.portalUser.id,
      confirmedAt: s.clock.now(),
    });
    const [audit] = await t.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.entityId, taskId), eq(schema.auditEvents.action, 'confirm')));
    expect(audit).toMatchObject({ actorType: 'portal', actorId: fx.portalUser.id });
    expect(await refusalOf(s.pat.portal.confirm({ taskId, version: confirmed.version }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This appointment is already confirmed.',
    });

    // a reschedule asks for the confirmation again
    const moved = await s.pat.portal.book({
      taskId,
      version: confirmed.version,
      date: '2026-03-06',
      windowId: fx.morning.id,
    });
    expect(moved).toMatchObject({
      status: 'scheduled',
      confirmationState: 'pending',
      needsAction: 'confirm',
    });
    expect(moved.confirmation.canConfirm).toBe(true);

    // without the flow there is nothing to confirm
    await setPolicy(fx, { confirmationFlow: false });
    expect(await refusalOf(s.pat.portal.confirm({ taskId, version: moved.version }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This appointment does not need a confirmation.',
    });
  });
});
