// Tasks through the router on real PostgreSQL: both scheduling modes, capacity (also under concurrency),
// booking and rescheduling, the status machine, optimistic locking, the task page and the task list.
import { AppError } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  callerFor,
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

type Failure = { code: string; message: string; field: string | null };

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause;
    const field =
      cause instanceof AppError
        ? (cause.field ?? null)
        : cause instanceof ZodError
          ? cause.issues[0]!.path.join('.')
          : null;
    const message = cause instanceof ZodError ? cause.issues.map((i) => i.message).join('; ') : error.message;
    return { code: error.code, message, field };
  }
  throw new Error('expected the call to fail');
}

type Setup = {
  clock: TestClock;
  fx: OrgFixture;
  admin: ReturnType<typeof callerFor>;
  dispatcher: ReturnType<typeof callerFor>;
};

async function setup(now = '2026-03-02T15:00:00Z'): Promise<Setup> {
  const clock = createTestClock(new Date(now));
  const fx = await createOrgFixture(t.db, clock);
  return {
    clock,
    fx,
    admin: callerFor(t.db, fx.admin.token, clock),
    dispatcher: callerFor(t.db, fx.dispatcher.token, clock),
  };
}

async function taskRow(id: string) {
  const [row] = await t.db.select().from(schema.tasks).where(eq(schema.tasks.id, id));
  return row!;
}

async function orgTasks(organizationId: string) {
  return t.db.select().from(schema.tasks).where(eq(schema.tasks.organizationId, organizationId));
}

async function nextNumber(organizationId: string) {
  const [org] = await t.db
    .select()
    .from(schema.organizations)
    .where(eq(schema.organizations.id, organizationId));
  return org!.nextTaskNumber;
}

async function auditOf(entityId: string, action: string) {
  return t.db
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.entityId, entityId), eq(schema.auditEvents.action, action)))
    .orderBy(asc(schema.auditEvents.id));
}

const booking = (fx: OrgFixture, date: string, windowId = fx.morning.id) => ({
  customerId: fx.customer.id,
  siteId: fx.site.id,
  serviceType: 'AC repair',
  schedulingMode: 'prebooked' as const,
  appointment: { date, windowId },
});

const unbooked = (fx: OrgFixture) => ({
  customerId: fx.customer.id,
  siteId: fx.site.id,
  serviceType: 'Boiler service',
  schedulingMode: 'customer_selects' as const,
});

describe('tasks.create', () => {
  it('creates a customer_selects task unscheduled, numbered from the organization counter', async () => {
    const { dispatcher, fx } = await setup();
    const task = await dispatcher.tasks.create({ ...unbooked(fx), description: '  Rattles at night  ' });
    expect(task).toMatchObject({
      number: 3,
      status: 'unscheduled',
      schedulingMode: 'customer_selects',
      appointmentDate: null,
      windowId: null,
      appointmentStart: null,
      appointmentVersion: 0,
      confirmationState: 'not_required',
      description: 'Rattles at night',
      technicianId: null,
      version: 1,
    });
    expect(await nextNumber(fx.org.id)).toBe(4);
    const [audit] = await auditOf(task.id, 'create');
    expect(audit?.changes).toMatchObject({
      number: { from: null, to: 3 },
      status: { from: null, to: 'unscheduled' },
    });
  });

  it('creates a prebooked task scheduled, with the window read in the site time zone', async () => {
    const { admin, dispatcher, fx } = await setup();
    const first = await dispatcher.tasks.create({
      ...booking(fx, '2026-03-05'),
      technicianId: fx.technician.id,
    });
    // Chicago is on CST (UTC-6) on 5 March
    expect(first).toMatchObject({
      number: 3,
      status: 'scheduled',
      appointmentDate: '2026-03-05',
      windowId: fx.morning.id,
      appointmentStart: new Date('2026-03-05T14:00:00Z'),
      appointmentEnd: new Date('2026-03-05T18:00:00Z'),
      appointmentVersion: 1,
      technicianId: fx.technician.id,
      confirmationState: 'not_required',
    });
    await admin.organization.update({ version: fx.org.version, confirmationFlow: true });
    const second = await dispatcher.tasks.create(booking(fx, '2026-03-12', fx.afternoon.id));
    // and on CDT (UTC-5) after 8 March
    expect(second).toMatchObject({
      number: 4,
      status: 'scheduled',
      appointmentStart: new Date('2026-03-12T17:00:00Z'),
      appointmentEnd: new Date('2026-03-12T21:00:00Z'),
      confirmationState: 'pending',
    });
    const third = await dispatcher.tasks.create(unbooked(fx));
    expect(third.confirmationState).toBe('not_required');
  });

  it('refuses inconsistent or foreign references and creates nothing', async () => {
    const { dispatcher, fx } = await setup();
    const other = await createOrgFixture(t.db);
    const [otherCustomerSite] = await t.db
      .insert(schema.customers)
      .values({ organizationId: fx.org.id, name: 'Other Customer' })
      .returning()
      .then(([c]) =>
        t.db
          .insert(schema.sites)
          .values({
            organizationId: fx.org.id,
            customerId: c!.id,
            addressLine1: '9 Elsewhere Rd',
            city: 'Dallas',
            timeZone: 'America/Chicago',
          })
          .returning(),
      );
    const [archivedSite] = await t.db
      .insert(schema.sites)
      .values({
        organizationId: fx.org.id,
        customerId: fx.customer.id,
        addressLine1: '5 Old Rd',
        city: 'Austin',
        timeZone: 'America/Chicago',
        archivedAt: new Date('2026-01-01T00:00:00Z'),
      })
      .returning();
    const [retiredTech] = await t.db
      .insert(schema.technicians)
      .values({ organizationId: fx.org.id, name: 'Ray Retired', active: false })
      .returning();
    const before = await orgTasks(fx.org.id);
    const number = await nextNumber(fx.org.id);

    const cases: Array<[string, Record<string, unknown>, Partial<Failure>]> = [
      [
        'prebooked without appointment',
        { ...booking(fx, '2026-03-05'), appointment: undefined },
        { code: 'BAD_REQUEST', field: 'appointment', message: 'A prebooked task needs a date and a window.' },
      ],
      [
        'customer_selects with appointment',
        { ...unbooked(fx), appointment: { date: '2026-03-05', windowId: fx.morning.id } },
        { code: 'BAD_REQUEST', field: 'appointment' },
      ],
      [
        'empty service type',
        { ...unbooked(fx), serviceType: ' ' },
        { code: 'BAD_REQUEST', field: 'serviceType' },
      ],
      [
        'long service type',
        { ...unbooked(fx), serviceType: 'x'.repeat(121) },
        { code: 'BAD_REQUEST', field: 'serviceType' },
      ],
      [
        'long description',
        { ...unbooked(fx), description: 'x'.repeat(5001) },
        { code: 'BAD_REQUEST', field: 'description' },
      ],
      [
        'bad date',
        booking(fx, '2026-02-30'),
        { code: 'BAD_REQUEST', field: 'appointment.date', message: 'Use a date like 2026-03-14.' },
      ],
      [
        'site of another customer',
        { ...unbooked(fx), siteId: otherCustomerSite!.id },
        {
          code: 'BAD_REQUEST',
          field: 'siteId',
          message: "9 Elsewhere Rd is a site of another customer. Pick one of this customer's sites.",
        },
      ],
      [
        'archived site',
        { ...unbooked(fx), siteId: archivedSite!.id },
        { code: 'BAD_REQUEST', field: 'siteId' },
      ],
      [
        'inactive technician',
        { ...unbooked(fx), technicianId: retiredTech!.id },
        {
          code: 'BAD_REQUEST',
          field: 'technicianId',
          message: 'Ray Retired is not active. Assign an active technician.',
        },
      ],
      [
        'foreign customer',
        { ...unbooked(fx), customerId: other.customer.id },
        { code: 'NOT_FOUND', message: 'Customer was not found.' },
      ],
      [
        'foreign site',
        { ...unbooked(fx), siteId: other.site.id },
        { code: 'NOT_FOUND', message: 'Site was not found.' },
      ],
      [
        'foreign technician',
        { ...unbooked(fx), technicianId: other.technician.id },
        { code: 'NOT_FOUND', message: 'Technician was not found.' },
      ],
      [
        'foreign window',
        booking(fx, '2026-03-05', other.morning.id),
        { code: 'NOT_FOUND', message: 'Appointment window was not found.' },
      ],
    ];
    for (const [name, input, expected] of cases) {
      expect(await failure(dispatcher.tasks.create(input as never)), name).toMatchObject(expected);
    }
    expect(await orgTasks(fx.org.id)).toEqual(before);
    expect(await nextNumber(fx.org.id)).toBe(number);
  });

  it('refuses windows that are not offered that day, have started, or fall in a DST gap', async () => {
    const { admin, dispatcher, fx } = await setup();
    const weekdays = await admin.windows.create({
      name: 'Weekday',
      startTime: '09:00',
      endTime: '10:00',
      daysOfWeek: [1, 2, 3, 4, 5],
      capacityPerDay: 5,
    });
    const night = await admin.windows.create({
      name: 'Night',
      startTime: '02:00',
      endTime: '03:00',
      daysOfWeek: [7],
      capacityPerDay: 5,
    });
    expect(await failure(dispatcher.tasks.create(booking(fx, '2026-03-07', weekdays.id)))).toEqual({
      code: 'BAD_REQUEST',
      field: 'appointment',
      message: 'The Weekday window is not offered on Saturdays. Pick another window or day.',
    });
    // the clock is Mon 2 Mar 09:00 in Chicago: that morning has started
    expect(await failure(dispatcher.tasks.create(booking(fx, '2026-03-02')))).toEqual({
      code: 'BAD_REQUEST',
      field: 'appointment',
      message: 'The Morning window on Mon 2 Mar has already started. Pick a later window or day.',
    });
    expect(await failure(dispatcher.tasks.create(booking(fx, '2026-03-08', night.id)))).toEqual({
      code: 'BAD_REQUEST',
      field: 'appointment',
      message:
        'The Night window does not exist on Sun 8 Mar in America/Chicago: the clocks skip its hours that night. Pick another window or day.',
    });
    const nextSunday = await dispatcher.tasks.create(booking(fx, '2026-03-15', night.id));
    expect(nextSunday.appointmentStart).toEqual(new Date('2026-03-15T07:00:00Z'));
  });
});

describe('capacity', () => {
  it('books up to the capacity, then refuses with the window, the day and the count', async () => {
    const { dispatcher, fx } = await setup();
    // the fixture already holds one of the three Morning places on Tue 10 Mar
    await dispatcher.tasks.create(booking(fx, '2026-03-10'));
    await dispatcher.tasks.create(booking(fx, '2026-03-10'));
    const before = await orgTasks(fx.org.id);
    const number = await nextNumber(fx.org.id);
    expect(await failure(dispatcher.tasks.create(booking(fx, '2026-03-10')))).toEqual({
      code: 'CONFLICT',
      field: 'appointment',
      message: 'The Morning window on Tue 10 Mar is full (3 of 3 booked). Pick another window or day.',
    });
    expect(
      await failure(
        dispatcher.tasks.schedule({
          id: fx.unscheduledTask.id,
          version: 1,
          date: '2026-03-10',
          windowId: fx.morning.id,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(await orgTasks(fx.org.id)).toEqual(before);
    expect(await nextNumber(fx.org.id)).toBe(number);
    // other windows and days are not affected
    await dispatcher.tasks.create(booking(fx, '2026-03-10', fx.afternoon.id));
    await dispatcher.tasks.create(booking(fx, '2026-03-11'));
    // a cancelled booking gives its place back
    await dispatcher.tasks.transition({
      id: fx.scheduledTask.id,
      version: 1,
      action: 'cancel',
      reason: 'Duplicate',
    });
    const last = await dispatcher.tasks.create(booking(fx, '2026-03-10'));
    expect(last.status).toBe('scheduled');
  });

  it('books exactly the capacity when five dispatchers race for the last place', async () => {
    const { admin, dispatcher, fx } = await setup();
    const small = await admin.windows.create({
      name: 'Small',
      startTime: '13:00',
      endTime: '14:00',
      daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
      capacityPerDay: 3,
    });
    await dispatcher.tasks.create(booking(fx, '2026-03-13', small.id));
    await dispatcher.tasks.create(booking(fx, '2026-03-13', small.id));
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => dispatcher.tasks.create(booking(fx, '2026-03-13', small.id))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(TRPCError);
      expect((r.reason as TRPCError).code).toBe('CONFLICT');
      expect((r.reason as TRPCError).message).toBe(
        'The Small window on Fri 13 Mar is full (3 of 3 booked). Pick another window or day.',
      );
    }
    const booked = (await orgTasks(fx.org.id)).filter(
      (x) => x.windowId === small.id && x.appointmentDate === '2026-03-13',
    );
    expect(booked).toHaveLength(3);
    // numbers stay unique and gapless: refused creates rolled their number back
    const numbers = (await orgTasks(fx.org.id)).map((x) => x.number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
  });

  it('books exactly the capacity when five unscheduled tasks are scheduled into the last place at once', async () => {
    const { admin, dispatcher, fx } = await setup();
    const small = await admin.windows.create({
      name: 'Small',
      startTime: '13:00',
      endTime: '14:00',
      daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
      capacityPerDay: 2,
    });
    await dispatcher.tasks.create(booking(fx, '2026-03-16', small.id));
    const waiting = await Promise.all(Array.from({ length: 5 }, () => dispatcher.tasks.create(unbooked(fx))));
    const results = await Promise.allSettled(
      waiting.map((task) =>
        dispatcher.tasks.schedule({
          id: task.id,
          version: task.version,
          date: '2026-03-16',
          windowId: small.id,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .map((r) => ((r as PromiseRejectedResult).reason as TRPCError).code),
    ).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
    const booked = (await orgTasks(fx.org.id)).filter(
      (x) => x.windowId === small.id && x.appointmentDate === '2026-03-16' && x.status === 'scheduled',
    );
    expect(booked).toHaveLength(2);
  });
});

describe('tasks.schedule', () => {
  it('books, reschedules (one appointment version each), and treats the same slot as no change', async () => {
    const { dispatcher, fx } = await setup();
    const booked = await dispatcher.tasks.schedule({
      id: fx.unscheduledTask.id,
      version: 1,
      date: '2026-03-04',
      windowId: fx.afternoon.id,
    });
    expect(booked).toMatchObject({
      status: 'scheduled',
      appointmentDate: '2026-03-04',
      windowId: fx.afternoon.id,
      appointmentStart: new Date('2026-03-04T18:00:00Z'),
      appointmentEnd: new Date('2026-03-04T22:00:00Z'),
      appointmentVersion: 1,
      version: 2,
    });
    const moved = await dispatcher.tasks.schedule({
      id: booked.id,
      version: 2,
      date: '2026-03-09',
      windowId: fx.morning.id,
    });
    expect(moved).toMatchObject({
      appointmentDate: '2026-03-09',
      appointmentVersion: 2,
      version: 3,
      status: 'scheduled',
    });
    expect(moved.appointmentStart).toEqual(new Date('2026-03-09T13:00:00Z'));
    const same = await dispatcher.tasks.schedule({
      id: booked.id,
      version: 3,
      date: '2026-03-09',
      windowId: fx.morning.id,
    });
    expect(same).toMatchObject({ appointmentVersion: 2, version: 3 });

    expect((await auditOf(booked.id, 'book'))[0]?.changes).toMatchObject({
      status: { from: 'unscheduled', to: 'scheduled' },
      appointmentDate: { from: null, to: '2026-03-04' },
      appointmentVersion: { from: 0, to: 1 },
    });
    const reschedules = await auditOf(booked.id, 'reschedule');
    expect(reschedules).toHaveLength(1);
    expect(reschedules[0]?.changes).toMatchObject({
      appointmentDate: { from: '2026-03-04', to: '2026-03-09' },
      windowId: { from: fx.afternoon.id, to: fx.morning.id },
      appointmentVersion: { from: 1, to: 2 },
      appointmentStart: { from: '2026-03-04T18:00:00.000Z', to: '2026-03-09T13:00:00.000Z' },
    });
  });

  it('sends a confirmed task back to scheduled with the confirmation pending again', async () => {
    const { admin, dispatcher, fx } = await setup();
    await admin.organization.update({ version: 1, confirmationFlow: true });
    await t.db
      .update(schema.tasks)
      .set({
        status: 'confirmed',
        confirmationState: 'confirmed',
        confirmedAt: new Date('2026-03-02T14:00:00Z'),
      })
      .where(eq(schema.tasks.id, fx.scheduledTask.id));
    const moved = await dispatcher.tasks.schedule({
      id: fx.scheduledTask.id,
      version: 1,
      date: '2026-03-11',
      windowId: fx.morning.id,
    });
    expect(moved).toMatchObject({
      status: 'scheduled',
      confirmationState: 'pending',
      confirmedAt: null,
      appointmentVersion: 2,
    });
  });

  it('reschedules within a full window when the task already holds a place there on another day', async () => {
    const { dispatcher, fx } = await setup();
    await dispatcher.tasks.create(booking(fx, '2026-03-10'));
    await dispatcher.tasks.create(booking(fx, '2026-03-10'));
    // Morning 10 Mar is full, but moving the fixture task away and back is about its own place
    const away = await dispatcher.tasks.schedule({
      id: fx.scheduledTask.id,
      version: 1,
      date: '2026-03-11',
      windowId: fx.morning.id,
    });
    expect(away.appointmentDate).toBe('2026-03-11');
    const back = await dispatcher.tasks.schedule({
      id: fx.scheduledTask.id,
      version: 2,
      date: '2026-03-10',
      windowId: fx.morning.id,
    });
    expect(back.appointmentDate).toBe('2026-03-10');
  });

  it('refuses to reschedule a task on its way or finished, changing nothing', async () => {
    const { dispatcher, fx } = await setup();
    const enRoute = await dispatcher.tasks.transition({
      id: fx.scheduledTask.id,
      version: 1,
      action: 'en_route',
    });
    const before = await taskRow(fx.scheduledTask.id);
    expect(
      await failure(
        dispatcher.tasks.schedule({
          id: enRoute.id,
          version: enRoute.version,
          date: '2026-03-12',
          windowId: fx.morning.id,
        }),
      ),
    ).toEqual({
      code: 'PRECONDITION_FAILED',
      field: null,
      message: 'This task is en route; it can no longer be rescheduled.',
    });
    expect(await taskRow(fx.scheduledTask.id)).toEqual(before);
  });
});

describe('tasks.assign, tasks.update and tasks.transition', () => {
  it('walks a task from scheduled to completed, recording each step', async () => {
    const { dispatcher, fx, clock } = await setup();
    let task = await dispatcher.tasks.transition({ id: fx.scheduledTask.id, version: 1, action: 'en_route' });
    expect(task).toMatchObject({ status: 'en_route', version: 2, statusChangedAt: clock.now() });
    clock.advance(20 * 60_000);
    task = await dispatcher.tasks.transition({ id: task.id, version: task.version, action: 'start' });
    expect(task).toMatchObject({ status: 'in_progress', version: 3, statusChangedAt: clock.now() });
    task = await dispatcher.tasks.transition({ id: task.id, version: task.version, action: 'complete' });
    expect(task).toMatchObject({ status: 'completed', version: 4, appointmentVersion: 1 });
    expect((await auditOf(task.id, 'complete'))[0]?.changes).toMatchObject({
      status: { from: 'in_progress', to: 'completed' },
    });

    const before = await taskRow(task.id);
    expect(await failure(dispatcher.tasks.transition({ id: task.id, version: 4, action: 'start' }))).toEqual({
      code: 'PRECONDITION_FAILED',
      field: null,
      message: 'This task is completed; it can no longer be started.',
    });
    expect(
      await failure(
        dispatcher.tasks.transition({ id: task.id, version: 4, action: 'cancel', reason: 'Too late' }),
      ),
    ).toMatchObject({
      message: 'This task is completed; it can no longer be cancelled.',
    });
    expect(
      await failure(dispatcher.tasks.update({ id: task.id, version: 4, serviceType: 'Other' })),
    ).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This task is completed; it can no longer be edited.',
    });
    expect(await taskRow(task.id)).toEqual(before);
  });

  it('refuses skipped steps and en route without a technician or an appointment, changing nothing', async () => {
    const { dispatcher, fx } = await setup();
    const scheduledBefore = await taskRow(fx.scheduledTask.id);
    expect(
      await failure(dispatcher.tasks.transition({ id: fx.scheduledTask.id, version: 1, action: 'complete' })),
    ).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This task is scheduled; it must be started before it can be completed.',
    });
    expect(await taskRow(fx.scheduledTask.id)).toEqual(scheduledBefore);

    const unassigned = await dispatcher.tasks.assign({
      id: fx.scheduledTask.id,
      version: 1,
      technicianId: null,
    });
    expect(unassigned).toMatchObject({ technicianId: null, version: 2 });
    const before = await taskRow(fx.scheduledTask.id);
    expect(
      await failure(dispatcher.tasks.transition({ id: fx.scheduledTask.id, version: 2, action: 'en_route' })),
    ).toEqual({
      code: 'PRECONDITION_FAILED',
      field: null,
      message: 'Assign a technician before marking this task en route.',
    });
    expect(await taskRow(fx.scheduledTask.id)).toEqual(before);

    const noAppointment = await dispatcher.tasks.assign({
      id: fx.unscheduledTask.id,
      version: 1,
      technicianId: fx.technician.id,
    });
    expect(
      await failure(dispatcher.tasks.transition({ id: noAppointment.id, version: 2, action: 'en_route' })),
    ).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This task is unscheduled; book a date and window before sending a technician.',
    });
  });

  it('needs a reason to cancel or fail, and keeps it', async () => {
    const { dispatcher, fx } = await setup();
    for (const reason of [undefined, '', ' a ']) {
      expect(
        await failure(
          dispatcher.tasks.transition({ id: fx.unscheduledTask.id, version: 1, action: 'cancel', reason }),
        ),
      ).toMatchObject({
        code: 'BAD_REQUEST',
        field: 'reason',
        message: 'Say why the task is cancelled (at least 3 characters).',
      });
    }
    expect(
      await failure(
        dispatcher.tasks.transition({
          id: fx.unscheduledTask.id,
          version: 1,
          action: 'fail',
          reason: 'x'.repeat(501),
        }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'reason',
    });
    expect(
      await failure(
        dispatcher.tasks.transition({ id: fx.unscheduledTask.id, version: 1, action: 'teleport' as never }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'action',
    });
    const cancelled = await dispatcher.tasks.transition({
      id: fx.unscheduledTask.id,
      version: 1,
      action: 'cancel',
      reason: '  Customer sold the house ',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', statusReason: 'Customer sold the house' });
    const failed = await dispatcher.tasks.transition({
      id: fx.scheduledTask.id,
      version: 1,
      action: 'fail',
      reason: 'No access to the site',
    });
    expect(failed).toMatchObject({ status: 'failed', statusReason: 'No access to the site' });
  });

  it('assigns, replaces and removes technicians within the rules', async () => {
    const { dispatcher, fx } = await setup();
    const [second] = await t.db
      .insert(schema.technicians)
      .values({ organizationId: fx.org.id, name: 'Nia Next' })
      .returning();
    let task = await dispatcher.tasks.assign({
      id: fx.unscheduledTask.id,
      version: 1,
      technicianId: fx.technician.id,
    });
    expect(task).toMatchObject({ technicianId: fx.technician.id, version: 2 });
    expect((await auditOf(task.id, 'assign'))[0]?.changes).toEqual({
      technicianId: { from: null, to: fx.technician.id },
    });
    // the same technician again is not a change
    task = await dispatcher.tasks.assign({ id: task.id, version: 2, technicianId: fx.technician.id });
    expect(task.version).toBe(2);

    const enRoute = await dispatcher.tasks.transition({
      id: fx.scheduledTask.id,
      version: 1,
      action: 'en_route',
    });
    const replaced = await dispatcher.tasks.assign({
      id: enRoute.id,
      version: enRoute.version,
      technicianId: second!.id,
    });
    expect(replaced).toMatchObject({ technicianId: second!.id, status: 'en_route' });
    expect(
      await failure(
        dispatcher.tasks.assign({ id: enRoute.id, version: replaced.version, technicianId: null }),
      ),
    ).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This task is en route; its technician can be replaced but not removed.',
    });
    const other = await createOrgFixture(t.db);
    expect(
      await failure(
        dispatcher.tasks.assign({
          id: enRoute.id,
          version: replaced.version,
          technicianId: other.technician.id,
        }),
      ),
    ).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Technician was not found.',
    });
    expect((await taskRow(enRoute.id)).technicianId).toBe(second!.id);
  });

  it('edits service type and description, and clears the description', async () => {
    const { dispatcher, fx } = await setup();
    const edited = await dispatcher.tasks.update({
      id: fx.scheduledTask.id,
      version: 1,
      serviceType: 'AC repair (2 units)',
      description: 'Both units',
    });
    expect(edited).toMatchObject({
      serviceType: 'AC repair (2 units)',
      description: 'Both units',
      version: 2,
      appointmentVersion: 1,
    });
    const cleared = await dispatcher.tasks.update({ id: fx.scheduledTask.id, version: 2, description: '' });
    expect(cleared).toMatchObject({ description: null, serviceType: 'AC repair (2 units)', version: 3 });
    expect((await auditOf(fx.scheduledTask.id, 'update'))[0]?.changes).toEqual({
      serviceType: { from: 'AC repair', to: 'AC repair (2 units)' },
      description: { from: null, to: 'Both units' },
    });
  });

  it('refuses stale versions on every write, changing nothing', async () => {
    const { dispatcher, fx } = await setup();
    await dispatcher.tasks.update({ id: fx.scheduledTask.id, version: 1, serviceType: 'Changed first' });
    const before = await taskRow(fx.scheduledTask.id);
    const stale = [
      () => dispatcher.tasks.update({ id: fx.scheduledTask.id, version: 1, serviceType: 'Mine' }),
      () =>
        dispatcher.tasks.schedule({
          id: fx.scheduledTask.id,
          version: 1,
          date: '2026-03-12',
          windowId: fx.morning.id,
        }),
      () => dispatcher.tasks.assign({ id: fx.scheduledTask.id, version: 1, technicianId: null }),
      () => dispatcher.tasks.transition({ id: fx.scheduledTask.id, version: 1, action: 'en_route' }),
    ];
    for (const call of stale) {
      expect(await failure(call())).toMatchObject({
        code: 'CONFLICT',
        message:
          'This task was changed by someone else since you opened it. Reload to see the latest version, then make your change again.',
      });
    }
    expect(await taskRow(fx.scheduledTask.id)).toEqual(before);
  });
});

describe('tasks.edit', () => {
  it('saves about, technician and appointment in one go, each as its own audited step', async () => {
    const { dispatcher, fx } = await setup();
    const edited = await dispatcher.tasks.edit({
      id: fx.unscheduledTask.id,
      version: 1,
      serviceType: 'Boiler repair',
      description: 'Pilot light keeps going out.',
      technicianId: fx.technician.id,
      appointment: { date: '2026-03-11', windowId: fx.afternoon.id },
    });
    expect(edited).toMatchObject({
      serviceType: 'Boiler repair',
      description: 'Pilot light keeps going out.',
      technicianId: fx.technician.id,
      appointmentDate: '2026-03-11',
      windowId: fx.afternoon.id,
      status: 'scheduled',
      version: 4,
    });
    expect(await taskRow(fx.unscheduledTask.id)).toMatchObject({ version: 4, serviceType: 'Boiler repair' });
    // unchanged parts are no step at all
    const same = await dispatcher.tasks.edit({
      id: fx.unscheduledTask.id,
      version: 4,
      serviceType: 'Boiler repair',
      technicianId: fx.technician.id,
      appointment: { date: '2026-03-11', windowId: fx.afternoon.id },
    });
    expect(same.version).toBe(4);
  });

  it('changes nothing when a later step is refused: no half-saved edit', async () => {
    const { dispatcher, fx } = await setup();
    // fill the Morning window on Tue 10 Mar (the fixture holds one of its three places)
    await dispatcher.tasks.create(booking(fx, '2026-03-10'));
    await dispatcher.tasks.create(booking(fx, '2026-03-10'));
    const before = await orgTasks(fx.org.id);
    const auditBefore = await auditOf(fx.unscheduledTask.id, 'update');
    const full = await failure(
      dispatcher.tasks.edit({
        id: fx.unscheduledTask.id,
        version: 1,
        serviceType: 'Should not stick',
        technicianId: fx.technician.id,
        appointment: { date: '2026-03-10', windowId: fx.morning.id },
      }),
    );
    expect(full).toMatchObject({ code: 'CONFLICT', field: 'appointment' });
    expect(await orgTasks(fx.org.id)).toEqual(before);
    expect(await auditOf(fx.unscheduledTask.id, 'update')).toEqual(auditBefore);

    const stale = await failure(
      dispatcher.tasks.edit({ id: fx.unscheduledTask.id, version: 9, serviceType: 'Late' }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(await orgTasks(fx.org.id)).toEqual(before);
  });
});

describe('tasks.get', () => {
  it('answers the task page: customer, site, technician, window, answers and allowed actions', async () => {
    const { dispatcher, fx } = await setup();
    const { customFieldDefinitions: f, taskFieldAnswers: a } = schema;
    const [retiredAnswered, retiredUnanswered] = await t.db
      .insert(f)
      .values([
        {
          organizationId: fx.org.id,
          kind: 'text',
          label: 'Old gate code',
          sortOrder: 2,
          retiredAt: new Date('2026-01-01T00:00:00Z'),
        },
        {
          organizationId: fx.org.id,
          kind: 'text',
          label: 'Unused',
          sortOrder: 3,
          retiredAt: new Date('2026-01-01T00:00:00Z'),
        },
        { organizationId: fx.org.id, kind: 'static', label: 'Please tie up dogs', sortOrder: 0 },
        {
          organizationId: fx.org.id,
          kind: 'dropdown',
          label: 'Floor',
          options: ['1', '2'],
          defaultValue: '1',
          sortOrder: 4,
        },
      ])
      .returning();
    await t.db.insert(a).values([
      { organizationId: fx.org.id, taskId: fx.scheduledTask.id, fieldId: fx.customField.id, value: true },
      { organizationId: fx.org.id, taskId: fx.scheduledTask.id, fieldId: retiredAnswered!.id, value: '1234' },
      // an answer to another task must not show
      {
        organizationId: fx.org.id,
        taskId: fx.unscheduledTask.id,
        fieldId: retiredUnanswered!.id,
        value: 'other',
      },
    ]);
    const page = await dispatcher.tasks.get({ id: fx.scheduledTask.id });
    expect(page).toMatchObject({
      id: fx.scheduledTask.id,
      number: 2,
      status: 'scheduled',
      customer: { id: fx.customer.id, name: 'Acme Bakery' },
      site: {
        id: fx.site.id,
        addressLine1: '100 Congress Ave',
        city: 'Austin',
        region: 'TX',
        timeZone: 'America/Chicago',
      },
      technician: { id: fx.technician.id, name: 'Tess Tech' },
      window: { id: fx.morning.id, name: 'Morning', startTime: '08:00', endTime: '12:00' },
      appointmentStart: new Date('2026-03-10T13:00:00Z'),
      appointmentEnd: new Date('2026-03-10T17:00:00Z'),
      confirmationState: 'not_required',
      allowedActions: ['reschedule', 'assign', 'unassign', 'edit', 'en_route', 'cancel', 'fail'],
    });
    expect(page.answers.map((x) => [x.label, x.kind, x.required, x.value])).toEqual([
      ['Pets on site?', 'toggle', true, true],
      ['Old gate code', 'text', false, '1234'],
      ['Floor', 'dropdown', false, null],
    ]);

    const unscheduled = await dispatcher.tasks.get({ id: fx.unscheduledTask.id });
    expect(unscheduled).toMatchObject({ technician: null, window: null, appointmentStart: null });
    expect(unscheduled.allowedActions).toEqual(['book', 'assign', 'edit', 'cancel', 'fail']);
    // the retired field shows on the task that answered it, with that task's answer only
    expect(unscheduled.answers.map((x) => [x.label, x.value])).toEqual([
      ['Pets on site?', null],
      ['Unused', 'other'],
      ['Floor', null],
    ]);

    expect(await failure(dispatcher.tasks.get({ id: '00000000-0000-4000-8000-000000000000' }))).toMatchObject(
      {
        code: 'NOT_FOUND',
        message: 'Task was not found.',
      },
    );
  });
});

describe('tasks.list', () => {
  type Seeded = {
    s: Setup;
    rows: Array<typeof schema.tasks.$inferSelect>;
    otherCustomer: typeof schema.customers.$inferSelect;
    otherTechnician: typeof schema.technicians.$inferSelect;
  };
  let seeded: Seeded;

  beforeAll(async () => {
    const s = await setup();
    const { fx } = s;
    const [otherCustomer] = await t.db
      .insert(schema.customers)
      .values({ organizationId: fx.org.id, name: 'Zed 50%_Off Plumbing' })
      .returning();
    const [otherSite] = await t.db
      .insert(schema.sites)
      .values({
        organizationId: fx.org.id,
        customerId: otherCustomer!.id,
        addressLine1: '7 Pine St',
        city: 'Phoenix',
        timeZone: 'America/Phoenix',
      })
      .returning();
    const [otherTechnician] = await t.db
      .insert(schema.technicians)
      .values({ organizationId: fx.org.id, name: 'Olu Other' })
      .returning();
    const statuses = ['scheduled', 'confirmed', 'en_route', 'completed', 'cancelled', 'failed'] as const;
    const values: Array<typeof schema.tasks.$inferInsert> = [];
    for (let i = 0; i < 36; i++) {
      const booked = i % 4 !== 0;
      const mine = i % 3 !== 0;
      // several tasks share each date and some share a creation instant, so ties are exercised
      values.push({
        organizationId: fx.org.id,
        number: 1000 + i,
        customerId: mine ? fx.customer.id : otherCustomer!.id,
        siteId: mine ? fx.site.id : otherSite!.id,
        serviceType: i % 5 === 0 ? 'Boiler service' : `Repair ${i}`,
        status: booked ? statuses[i % statuses.length]! : 'unscheduled',
        schedulingMode: booked ? 'prebooked' : 'customer_selects',
        appointmentDate: booked ? `2026-03-${String(10 + (i % 7)).padStart(2, '0')}` : null,
        windowId: booked ? (i % 2 ? fx.morning.id : fx.afternoon.id) : null,
        technicianId: i % 2 ? fx.technician.id : i % 4 === 2 ? otherTechnician!.id : null,
        createdAt:
          sql`${`2026-02-01 10:00:${String(Math.floor(i / 3)).padStart(2, '0')}.00000${i % 3}+00`}::timestamptz` as never,
      });
    }
    await t.db.insert(schema.tasks).values(values);
    await t.db
      .update(schema.organizations)
      .set({ nextTaskNumber: 1036 })
      .where(eq(schema.organizations.id, fx.org.id));
    seeded = {
      s,
      rows: await orgTasks(fx.org.id),
      otherCustomer: otherCustomer!,
      otherTechnician: otherTechnician!,
    };
  });

  async function walk(input: Record<string, unknown>, limit: number) {
    const numbers: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await seeded.s.dispatcher.tasks.list({ ...input, limit, cursor } as never);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      numbers.push(...page.items.map((x) => x.number));
      cursor = page.nextCursor;
      pages++;
      if (cursor) expect(page.items).toHaveLength(limit);
    } while (cursor && pages < 100);
    return numbers;
  }

  const byAppointment = (rows: Seeded['rows']) =>
    [...rows]
      .sort(
        (a, b) =>
          (a.appointmentDate ?? '9999').localeCompare(b.appointmentDate ?? '9999') || a.number - b.number,
      )
      .map((r) => r.number);

  it('sorts by appointment (unbooked last, then number) and walks every page without duplicates or gaps', async () => {
    const expected = byAppointment(seeded.rows);
    expect(expected).toHaveLength(38);
    for (const limit of [1, 5, 7, 38, 200]) expect(await walk({}, limit)).toEqual(expected);
    const first = await seeded.s.dispatcher.tasks.list({ limit: 3 });
    expect(first.items[0]).toMatchObject({ appointmentDate: '2026-03-10' });
    expect(
      seeded.rows
        .filter((r) => r.appointmentDate === null)
        .map((r) => r.number)
        .sort((a, b) => a - b),
    ).toEqual(expected.slice(-seeded.rows.filter((r) => r.appointmentDate === null).length));
  });

  it('sorts by creation, newest first, keeping microsecond ties apart across pages', async () => {
    const expected = [...seeded.rows]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.number - a.number)
      .map((r) => r.number);
    for (const limit of [1, 4, 13]) expect(await walk({ sort: 'created' }, limit)).toEqual(expected);
    // tasks 1000…1002 were created in the same second, microseconds apart: the newest comes first
    expect(expected.indexOf(1002)).toBeLessThan(expected.indexOf(1001));
    expect(expected.indexOf(1001)).toBeLessThan(expected.indexOf(1000));
  });

  it('filters by status, date range, technician, unscheduled and customer — also across pages', async () => {
    const { rows, otherCustomer, otherTechnician } = seeded;
    const { fx } = seeded.s;
    const cases: Array<[Record<string, unknown>, (r: Seeded['rows'][number]) => boolean]> = [
      [{ status: ['cancelled', 'failed'] }, (r) => r.status === 'cancelled' || r.status === 'failed'],
      [{ status: ['unscheduled'] }, (r) => r.status === 'unscheduled'],
      [
        { dateFrom: '2026-03-12', dateTo: '2026-03-14' },
        (r) => !!r.appointmentDate && r.appointmentDate >= '2026-03-12' && r.appointmentDate <= '2026-03-14',
      ],
      [{ dateFrom: '2026-03-15' }, (r) => !!r.appointmentDate && r.appointmentDate >= '2026-03-15'],
      [{ dateTo: '2026-03-10' }, (r) => !!r.appointmentDate && r.appointmentDate <= '2026-03-10'],
      [{ technicianId: otherTechnician.id }, (r) => r.technicianId === otherTechnician.id],
      [
        { technicianId: fx.technician.id, dateFrom: '2026-03-11', dateTo: '2026-03-12' },
        (r) =>
          r.technicianId === fx.technician.id &&
          !!r.appointmentDate &&
          r.appointmentDate >= '2026-03-11' &&
          r.appointmentDate <= '2026-03-12',
      ],
      [{ unscheduled: true }, (r) => r.appointmentDate === null],
      [{ unscheduled: false }, (r) => r.appointmentDate !== null],
      [{ customerId: otherCustomer.id }, (r) => r.customerId === otherCustomer.id],
      [
        { customerId: fx.customer.id, status: ['unscheduled'] },
        (r) => r.customerId === fx.customer.id && r.status === 'unscheduled',
      ],
    ];
    for (const [input, keep] of cases) {
      const expected = byAppointment(rows.filter(keep));
      expect(expected.length, JSON.stringify(input)).toBeGreaterThan(0);
      expect(expected.length, JSON.stringify(input)).toBeLessThan(rows.length);
      expect(await walk(input, 3), JSON.stringify(input)).toEqual(expected);
      expect(await walk({ ...input, sort: 'created' }, 4), JSON.stringify(input)).toEqual(
        [...rows.filter(keep)]
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.number - a.number)
          .map((r) => r.number),
      );
    }
  });

  it('searches by task number, customer name and service type', async () => {
    const { rows, otherCustomer } = seeded;
    const list = (search: string) => walk({ search }, 50);
    expect(await list('T-1010')).toEqual([1010]);
    expect(await list('t1010')).toEqual([1010]);
    expect(await list('1010')).toEqual([1010]);
    expect(await list('104')).toEqual([]);
    expect(await list('zed')).toEqual(byAppointment(rows.filter((r) => r.customerId === otherCustomer.id)));
    // % and _ are matched literally, not as wildcards
    expect(await list('50%_off')).toEqual(
      byAppointment(rows.filter((r) => r.customerId === otherCustomer.id)),
    );
    expect(await list('5%off')).toEqual([]);
    expect(await list('BOILER')).toEqual(
      byAppointment(rows.filter((r) => r.serviceType === 'Boiler service')),
    );
    expect(await list('Repair 3')).toEqual(
      byAppointment(rows.filter((r) => r.serviceType.startsWith('Repair 3'))),
    );
  });

  it('answers each row with the names a dispatcher reads', async () => {
    const { fx } = seeded.s;
    const page = await seeded.s.dispatcher.tasks.list({ search: 'T-1001' });
    expect(page).toEqual({
      nextCursor: null,
      items: [
        expect.objectContaining({
          number: 1001,
          customerName: 'Acme Bakery',
          siteAddressLine1: '100 Congress Ave',
          siteCity: 'Austin',
          siteTimeZone: 'America/Chicago',
          technicianId: fx.technician.id,
          technicianName: 'Tess Tech',
          windowName: 'Morning',
          appointmentDate: '2026-03-11',
          status: 'confirmed',
          version: 1,
        }),
      ],
    });
    expect(Object.keys(page.items[0]!)).not.toContain('createdAtKey');
  });

  it('refuses cursors that were tampered with or belong to the other sort', async () => {
    const { dispatcher } = seeded.s;
    const created = await dispatcher.tasks.list({ sort: 'created', limit: 2 });
    expect(
      await failure(dispatcher.tasks.list({ sort: 'appointment', cursor: created.nextCursor })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'cursor',
    });
    for (const cursor of [
      'garbage',
      Buffer.from('{"s":"created","k":"x; drop table tasks","n":1}').toString('base64url'),
    ]) {
      expect(await failure(dispatcher.tasks.list({ sort: 'created', cursor }))).toMatchObject({
        code: 'BAD_REQUEST',
        field: 'cursor',
        message: 'This page link is not valid any more. Load the list again from the first page.',
      });
    }
    expect(await failure(dispatcher.tasks.list({ limit: 201 }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'limit',
    });
  });
});
