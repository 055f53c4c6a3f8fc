// Appointment windows and availability through the router on real PostgreSQL: admin edits, the
// booked-times guard, retirement, capacity subtraction, started windows, and instants across DST.
import { AppError } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
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

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; field: string | null }> {
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

type Ctx = {
  clock: TestClock;
  fx: OrgFixture;
  admin: ReturnType<typeof callerFor>;
  dispatcher: ReturnType<typeof callerFor>;
};

async function setup(now = '2026-03-02T15:00:00Z'): Promise<Ctx> {
  const clock = createTestClock(new Date(now));
  const fx = await createOrgFixture(t.db, clock);
  return {
    clock,
    fx,
    admin: callerFor(t.db, fx.admin.token, clock),
    dispatcher: callerFor(t.db, fx.dispatcher.token, clock),
  };
}

async function windowRow(id: string) {
  const [row] = await t.db
    .select()
    .from(schema.appointmentWindows)
    .where(eq(schema.appointmentWindows.id, id));
  return row!;
}

async function addSite(fx: OrgFixture, timeZone: string) {
  const [site] = await t.db
    .insert(schema.sites)
    .values({
      organizationId: fx.org.id,
      customerId: fx.customer.id,
      addressLine1: `1 ${timeZone} Way`,
      city: 'Somewhere',
      timeZone,
    })
    .returning();
  return site!;
}

describe('windows: create, list, update, retire', () => {
  it('creates a window for admins, lists it in start-time order, and records the audit trail', async () => {
    const { admin, dispatcher, fx } = await setup();
    const early = await admin.windows.create({
      name: 'Early bird',
      startTime: '06:30',
      endTime: '08:00',
      daysOfWeek: [5, 1, 3],
      capacityPerDay: 2,
    });
    expect(early).toMatchObject({
      name: 'Early bird',
      startTime: '06:30',
      endTime: '08:00',
      daysOfWeek: [1, 3, 5],
      capacityPerDay: 2,
      retiredAt: null,
      version: 1,
    });
    const list = await dispatcher.windows.list({});
    expect(list.map((w) => w.name)).toEqual(['Early bird', 'Morning', 'Afternoon']);
    const audit = await t.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.entityId, early.id), eq(schema.auditEvents.action, 'create')));
    expect(audit[0]?.changes).toMatchObject({
      name: { from: null, to: 'Early bird' },
      capacityPerDay: { from: null, to: 2 },
    });
    expect(fx.org.id).toBe(audit[0]?.organizationId);
  });

  it('refuses invalid windows with a message for the field', async () => {
    const { admin } = await setup();
    const base = { name: 'Bad', startTime: '08:00', endTime: '12:00', daysOfWeek: [1], capacityPerDay: 3 };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ endTime: '08:00' }, 'endTime', /must end after it starts/],
      [{ endTime: '07:00' }, 'endTime', /must end after it starts/],
      [{ startTime: '8am' }, 'startTime', /like 08:00/],
      [{ startTime: '24:00' }, 'startTime', /like 08:00/],
      [{ daysOfWeek: [] }, 'daysOfWeek', /at least one day/],
      [{ daysOfWeek: [1, 1] }, 'daysOfWeek', /only once/],
      [{ daysOfWeek: [0] }, 'daysOfWeek.0', /1 = Monday/],
      [{ daysOfWeek: [8] }, 'daysOfWeek.0', /1 = Monday/],
      [{ capacityPerDay: 0 }, 'capacityPerDay', /at least 1/],
      [{ capacityPerDay: 501 }, 'capacityPerDay', /at most 500/],
      [{ capacityPerDay: 2.5 }, 'capacityPerDay', /whole number/],
      [{ name: '  ' }, 'name', /Give the window a name/],
    ];
    for (const [patch, field, message] of cases) {
      const f = await failure(admin.windows.create({ ...base, ...patch } as never));
      expect(f, JSON.stringify(patch)).toMatchObject({ code: 'BAD_REQUEST', field });
      expect(f.message).toMatch(message);
    }
  });

  it('changes name, days and capacity even with bookings, bumping the version', async () => {
    const { admin, fx } = await setup();
    const updated = await admin.windows.update({
      id: fx.morning.id,
      version: 1,
      name: 'Mornings',
      daysOfWeek: [1, 2, 3, 4, 5],
      capacityPerDay: 5,
    });
    expect(updated).toMatchObject({
      name: 'Mornings',
      daysOfWeek: [1, 2, 3, 4, 5],
      capacityPerDay: 5,
      version: 2,
    });
    const [audit] = await t.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.entityId, fx.morning.id), eq(schema.auditEvents.action, 'update')));
    expect(audit?.changes).toEqual({
      name: { from: 'Morning', to: 'Mornings' },
      daysOfWeek: { from: [1, 2, 3, 4, 5, 6, 7], to: [1, 2, 3, 4, 5] },
      capacityPerDay: { from: 3, to: 5 },
    });
  });

  it('refuses to move the times of a window with upcoming bookings, and allows it once none are left', async () => {
    const { admin, dispatcher, fx } = await setup();
    const before = await windowRow(fx.morning.id);
    const refused = await failure(
      admin.windows.update({ id: fx.morning.id, version: 1, startTime: '07:00' }),
    );
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(
      "The Morning window's times can't change while 1 upcoming task is booked in it (the first on Tue 10 Mar). " +
        'Reschedule those tasks first, or create a new window with the new times and retire this one.',
    );
    expect(await windowRow(fx.morning.id)).toEqual(before);

    // the only booking is cancelled: nothing holds the times any more
    await dispatcher.tasks.transition({
      id: fx.scheduledTask.id,
      version: 1,
      action: 'cancel',
      reason: 'Customer moved',
    });
    const moved = await admin.windows.update({
      id: fx.morning.id,
      version: 1,
      startTime: '07:00',
      endTime: '11:00',
    });
    expect(moved).toMatchObject({ startTime: '07:00', endTime: '11:00', version: 2 });
  });

  it('does not count bookings whose window is over as upcoming', async () => {
    // the fixture booking (Tue 10 Mar, 13:00–17:00Z) is history by now
    const { admin, fx } = await setup('2026-03-10T17:00:00Z');
    const moved = await admin.windows.update({ id: fx.morning.id, version: 1, endTime: '11:30' });
    expect(moved.endTime).toBe('11:30');
  });

  it('refuses an end before the saved start when only one time is given', async () => {
    const { admin, fx } = await setup();
    const f = await failure(admin.windows.update({ id: fx.afternoon.id, version: 1, endTime: '11:00' }));
    expect(f).toMatchObject({ code: 'BAD_REQUEST', field: 'endTime' });
    expect(f.message).toMatch(/must end after it starts/);
  });

  it('refuses a stale version and an unknown window, changing nothing', async () => {
    const { admin, fx } = await setup();
    await admin.windows.update({ id: fx.afternoon.id, version: 1, name: 'PM' });
    const before = await windowRow(fx.afternoon.id);
    const stale = await failure(admin.windows.update({ id: fx.afternoon.id, version: 1, name: 'Late' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/changed by someone else/);
    expect(await windowRow(fx.afternoon.id)).toEqual(before);
    const missing = await failure(
      admin.windows.update({ id: '00000000-0000-4000-8000-000000000000', version: 1, name: 'x' }),
    );
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: 'Appointment window was not found.' });
    const malformed = await failure(admin.windows.update({ id: 'nope', version: 1, name: 'x' }));
    expect(malformed).toMatchObject({ code: 'BAD_REQUEST', field: 'id' });
  });

  it('retires a window: hidden from the list and availability, not bookable, its bookings kept', async () => {
    const { admin, dispatcher, fx } = await setup();
    const retired = await admin.windows.retire({ id: fx.morning.id, version: 1 });
    expect(retired.retiredAt).toEqual(new Date('2026-03-02T15:00:00Z'));
    expect((await dispatcher.windows.list({})).map((w) => w.name)).toEqual(['Afternoon']);
    expect((await dispatcher.windows.list({ includeRetired: true })).map((w) => w.name)).toEqual([
      'Morning',
      'Afternoon',
    ]);
    const availability = await dispatcher.windows.availability({ from: '2026-03-10', to: '2026-03-10' });
    expect(availability.days[0]?.windows.map((w) => w.name)).toEqual(['Afternoon']);
    const refused = await failure(
      dispatcher.tasks.schedule({
        id: fx.unscheduledTask.id,
        version: 1,
        date: '2026-03-11',
        windowId: fx.morning.id,
      }),
    );
    expect(refused).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'appointment',
      message: 'The Morning window is retired. Pick another window.',
    });
    const kept = await dispatcher.tasks.get({ id: fx.scheduledTask.id });
    expect(kept).toMatchObject({
      windowId: fx.morning.id,
      appointmentDate: '2026-03-10',
      status: 'scheduled',
    });
    const again = await failure(admin.windows.retire({ id: fx.morning.id, version: 2 }));
    expect(again).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'The Morning window is already retired.',
    });
  });
});

describe('windows.availability', () => {
  it('subtracts bookings per window and date, and gives places back when a task is cancelled or failed', async () => {
    const { dispatcher, fx } = await setup();
    const extra = await dispatcher.tasks.create({
      customerId: fx.customer.id,
      siteId: fx.site.id,
      serviceType: 'Filter change',
      schedulingMode: 'prebooked',
      appointment: { date: '2026-03-10', windowId: fx.morning.id },
    });
    await dispatcher.tasks.create({
      customerId: fx.customer.id,
      siteId: fx.site.id,
      serviceType: 'Filter change',
      schedulingMode: 'prebooked',
      appointment: { date: '2026-03-11', windowId: fx.afternoon.id },
    });
    const read = async () => {
      const a = await dispatcher.windows.availability({
        from: '2026-03-10',
        to: '2026-03-11',
        siteId: fx.site.id,
      });
      return a.days.map((d) => [
        d.date,
        d.windows.map((w) => `${w.name}:${w.booked}/${w.capacity}:${w.remaining}`),
      ]);
    };
    expect(await read()).toEqual([
      ['2026-03-10', ['Morning:2/3:1', 'Afternoon:0/3:3']],
      ['2026-03-11', ['Morning:0/3:3', 'Afternoon:1/3:2']],
    ]);
    await dispatcher.tasks.transition({ id: extra.id, version: 1, action: 'fail', reason: 'No access' });
    expect((await read())[0]).toEqual(['2026-03-10', ['Morning:1/3:2', 'Afternoon:0/3:3']]);
  });

  it('never reports negative places when capacity was lowered under the bookings', async () => {
    const { admin, dispatcher, fx } = await setup();
    await dispatcher.tasks.create({
      customerId: fx.customer.id,
      siteId: fx.site.id,
      serviceType: 'Filter change',
      schedulingMode: 'prebooked',
      appointment: { date: '2026-03-10', windowId: fx.morning.id },
    });
    await admin.windows.update({ id: fx.morning.id, version: 1, capacityPerDay: 1 });
    const a = await dispatcher.windows.availability({ from: '2026-03-10', to: '2026-03-10' });
    expect(a.days[0]?.windows[0]).toMatchObject({ name: 'Morning', capacity: 1, booked: 2, remaining: 0 });
  });

  it('omits windows that have started (clock), keeps later ones and lists every date', async () => {
    // 2026-03-03 14:00 Chicago (CST, UTC-6): the morning has started, the afternoon has too; tomorrow is open
    const { dispatcher, fx } = await setup('2026-03-03T18:00:00Z');
    const a = await dispatcher.windows.availability({
      from: '2026-03-02',
      to: '2026-03-04',
      siteId: fx.site.id,
    });
    expect(a.timeZone).toBe('America/Chicago');
    expect(a.days.map((d) => [d.date, d.windows.map((w) => w.name)])).toEqual([
      ['2026-03-02', []],
      ['2026-03-03', []],
      ['2026-03-04', ['Morning', 'Afternoon']],
    ]);
    const justBefore = await setup('2026-03-03T17:59:00Z');
    const b = await justBefore.dispatcher.windows.availability({
      from: '2026-03-03',
      to: '2026-03-03',
      siteId: justBefore.fx.site.id,
    });
    expect(b.days[0]?.windows.map((w) => w.name)).toEqual(['Afternoon']);
  });

  it('reads windows in the site time zone: New York changes offset on 2026-03-08, Phoenix does not', async () => {
    const { dispatcher, fx } = await setup();
    const newYork = await addSite(fx, 'America/New_York');
    const phoenix = await addSite(fx, 'America/Phoenix');
    const instants = async (siteId: string) => {
      const a = await dispatcher.windows.availability({ from: '2026-03-07', to: '2026-03-09', siteId });
      return a.days.map((d) => [
        d.date,
        d.windows.map((w) => `${w.name} ${w.start.toISOString()}–${w.end.toISOString()}`),
      ]);
    };
    expect(await instants(newYork.id)).toEqual([
      [
        '2026-03-07',
        [
          'Morning 2026-03-07T13:00:00.000Z–2026-03-07T17:00:00.000Z',
          'Afternoon 2026-03-07T17:00:00.000Z–2026-03-07T21:00:00.000Z',
        ],
      ],
      [
        '2026-03-08',
        [
          'Morning 2026-03-08T12:00:00.000Z–2026-03-08T16:00:00.000Z',
          'Afternoon 2026-03-08T16:00:00.000Z–2026-03-08T20:00:00.000Z',
        ],
      ],
      [
        '2026-03-09',
        [
          'Morning 2026-03-09T12:00:00.000Z–2026-03-09T16:00:00.000Z',
          'Afternoon 2026-03-09T16:00:00.000Z–2026-03-09T20:00:00.000Z',
        ],
      ],
    ]);
    expect(await instants(phoenix.id)).toEqual(
      ['2026-03-07', '2026-03-08', '2026-03-09'].map((d) => [
        d,
        [`Morning ${d}T15:00:00.000Z–${d}T19:00:00.000Z`, `Afternoon ${d}T19:00:00.000Z–${d}T23:00:00.000Z`],
      ]),
    );
  });

  it("uses the organization's time zone without a site, and leaves out a window that falls in the DST gap", async () => {
    const { admin, dispatcher } = await setup();
    // the fixture organization is in America/New_York
    await admin.windows.create({
      name: 'Night',
      startTime: '02:00',
      endTime: '03:00',
      daysOfWeek: [7],
      capacityPerDay: 1,
    });
    const a = await dispatcher.windows.availability({ from: '2026-03-08', to: '2026-03-15' });
    expect(a.timeZone).toBe('America/New_York');
    const night = (date: string) =>
      a.days.find((d) => d.date === date)?.windows.find((w) => w.name === 'Night');
    expect(night('2026-03-08')).toBeUndefined();
    expect(night('2026-03-15')?.start.toISOString()).toBe('2026-03-15T06:00:00.000Z');
  });

  it('refuses ranges that are reversed or longer than 62 days, and unknown sites', async () => {
    const { dispatcher } = await setup();
    expect(
      await failure(dispatcher.windows.availability({ from: '2026-03-10', to: '2026-03-09' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'to',
      message: 'The end date must be on or after the start date.',
    });
    expect(
      await failure(dispatcher.windows.availability({ from: '2026-03-01', to: '2026-05-02' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'to',
      message: 'Ask for at most 62 days at a time.',
    });
    const ok = await dispatcher.windows.availability({ from: '2026-03-01', to: '2026-05-01' });
    expect(ok.days).toHaveLength(62);
    expect(
      await failure(dispatcher.windows.availability({ from: '2026-02-30', to: '2026-03-01' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'from',
    });
    expect(
      await failure(
        dispatcher.windows.availability({
          from: '2026-03-01',
          to: '2026-03-02',
          siteId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'Site was not found.' });
  });
});
