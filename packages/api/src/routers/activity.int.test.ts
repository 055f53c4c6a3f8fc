// activity.taskTimeline through the router on real PostgreSQL: scoping to the caller's organization, the
// order of changes and notifications, who did each change and what it changed.
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import type { TaskTimelineChangeEntry, TaskTimelineEntry } from '@portico/validators/activity';
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
  const clock = createTestClock();
  const fx = await createOrgFixture(t.db, clock);
  return {
    clock,
    fx,
    admin: callerFor(t.db, fx.admin.token, clock),
    dispatcher: callerFor(t.db, fx.dispatcher.token, clock),
  };
}

async function insertLog(
  fx: OrgFixture,
  values: Partial<typeof schema.notificationLog.$inferInsert> & { createdAt: Date },
) {
  const [row] = await t.db
    .insert(schema.notificationLog)
    .values({
      organizationId: fx.org.id,
      taskId: fx.scheduledTask.id,
      type: 'technician_en_route',
      channel: 'sms',
      contactId: fx.primaryContact.id,
      recipient: fx.primaryContact.phone,
      status: 'sent',
      idempotencyKey: `test:${crypto.randomUUID()}`,
      appointmentVersion: 1,
      attempts: 1,
      sentAt: values.createdAt,
      updatedAt: values.createdAt,
      ...values,
    })
    .returning();
  return row!;
}

function changes(entries: TaskTimelineEntry[]): TaskTimelineChangeEntry[] {
  return entries.filter((e): e is TaskTimelineChangeEntry => e.kind === 'change');
}

const minute = 60_000;

describe('activity.taskTimeline', () => {
  it('merges changes and notifications newest first, naming who did what and what changed', async () => {
    const { clock, fx, admin, dispatcher } = await setup();
    const task = fx.scheduledTask;

    const enRoute = await dispatcher.tasks.transition({
      id: task.id,
      version: task.version,
      action: 'en_route',
    });
    clock.advance(1000);
    await insertLog(fx, { createdAt: clock.now() });
    clock.advance(minute);
    const failed = await insertLog(fx, {
      createdAt: clock.now(),
      channel: 'email',
      contactId: fx.secondaryContact.id,
      recipient: fx.secondaryContact.email,
      status: 'failed',
      sentAt: null,
      error: 'Mailbox unavailable',
      attempts: 3,
    });
    clock.advance(minute);
    await admin.portalUsers.invite({ id: fx.portalUser.id, taskId: task.id });
    clock.advance(minute);
    await admin.notifications.resend({ id: failed.id });
    clock.advance(minute);
    await dispatcher.tasks.transition({
      id: task.id,
      version: enRoute.version,
      action: 'cancel',
      reason: 'Customer closed the shop',
    });
    // a portal user's answer and a system change, written as the portal and the worker write them
    clock.advance(minute);
    await t.db.insert(schema.auditEvents).values([
      {
        organizationId: fx.org.id,
        actorType: 'portal',
        actorId: fx.portalUser.id,
        entityType: 'task',
        entityId: task.id,
        action: 'answer',
        changes: { 'answer:Gate code': { from: null, to: '4321' } },
        createdAt: clock.now(),
      },
      {
        organizationId: fx.org.id,
        actorType: 'system',
        actorId: null,
        entityType: 'task',
        entityId: task.id,
        action: 'reschedule',
        changes: {
          appointmentDate: { from: '2026-03-10', to: '2026-03-11' },
          windowId: { from: fx.morning.id, to: fx.afternoon.id },
          confirmationState: { from: 'confirmed', to: 'pending' },
        },
        createdAt: new Date(clock.now().getTime() + 1000),
      },
    ]);

    const timeline = await dispatcher.activity.taskTimeline({ taskId: task.id });

    expect(
      timeline.map((e) => (e.kind === 'change' ? e.summary : `${e.kind}:${e.channel}:${e.status}`)),
    ).toEqual([
      'Appointment rescheduled',
      'Answered “Gate code”',
      'Cancelled',
      'Re-sent the technician en route by email',
      'Portal invite sent to Pat Primary',
      'notification:email:failed',
      'notification:sms:sent',
      'Marked en route',
    ]);
    const times = timeline.map((e) => e.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const [reschedule, answer, cancel, resend, invite, , , enRouteEntry] = timeline;
    expect(reschedule).toMatchObject({
      kind: 'change',
      actor: { type: 'system', id: null, name: 'Portico' },
      changes: [
        {
          field: 'appointment',
          from: `2026-03-10 · ${fx.morning.name} 08:00–12:00`,
          to: expect.stringMatching(new RegExp(`^2026-03-11 · ${fx.afternoon.name} `)) as string,
        },
        { field: 'confirmation', from: 'Confirmed by the customer', to: 'Waiting for the customer' },
      ],
    });
    expect(answer).toMatchObject({
      actor: { type: 'portal', id: fx.portalUser.id, name: 'Pat Primary' },
      changes: [{ field: 'answer', label: 'Gate code', from: null, to: '4321' }],
    });
    expect(cancel).toMatchObject({
      action: 'cancel',
      actor: { type: 'staff', id: fx.dispatcher.id },
      changes: [
        { field: 'status', from: 'En route', to: 'Cancelled' },
        { field: 'reason', to: 'Customer closed the shop' },
      ],
    });
    expect(cancel?.kind === 'change' && cancel.actor.name).toMatch(/^dispatcher /);
    expect(resend).toMatchObject({ action: 'resend', actor: { type: 'staff', id: fx.admin.id } });
    expect(invite).toMatchObject({ action: 'invite', actor: { type: 'staff', id: fx.admin.id } });
    expect(enRouteEntry).toMatchObject({
      action: 'en_route',
      changes: [{ field: 'status', from: 'Scheduled', to: 'En route' }],
    });
    expect(timeline.find((e) => e.kind === 'notification' && e.logId === failed.id)).toMatchObject({
      type: 'technician_en_route',
      status: 'failed',
      error: 'Mailbox unavailable',
      attempts: 3,
      contactName: 'Sam Second',
      recipient: fx.secondaryContact.email,
    });
  });

  it('tells a new task from its creation: status, appointment and technician, all "to"', async () => {
    const { fx, dispatcher } = await setup();
    const created = await dispatcher.tasks.create({
      customerId: fx.customer.id,
      siteId: fx.site.id,
      serviceType: 'Boiler service',
      schedulingMode: 'prebooked',
      appointment: { date: '2026-03-12', windowId: fx.morning.id },
      technicianId: fx.technician.id,
    });
    const timeline = await dispatcher.activity.taskTimeline({ taskId: created.id });
    const creation = changes(timeline).find((e) => e.action === 'create');
    expect(creation?.summary).toBe('Task created');
    expect(creation?.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', label: 'Status', from: null, to: 'Scheduled' },
        {
          field: 'appointment',
          label: 'Appointment',
          from: null,
          to: `2026-03-12 · ${fx.morning.name} 08:00–12:00`,
        },
        { field: 'technician', label: 'Technician', from: null, to: fx.technician.name },
        { field: 'serviceType', label: 'Service type', from: null, to: 'Boiler service' },
      ]),
    );
  });

  it("keeps to the caller's organization: another one's task is NOT_FOUND, its events never appear", async () => {
    const { fx, dispatcher } = await setup();
    const other = await setup();
    await other.dispatcher.tasks.transition({
      id: other.fx.scheduledTask.id,
      version: other.fx.scheduledTask.version,
      action: 'en_route',
    });
    await insertLog(other.fx, { createdAt: other.clock.now() });
    // an invite of the other organization's user naming our task id must not leak in either
    await t.db.insert(schema.auditEvents).values({
      organizationId: other.fx.org.id,
      actorType: 'staff',
      actorId: other.fx.admin.id,
      entityType: 'portal_user',
      entityId: other.fx.portalUser.id,
      action: 'invite',
      changes: { taskId: { from: null, to: fx.scheduledTask.id } },
      createdAt: other.clock.now(),
    });
    const before = await snapshotOrganization(t.db, other.fx.org.id);

    expect(
      await refusalOf(dispatcher.activity.taskTimeline({ taskId: other.fx.scheduledTask.id })),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'Task was not found.' });
    expect(await dispatcher.activity.taskTimeline({ taskId: fx.scheduledTask.id })).toEqual([]);
    expect(await snapshotOrganization(t.db, other.fx.org.id)).toBe(before);
  });

  it('refuses a malformed task id with a clear message, and callers who are not signed in', async () => {
    const { clock, fx, dispatcher } = await setup();
    const refusal = await refusalOf(dispatcher.activity.taskTimeline({ taskId: 'T-2' }));
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST', field: 'taskId' });
    expect(
      await refusalOf(callerFor(t.db, null, clock).activity.taskTimeline({ taskId: fx.scheduledTask.id })),
    ).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(
      await refusalOf(
        callerFor(t.db, fx.portalUser.token, clock).activity.taskTimeline({ taskId: fx.scheduledTask.id }),
      ),
    ).toMatchObject({ code: expect.stringMatching(/UNAUTHORIZED|FORBIDDEN/) as string });
  });
});
