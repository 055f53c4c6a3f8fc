// portalUsers.invite through the router on real PostgreSQL: one outbox job per invite in the same transaction,
// a minute between invites, and refusals (disabled, archived, foreign or closed task) that queue nothing.
import { AppError } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createOrgFixture, createTestClock, snapshotOrganization } from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause instanceof AppError ? error.cause : null;
    return {
      code: error.code,
      message: error.message,
      field: cause?.field,
      retryAfterSeconds: cause?.retryAfterSeconds,
    };
  }
  throw new Error('expected the call to be refused');
}

async function setup() {
  const clock = createTestClock();
  const fx = await createOrgFixture(t.db, clock);
  return { clock, fx, api: callerFor(t.db, fx.dispatcher.token, clock) };
}

const inviteJobs = (organizationId: string) =>
  t.db
    .select()
    .from(schema.jobOutbox)
    .where(
      and(eq(schema.jobOutbox.organizationId, organizationId), eq(schema.jobOutbox.queue, 'portal-invite')),
    )
    .orderBy(schema.jobOutbox.createdAt);

describe('portalUsers.invite', () => {
  it('queues exactly one portal-invite job, records invitedAt and an audit entry', async () => {
    const { api, fx, clock } = await setup();
    clock.advance(600_000);
    const invited = await api.portalUsers.invite({ id: fx.portalUser.id, taskId: fx.scheduledTask.id });
    expect(invited).toMatchObject({
      id: fx.portalUser.id,
      status: 'active',
      invitedAt: clock.now(),
      version: fx.portalUser.version + 1,
    });
    const jobs = await inviteJobs(fx.org.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      queue: 'portal-invite',
      createdAt: clock.now(),
      data: {
        organizationId: fx.org.id,
        portalUserId: fx.portalUser.id,
        taskId: fx.scheduledTask.id,
        requestedBy: fx.dispatcher.id,
      },
    });
    const audit = await t.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(
          eq(schema.auditEvents.entityType, 'portal_user'),
          eq(schema.auditEvents.entityId, fx.portalUser.id),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'invite', actorId: fx.dispatcher.id });
    expect(audit[0]!.changes).toMatchObject({
      taskId: { from: null, to: fx.scheduledTask.id },
      jobId: { from: null, to: jobs[0]!.id },
    });
  });

  it('refuses a second invite within a minute (TOO_MANY_REQUESTS), then allows one', async () => {
    const { api, fx, clock } = await setup();
    await api.portalUsers.invite({ id: fx.portalUser.id });
    clock.advance(20_000);
    const before = await snapshotOrganization(t.db, fx.org.id);
    const refused = await failure(api.portalUsers.invite({ id: fx.portalUser.id }));
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 40 });
    expect(refused.message).toBe(
      'An invite was sent to Pat Primary less than a minute ago. Wait 40 seconds before sending another.',
    );
    expect(await inviteJobs(fx.org.id)).toHaveLength(1);
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    clock.advance(41_000);
    await api.portalUsers.invite({ id: fx.portalUser.id });
    expect(await inviteJobs(fx.org.id)).toHaveLength(2);
  });

  it('invites a portal user just created (creating it is not an invite)', async () => {
    const { api, fx } = await setup();
    const created = await api.portalUsers.create({ contactId: fx.secondaryContact.id });
    const invited = await api.portalUsers.invite({ id: created.id });
    expect(invited.status).toBe('invited');
    expect((await inviteJobs(fx.org.id)).map((j) => j.data.portalUserId)).toEqual([created.id]);
  });

  it('refuses disabled access, an archived contact, and tasks the user cannot see, queueing nothing', async () => {
    const { api, fx } = await setup();
    const other = await createOrgFixture(t.db);
    const otherCustomer = (
      await t.db
        .insert(schema.customers)
        .values({ organizationId: fx.org.id, name: 'Other Customer' })
        .returning()
    )[0]!;
    const otherSite = (
      await t.db
        .insert(schema.sites)
        .values({
          organizationId: fx.org.id,
          customerId: otherCustomer.id,
          addressLine1: '1 Elsewhere St',
          city: 'Austin',
          timeZone: 'America/Chicago',
        })
        .returning()
    )[0]!;
    const otherTask = (
      await t.db
        .insert(schema.tasks)
        .values({
          organizationId: fx.org.id,
          number: 99,
          customerId: otherCustomer.id,
          siteId: otherSite.id,
          serviceType: 'Inspection',
          status: 'unscheduled',
          schedulingMode: 'customer_selects',
        })
        .returning()
    )[0]!;
    const completedTask = (
      await t.db
        .insert(schema.tasks)
        .values({
          organizationId: fx.org.id,
          number: 100,
          customerId: fx.customer.id,
          siteId: fx.site.id,
          serviceType: 'Tune-up',
          status: 'completed',
          schedulingMode: 'prebooked',
        })
        .returning()
    )[0]!;
    const before = await snapshotOrganization(t.db, fx.org.id);

    expect(
      await failure(api.portalUsers.invite({ id: fx.portalUser.id, taskId: other.scheduledTask.id })),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'taskId', message: 'Task was not found.' });
    const wrongCustomer = await failure(
      api.portalUsers.invite({ id: fx.portalUser.id, taskId: otherTask.id }),
    );
    expect(wrongCustomer).toMatchObject({ code: 'BAD_REQUEST', field: 'taskId' });
    expect(wrongCustomer.message).toMatch(/Pat Primary cannot see that task/);
    const closed = await failure(api.portalUsers.invite({ id: fx.portalUser.id, taskId: completedTask.id }));
    expect(closed).toMatchObject({ code: 'BAD_REQUEST', field: 'taskId' });
    expect(closed.message).toBe(
      'Task T-100 is completed, so there is nothing to book. Choose an open task, or send the invite without a task.',
    );
    expect(await failure(api.portalUsers.invite({ id: other.portalUser.id }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Portal user was not found.',
    });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    await t.db
      .update(schema.portalUsers)
      .set({ status: 'disabled' })
      .where(eq(schema.portalUsers.id, fx.portalUser.id));
    const disabled = await failure(api.portalUsers.invite({ id: fx.portalUser.id }));
    expect(disabled).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(disabled.message).toBe(
      "Pat Primary's portal access is disabled. Enable it before sending an invite.",
    );

    await t.db
      .update(schema.portalUsers)
      .set({ status: 'active' })
      .where(eq(schema.portalUsers.id, fx.portalUser.id));
    await t.db
      .update(schema.contacts)
      .set({ archivedAt: new Date() })
      .where(eq(schema.contacts.id, fx.primaryContact.id));
    const archived = await failure(api.portalUsers.invite({ id: fx.portalUser.id }));
    expect(archived).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(archived.message).toMatch(/contact record is archived/);

    expect(await inviteJobs(fx.org.id)).toEqual([]);
    expect(await inviteJobs(other.org.id)).toEqual([]);
  });
});
