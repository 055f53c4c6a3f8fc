// The dispatch board and placing a task on it, through the router on real PostgreSQL: one call books and
// assigns, capacity holds under a race, stale versions and refused statuses change nothing, other
// organizations stay invisible, and the board answers lanes, windows, cards and counts.
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  createOrgFixture,
  createTestClock,
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

async function setup() {
  const clock = createTestClock(new Date('2026-03-02T15:00:00Z'));
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

async function addTechnician(fx: OrgFixture, name: string, active = true) {
  const [row] = await t.db
    .insert(schema.technicians)
    .values({ organizationId: fx.org.id, name, active })
    .returning();
  return row!;
}

async function addUnscheduledTask(fx: OrgFixture, number: number) {
  const [row] = await t.db
    .insert(schema.tasks)
    .values({
      organizationId: fx.org.id,
      number,
      customerId: fx.customer.id,
      siteId: fx.site.id,
      serviceType: `Job ${number}`,
      status: 'unscheduled',
      schedulingMode: 'customer_selects',
    })
    .returning();
  return row!;
}

describe('dispatch.place', () => {
  it('books the window and assigns the technician in one call', async () => {
    const { dispatcher, fx } = await setup();
    const placed = await dispatcher.dispatch.place({
      taskId: fx.unscheduledTask.id,
      version: fx.unscheduledTask.version,
      technicianId: fx.technician.id,
      date: '2026-03-12',
      windowId: fx.afternoon.id,
    });
    expect(placed).toMatchObject({
      status: 'scheduled',
      appointmentDate: '2026-03-12',
      windowId: fx.afternoon.id,
      technicianId: fx.technician.id,
      appointmentVersion: 1,
      // 12:00-16:00 America/Chicago (CDT)
      appointmentStart: new Date('2026-03-12T17:00:00Z'),
    });
    const row = await taskRow(fx.unscheduledTask.id);
    expect(row).toMatchObject({
      status: 'scheduled',
      appointmentDate: '2026-03-12',
      windowId: fx.afternoon.id,
      technicianId: fx.technician.id,
      version: placed.version,
    });
    const audit = await t.db
      .select({ action: schema.auditEvents.action })
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.entityId, fx.unscheduledTask.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['assign', 'book']);
  });

  it('moves a booked task to another lane and window (reschedule and reassign)', async () => {
    const { dispatcher, fx } = await setup();
    const other = await addTechnician(fx, 'Otto Other');
    const placed = await dispatcher.dispatch.place({
      taskId: fx.scheduledTask.id,
      version: fx.scheduledTask.version,
      technicianId: other.id,
      date: '2026-03-11',
      windowId: fx.afternoon.id,
    });
    expect(placed).toMatchObject({
      status: 'scheduled',
      appointmentDate: '2026-03-11',
      windowId: fx.afternoon.id,
      technicianId: other.id,
      appointmentVersion: 2,
    });
  });

  it('only reassigns an en-route task dropped in another lane of its own window', async () => {
    const { dispatcher, fx } = await setup();
    await t.db
      .update(schema.tasks)
      .set({ status: 'en_route' })
      .where(eq(schema.tasks.id, fx.scheduledTask.id));
    const other = await addTechnician(fx, 'Otto Other');
    const placed = await dispatcher.dispatch.place({
      taskId: fx.scheduledTask.id,
      version: fx.scheduledTask.version,
      technicianId: other.id,
      date: '2026-03-10',
      windowId: fx.morning.id,
    });
    expect(placed).toMatchObject({ status: 'en_route', technicianId: other.id, appointmentVersion: 1 });

    // but it cannot move to another window
    const refusal = await refusalOf(
      dispatcher.dispatch.place({
        taskId: fx.scheduledTask.id,
        version: placed.version,
        technicianId: other.id,
        date: '2026-03-10',
        windowId: fx.afternoon.id,
      }),
    );
    expect(refusal).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This task is en route; it can no longer be rescheduled.',
    });
  });

  it('gives the last place to exactly one of two places racing for it', async () => {
    const { admin, dispatcher, fx } = await setup();
    const small = await admin.windows.create({
      name: 'Small',
      startTime: '13:00',
      endTime: '14:00',
      daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
      capacityPerDay: 1,
    });
    const a = await addUnscheduledTask(fx, 3);
    const b = await addUnscheduledTask(fx, 4);
    const results = await Promise.allSettled(
      [a, b].map((task) =>
        dispatcher.dispatch.place({
          taskId: task.id,
          version: task.version,
          technicianId: fx.technician.id,
          date: '2026-03-16',
          windowId: small.id,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected');
    expect(loser?.status === 'rejected' ? (loser.reason as { code: string }).code : null).toBe('CONFLICT');
    const booked = await t.db
      .select()
      .from(schema.tasks)
      .where(and(eq(schema.tasks.windowId, small.id), eq(schema.tasks.appointmentDate, '2026-03-16')));
    expect(booked).toHaveLength(1);
    // the loser was neither booked nor assigned: the transaction rolled back as one
    const losers = [await taskRow(a.id), await taskRow(b.id)].filter((x) => x.windowId === null);
    expect(losers).toHaveLength(1);
    expect(losers[0]).toMatchObject({ status: 'unscheduled', technicianId: null, version: 1 });
  });

  it('refuses a full window with a message about the window field, changing nothing', async () => {
    const { dispatcher, fx } = await setup();
    await t.db
      .update(schema.appointmentWindows)
      .set({ capacityPerDay: 1 })
      .where(eq(schema.appointmentWindows.id, fx.morning.id));
    const before = await snapshotOrganization(t.db, fx.org.id);
    const refusal = await refusalOf(
      dispatcher.dispatch.place({
        taskId: fx.unscheduledTask.id,
        version: fx.unscheduledTask.version,
        technicianId: fx.technician.id,
        date: '2026-03-10',
        windowId: fx.morning.id,
      }),
    );
    expect(refusal).toMatchObject({
      code: 'CONFLICT',
      field: 'windowId',
      message: 'The Morning window on Tue 10 Mar is full (1 of 1 booked). Pick another window or day.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('refuses a stale version and a finished task, changing nothing', async () => {
    const { dispatcher, fx } = await setup();
    const before = await snapshotOrganization(t.db, fx.org.id);
    const stale = await refusalOf(
      dispatcher.dispatch.place({
        taskId: fx.scheduledTask.id,
        version: fx.scheduledTask.version + 1,
        technicianId: fx.technician.id,
        date: '2026-03-11',
        windowId: fx.afternoon.id,
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('was changed by someone else');
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    await t.db
      .update(schema.tasks)
      .set({ status: 'completed' })
      .where(eq(schema.tasks.id, fx.scheduledTask.id));
    const finished = await snapshotOrganization(t.db, fx.org.id);
    const refusal = await refusalOf(
      dispatcher.dispatch.place({
        taskId: fx.scheduledTask.id,
        version: fx.scheduledTask.version,
        technicianId: fx.technician.id,
        date: '2026-03-11',
        windowId: fx.afternoon.id,
      }),
    );
    expect(refusal).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This task is completed; it can no longer be assigned to a technician.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(finished);
  });

  it('refuses an inactive technician next to the technician field', async () => {
    const { dispatcher, fx } = await setup();
    const gone = await addTechnician(fx, 'Gone Gary', false);
    const refusal = await refusalOf(
      dispatcher.dispatch.place({
        taskId: fx.unscheduledTask.id,
        version: fx.unscheduledTask.version,
        technicianId: gone.id,
        date: '2026-03-12',
        windowId: fx.morning.id,
      }),
    );
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST', field: 'technicianId' });
    expect(await taskRow(fx.unscheduledTask.id)).toMatchObject({ status: 'unscheduled', technicianId: null });
  });

  it("answers NOT_FOUND for another organization's task, technician or window, changing neither", async () => {
    const { dispatcher, fx } = await setup();
    const foreign = await createOrgFixture(t.db);
    const ownBefore = await snapshotOrganization(t.db, fx.org.id);
    const foreignBefore = await snapshotOrganization(t.db, foreign.org.id);
    const base = {
      taskId: fx.unscheduledTask.id,
      version: fx.unscheduledTask.version,
      technicianId: fx.technician.id,
      date: '2026-03-12',
      windowId: fx.morning.id,
    };
    for (const input of [
      { ...base, taskId: foreign.unscheduledTask.id },
      { ...base, technicianId: foreign.technician.id },
      { ...base, windowId: foreign.morning.id },
    ]) {
      expect((await refusalOf(dispatcher.dispatch.place(input))).code).toBe('NOT_FOUND');
    }
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(ownBefore);
    expect(await snapshotOrganization(t.db, foreign.org.id)).toBe(foreignBefore);
  });
});

describe('dispatch.board', () => {
  it('answers lanes, windows, cards, counts and the tray of the days asked for', async () => {
    const { dispatcher, fx } = await setup();
    const foreign = await createOrgFixture(t.db);
    const zed = await addTechnician(fx, 'Zed Zero');
    const board = await dispatcher.dispatch.board({ date: '2026-03-09', days: 7 });
    expect(board.timeZone).toBe('America/New_York');
    expect(board.dates).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(board.lanes.map((l) => l.name)).toEqual(['Tess Tech', 'Zed Zero']);
    expect(board.lanes[1]?.technicianId).toBe(zed.id);
    expect(board.windows.map((w) => [w.name, w.startTime, w.endTime, w.capacityPerDay])).toEqual([
      ['Morning', '08:00', '12:00', 3],
      ['Afternoon', '12:00', '16:00', 3],
    ]);
    expect(board.tasks).toEqual([
      expect.objectContaining({
        id: fx.scheduledTask.id,
        number: 2,
        serviceType: 'AC repair',
        customerName: 'Acme Bakery',
        siteAddress: '100 Congress Ave',
        siteCity: 'Austin',
        appointmentDate: '2026-03-10',
        windowId: fx.morning.id,
        technicianId: fx.technician.id,
      }),
    ]);
    expect(board.unscheduled.map((x) => x.id)).toEqual([fx.unscheduledTask.id]);
    expect(board.unscheduledTotal).toBe(1);
    expect(board.counts).toHaveLength(14);
    expect(board.counts).toContainEqual({
      date: '2026-03-10',
      windowId: fx.morning.id,
      booked: 1,
      capacity: 3,
      offered: true,
    });
    expect(board.counts).toContainEqual({
      date: '2026-03-11',
      windowId: fx.morning.id,
      booked: 0,
      capacity: 3,
      offered: true,
    });
    const text = JSON.stringify(board);
    for (const id of [foreign.scheduledTask.id, foreign.technician.id, foreign.morning.id]) {
      expect(text).not.toContain(id);
    }
  });

  it('keeps a retired window and an inactive technician on the board while tasks still use them', async () => {
    const { admin, dispatcher, fx } = await setup();
    await t.db
      .update(schema.technicians)
      .set({ active: false })
      .where(eq(schema.technicians.id, fx.technician.id));
    await admin.windows.retire({ id: fx.afternoon.id, version: fx.afternoon.version });
    // a retired window keeps the bookings it already had
    await admin.windows.retire({ id: fx.morning.id, version: fx.morning.version });
    const board = await dispatcher.dispatch.board({ date: '2026-03-10', days: 1 });
    expect(board.lanes).toEqual([
      { technicianId: fx.technician.id, name: 'Tess Tech', color: null, active: false },
    ]);
    expect(board.windows.map((w) => [w.name, w.retired])).toEqual([['Morning', true]]);
    expect(board.counts).toEqual([
      { date: '2026-03-10', windowId: fx.morning.id, booked: 1, capacity: 3, offered: false },
    ]);
    const empty = await dispatcher.dispatch.board({ date: '2026-03-11', days: 1 });
    expect(empty).toMatchObject({ lanes: [], windows: [], tasks: [], counts: [] });
  });

  it('refuses more than a week with a message about days', async () => {
    const { dispatcher } = await setup();
    const refusal = await refusalOf(dispatcher.dispatch.board({ date: '2026-03-10', days: 8 }));
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST', field: 'days' });
  });
});
