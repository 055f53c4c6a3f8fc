// The notification pipeline end to end on real PostgreSQL: task changes through the API, a worker (relay, notify,
// deliver, dead letter, reminder sweep) and the real SNS and Resend SDK clients talking to the local stand-ins.
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  type OrgFixture,
  type TestClock,
} from '@portico/api/test-support';
import { hashLinkToken } from '@portico/auth';
import { enqueueJob, type CoreContext } from '@portico/core';
import { createTask } from '@portico/core/tasks/create-task';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { createChannelProviders } from '@portico/notifications';
import {
  startResendStandIn,
  startSnsStandIn,
  type ResendStandIn,
  type SnsStandIn,
  standInProviderConfig,
} from '@portico/notifications/testing';
import { and, asc, eq, sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverHandler } from './handlers/deliver';
import { notifyHandler } from './handlers/notify';
import { startJobSystem, type JobSystem } from './index';
import type { WorkerDeps } from './worker-deps';

const API_NOW = new Date('2026-03-02T15:00:00Z');
const ORIGIN = 'http://localhost:3000';

let t: TestDatabase;
let sns: SnsStandIn;
let resend: ResendStandIn;
let jobs: JobSystem;
let deps: WorkerDeps;
/** The worker's clock: moved to make reminders fall due; the API keeps its own (sessions stay valid). */
const workerClock = createTestClock(API_NOW);

beforeAll(async () => {
  t = await createTestDatabase();
  sns = await startSnsStandIn();
  resend = await startResendStandIn();
  const providers = createChannelProviders(standInProviderConfig({ sns: sns.url, resend: resend.url }), t.db);
  jobs = await startJobSystem({
    connectionString: t.url,
    role: 'worker',
    worker: {
      db: t.db,
      providers,
      publicOrigin: ORIGIN,
      clock: workerClock,
      retry: { limit: 2, delaySeconds: 1, backoff: false, delayMaxSeconds: 1 },
      throughput: { notify: { batchSize: 5 }, deliver: { batchSize: 5, localConcurrency: 2 } },
      relay: { intervalMs: 50, sweepIntervalMs: 100 },
    },
  });
  deps = {
    db: t.db,
    clock: workerClock,
    boss: jobs.boss,
    providers,
    publicOrigin: ORIGIN,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  };
});

afterAll(async () => {
  await jobs?.stop();
  await sns?.close();
  await resend?.close();
  await t?.close();
});

beforeEach(() => {
  workerClock.set(API_NOW);
  sns.reset();
  resend.reset();
});

type Setup = { fx: OrgFixture; dispatcher: ReturnType<typeof callerFor>; apiClock: TestClock };

async function setup(): Promise<Setup> {
  const apiClock = createTestClock(API_NOW);
  const fx = await createOrgFixture(t.db, apiClock);
  return { fx, apiClock, dispatcher: callerFor(t.db, fx.dispatcher.token, apiClock) };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function logOf(taskId: string) {
  return t.db
    .select()
    .from(schema.notificationLog)
    .where(eq(schema.notificationLog.taskId, taskId))
    .orderBy(
      asc(schema.notificationLog.type),
      asc(schema.notificationLog.createdAt),
      asc(schema.notificationLog.channel),
    );
}

/** Waits until the task's log has `count` entries of `type` and none of them is still queued. */
async function settledLog(taskId: string, type: string, count: number, timeoutMs?: number) {
  return waitFor(
    `${count} settled ${type} entries`,
    async () => {
      const rows = (await logOf(taskId)).filter((r) => r.type === type);
      return rows.length === count && rows.every((r) => r.status !== 'queued') ? rows : null;
    },
    timeoutMs,
  );
}

function entry(rows: Awaited<ReturnType<typeof logOf>>, contactId: string, channel: 'sms' | 'email') {
  const found = rows.find((r) => r.contactId === contactId && r.channel === channel);
  if (!found) throw new Error(`no ${channel} entry for ${contactId}`);
  return found;
}

async function createCustomerSelectsTask(s: Setup) {
  return s.dispatcher.tasks.create({
    customerId: s.fx.customer.id,
    siteId: s.fx.site.id,
    serviceType: 'Furnace tune-up',
    schedulingMode: 'customer_selects',
  });
}

async function createPrebookedTask(s: Setup, date: string, windowId = s.fx.morning.id) {
  return s.dispatcher.tasks.create({
    customerId: s.fx.customer.id,
    siteId: s.fx.site.id,
    serviceType: 'AC repair',
    schedulingMode: 'prebooked',
    appointment: { date, windowId },
    technicianId: s.fx.technician.id,
  });
}

async function setSetting(
  s: Setup,
  type: string,
  values: { enabled?: boolean; method?: 'sms' | 'email' | 'both' },
) {
  await t.db
    .insert(schema.notificationSettings)
    .values({ organizationId: s.fx.org.id, type: type as 'booking_invite', ...values })
    .onConflictDoUpdate({
      target: [schema.notificationSettings.organizationId, schema.notificationSettings.type],
      set: values,
    });
}

describe('booking invite', () => {
  it('goes by SMS and email to the primary and secondary contact, each with its own access link', async () => {
    const s = await setup();
    const task = await createCustomerSelectsTask(s);
    const rows = await settledLog(task.id, 'booking_invite', 4);
    const { primaryContact: pat, secondaryContact: sam } = s.fx;

    expect(entry(rows, pat.id, 'sms')).toMatchObject({
      status: 'sent',
      recipient: '+15125550142',
      attempts: 1,
    });
    expect(entry(rows, pat.id, 'email')).toMatchObject({ status: 'sent', recipient: 'pat@example.test' });
    expect(entry(rows, sam.id, 'email')).toMatchObject({ status: 'sent', recipient: 'sam@example.test' });
    expect(entry(rows, sam.id, 'sms')).toMatchObject({
      status: 'skipped',
      skipReason: 'Sam Second has no phone number for SMS.',
    });

    const linkPattern = new RegExp(`${ORIGIN}/p/${s.fx.org.slug}/access/([a-z2-7]{32})`);
    const sms = sns.deliveries.filter((d) => d.phoneNumber === '+15125550142');
    expect(sms).toHaveLength(1);
    const smsToken = linkPattern.exec(sms[0]!.message)?.[1];
    expect(smsToken).toBeDefined();
    const emails = resend.deliveries;
    expect(emails.map((e) => e.to[0]).sort()).toEqual(['pat@example.test', 'sam@example.test']);
    const patEmail = emails.find((e) => e.to[0] === 'pat@example.test')!;
    expect(patEmail.idempotencyKey).toBe(entry(rows, pat.id, 'email').idempotencyKey);
    expect(patEmail.html).toContain('<');
    const emailToken = linkPattern.exec(patEmail.text ?? '')?.[1];
    expect(emailToken).toBeDefined();
    expect(emailToken).not.toBe(smsToken);

    // the log shows the link masked; only the hash of each token is stored, bound to the task
    const smsEntry = entry(rows, pat.id, 'sms');
    expect(smsEntry.body).toContain(`/p/${s.fx.org.slug}/access/••••••`);
    expect(smsEntry.body).not.toContain(smsToken!);
    expect(smsEntry.segments).toBeGreaterThanOrEqual(1);
    expect(smsEntry.providerMessageId).toBeTruthy();
    const [token] = await t.db
      .select()
      .from(schema.linkTokens)
      .where(eq(schema.linkTokens.tokenHash, hashLinkToken(smsToken!)));
    expect(token).toMatchObject({ purpose: 'invite', taskId: task.id, portalUserId: s.fx.portalUser.id });
    expect(token!.expiresAt.getTime() - API_NOW.getTime()).toBe(s.fx.org.linkLifetimeHours * 3_600_000);

    // Sam had no portal user: one was created for the invite
    const [samUser] = await t.db
      .select()
      .from(schema.portalUsers)
      .where(eq(schema.portalUsers.contactId, sam.id));
    expect(samUser).toMatchObject({ role: 'contact', status: 'invited', customerId: s.fx.customer.id });
  });

  it("uses the organization's saved templates, SMS and email alike", async () => {
    const s = await setup();
    // saved as an admin saves them (an SMS template has no subject: the row must still be found)
    const admin = callerFor(t.db, s.fx.admin.token, s.apiClock);
    await admin.notifications.updateTemplate({
      type: 'booking_invite',
      channel: 'sms',
      body: 'CUSTOM-SMS {{organization.name}}: pick a time at {{portal.link}}',
      version: 0,
    });
    await admin.notifications.updateTemplate({
      type: 'booking_invite',
      channel: 'email',
      subject: 'CUSTOM-EMAIL for {{customer.name}}',
      body: 'Pick a time: {{portal.link}}',
      version: 0,
    });
    const task = await createCustomerSelectsTask(s);
    await settledLog(task.id, 'booking_invite', 4);
    const sms = sns.deliveries.filter((d) => d.phoneNumber === '+15125550142');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toMatch(new RegExp(`^CUSTOM-SMS ${s.fx.org.name}: pick a time at ${ORIGIN}/p/`));
    expect(resend.deliveries.map((e) => e.subject)).toEqual([
      `CUSTOM-EMAIL for ${s.fx.customer.name}`,
      `CUSTOM-EMAIL for ${s.fx.customer.name}`,
    ]);
  });

  it('turned off: every entry is skipped with the reason, nothing is sent', async () => {
    const s = await setup();
    await setSetting(s, 'booking_invite', { enabled: false });
    const task = await createCustomerSelectsTask(s);
    const rows = await settledLog(task.id, 'booking_invite', 4);
    expect(rows.every((r) => r.status === 'skipped')).toBe(true);
    expect(new Set(rows.map((r) => r.skipReason))).toEqual(
      new Set(['Booking invites are turned off in the notification settings.']),
    );
    await sleep(300);
    expect(sns.deliveries).toHaveLength(0);
    expect(resend.deliveries).toHaveLength(0);
  });

  it('skips an SMS opt-out and a contact without email, and sends the rest', async () => {
    const s = await setup();
    const { primaryContact: pat, secondaryContact: sam } = s.fx;
    await t.db.update(schema.contacts).set({ smsOptOut: true }).where(eq(schema.contacts.id, pat.id));
    await t.db.update(schema.contacts).set({ email: null }).where(eq(schema.contacts.id, sam.id));
    const task = await createCustomerSelectsTask(s);
    const rows = await settledLog(task.id, 'booking_invite', 4);
    expect(entry(rows, pat.id, 'sms')).toMatchObject({
      status: 'skipped',
      skipReason: 'Pat Primary opted out of SMS.',
    });
    expect(entry(rows, pat.id, 'email').status).toBe('sent');
    expect(entry(rows, sam.id, 'email')).toMatchObject({
      status: 'skipped',
      skipReason: 'Sam Second has no email address.',
    });
    expect(sns.deliveries).toHaveLength(0);
    expect(resend.deliveries.map((d) => d.to[0])).toEqual(['pat@example.test']);
  });
});

describe('reminders', () => {
  it('a reschedule re-arms the reminder: the old one never fires, the new one does', async () => {
    const s = await setup();
    const created = await createPrebookedTask(s, '2026-03-10');
    const [first] = await t.db
      .select()
      .from(schema.scheduledReminders)
      .where(eq(schema.scheduledReminders.taskId, created.id));
    // 08:00 CDT on 2026-03-10 is 13:00Z; the reminder is due a day before
    expect(first).toMatchObject({ appointmentVersion: 1, status: 'pending' });
    expect(first!.dueAt.toISOString()).toBe('2026-03-09T13:00:00.000Z');

    const moved = await s.dispatcher.tasks.schedule({
      id: created.id,
      version: created.version,
      date: '2026-03-12',
      windowId: s.fx.afternoon.id,
    });
    expect(moved.appointmentVersion).toBe(2);
    const reminders = await t.db
      .select()
      .from(schema.scheduledReminders)
      .where(eq(schema.scheduledReminders.taskId, created.id))
      .orderBy(asc(schema.scheduledReminders.appointmentVersion));
    expect(reminders.map((r) => [r.appointmentVersion, r.status])).toEqual([
      [1, 'cancelled'],
      [2, 'pending'],
    ]);
    expect(reminders[1]!.dueAt.toISOString()).toBe('2026-03-11T17:00:00.000Z');
    // the dispatcher's move is confirmed to the customer (the organization's default)
    const confirmations = await settledLog(created.id, 'booking_confirmation', 4);
    expect(confirmations.every((r) => r.appointmentVersion === 2)).toBe(true);

    // the old reminder's time comes: nothing fires
    workerClock.set(new Date('2026-03-09T13:05:00Z'));
    await sleep(800);
    expect((await logOf(created.id)).filter((r) => r.type === 'reminder_24h')).toHaveLength(0);

    // a notify job for the old version that was already on its way is superseded, and writes nothing
    await enqueueJob(systemCtx(s), 'notify', {
      organizationId: s.fx.org.id,
      taskId: created.id,
      type: 'reminder_24h',
      appointmentVersion: 1,
    });
    await waitFor(
      'the outbox to drain',
      async () => (await t.db.select().from(schema.jobOutbox)).length === 0,
    );
    await sleep(800);
    expect((await logOf(created.id)).filter((r) => r.type === 'reminder_24h')).toHaveLength(0);

    // the new reminder's time comes: it goes out for version 2 only
    sns.reset();
    resend.reset();
    workerClock.set(new Date('2026-03-11T17:01:00Z'));
    const sent = await settledLog(created.id, 'reminder_24h', 4);
    expect(sent.every((r) => r.appointmentVersion === 2)).toBe(true);
    expect(entry(sent, s.fx.primaryContact.id, 'sms').status).toBe('sent');
    expect(sns.deliveries).toHaveLength(1);
    expect(sns.deliveries[0]!.message).toContain('Thursday, March 12');
    expect(resend.deliveries).toHaveLength(2);
    const [fired] = await t.db
      .select()
      .from(schema.scheduledReminders)
      .where(
        and(
          eq(schema.scheduledReminders.taskId, created.id),
          eq(schema.scheduledReminders.appointmentVersion, 2),
        ),
      );
    expect(fired?.status).toBe('enqueued');
  });

  it('a dispatcher booking without the confirmation setting still re-arms the reminder', async () => {
    const s = await setup();
    await t.db
      .update(schema.organizations)
      .set({ notifyOnDispatcherBooking: false })
      .where(eq(schema.organizations.id, s.fx.org.id));
    const task = await createCustomerSelectsTask(s);
    await s.dispatcher.tasks.schedule({
      id: task.id,
      version: task.version,
      date: '2026-03-10',
      windowId: s.fx.morning.id,
    });
    await settledLog(task.id, 'booking_invite', 4);
    await sleep(500);
    expect((await logOf(task.id)).filter((r) => r.type === 'booking_confirmation')).toHaveLength(0);
    const reminders = await t.db
      .select()
      .from(schema.scheduledReminders)
      .where(eq(schema.scheduledReminders.taskId, task.id));
    expect(reminders.map((r) => r.status)).toEqual(['pending']);
  });

  it('cancelling the task withdraws its reminder', async () => {
    const s = await setup();
    const task = await createPrebookedTask(s, '2026-03-10');
    await s.dispatcher.tasks.transition({
      id: task.id,
      version: task.version,
      action: 'cancel',
      reason: 'Customer moved away',
    });
    const [reminder] = await t.db
      .select()
      .from(schema.scheduledReminders)
      .where(eq(schema.scheduledReminders.taskId, task.id));
    expect(reminder).toMatchObject({ status: 'cancelled', reason: 'Withdrawn: the task was cancelled.' });
    workerClock.set(new Date('2026-03-09T13:01:00Z'));
    await sleep(800);
    expect((await logOf(task.id)).filter((r) => r.type === 'reminder_24h')).toHaveLength(0);
  });

  it('a booking less than 24 hours ahead gets no reminder, and the log says why', async () => {
    const s = await setup();
    // 08:00 CST on 2026-03-03 is 17 hours after the API's now
    const task = await createPrebookedTask(s, '2026-03-03');
    const rows = await logOf(task.id);
    const reminders = rows.filter((r) => r.type === 'reminder_24h');
    expect(reminders).toHaveLength(4);
    expect(reminders.every((r) => r.status === 'skipped')).toBe(true);
    expect(new Set(reminders.map((r) => r.skipReason))).toEqual(
      new Set(['Booked less than 24 hours ahead: no reminder.']),
    );
    expect(
      await t.db
        .select()
        .from(schema.scheduledReminders)
        .where(eq(schema.scheduledReminders.taskId, task.id)),
    ).toHaveLength(0);
  });
});

describe('task lifecycle messages', () => {
  it('en route names the technician; completion thanks the customer and withdraws the reminder', async () => {
    const s = await setup();
    await setSetting(s, 'technician_en_route', { method: 'sms' });
    await setSetting(s, 'task_completed', { method: 'email' });
    const created = await createPrebookedTask(s, '2026-03-10');
    const enRoute = await s.dispatcher.tasks.transition({
      id: created.id,
      version: created.version,
      action: 'en_route',
    });
    const rows = await settledLog(created.id, 'technician_en_route', 2);
    expect(entry(rows, s.fx.primaryContact.id, 'sms').status).toBe('sent');
    expect(entry(rows, s.fx.secondaryContact.id, 'sms').status).toBe('skipped');
    const enRouteSms = sns.deliveries.find((d) => d.message.includes('Tess Tech'));
    expect(enRouteSms).toBeDefined();

    const started = await s.dispatcher.tasks.transition({
      id: created.id,
      version: enRoute.version,
      action: 'start',
    });
    await s.dispatcher.tasks.transition({ id: created.id, version: started.version, action: 'complete' });
    const done = await settledLog(created.id, 'task_completed', 2);
    expect(done.every((r) => r.status === 'sent' && r.channel === 'email')).toBe(true);
    const [reminder] = await t.db
      .select()
      .from(schema.scheduledReminders)
      .where(eq(schema.scheduledReminders.taskId, created.id));
    expect(reminder?.status).toBe('cancelled');
  });
});

describe('delivery semantics', () => {
  it('a provider 500 then 200 gives exactly one delivery, after a retry', async () => {
    const s = await setup();
    await setSetting(s, 'technician_en_route', { method: 'sms' });
    sns.failNext(1, { status: 500 });
    const task = s.fx.scheduledTask;
    await s.dispatcher.tasks.transition({ id: task.id, version: task.version, action: 'en_route' });
    const rows = await settledLog(task.id, 'technician_en_route', 2);
    const sent = entry(rows, s.fx.primaryContact.id, 'sms');
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, error: null });
    expect(sns.received.filter((r) => r.phoneNumber === '+15125550142').map((r) => r.status)).toEqual([
      500, 200,
    ]);
    expect(sns.deliveries).toHaveLength(1);
  });

  it('a permanent error fails the entry at once, without retries', async () => {
    const s = await setup();
    await setSetting(s, 'technician_en_route', { method: 'sms' });
    sns.failForRecipient('+15125550142', {
      status: 400,
      code: 'InvalidParameter',
      message: 'Invalid parameter: PhoneNumber Reason: +15125550142 is not valid to publish to',
    });
    const task = s.fx.scheduledTask;
    await s.dispatcher.tasks.transition({ id: task.id, version: task.version, action: 'en_route' });
    const rows = await settledLog(task.id, 'technician_en_route', 2);
    const failed = entry(rows, s.fx.primaryContact.id, 'sms');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, deadLetteredAt: null });
    expect(failed.error).toMatch(/PhoneNumber|phone number/i);
    // longer than the retry delay: still one request
    await sleep(2500);
    expect(sns.received).toHaveLength(1);
    expect(sns.deliveries).toHaveLength(0);
  });

  it('a failed entry sent again from the log goes out as a new entry linked to the first', async () => {
    const s = await setup();
    await setSetting(s, 'technician_en_route', { method: 'sms' });
    sns.failForRecipient('+15125550142', {
      status: 400,
      code: 'InvalidParameter',
      message: 'Invalid parameter',
    });
    const task = s.fx.scheduledTask;
    await s.dispatcher.tasks.transition({ id: task.id, version: task.version, action: 'en_route' });
    const failed = entry(await settledLog(task.id, 'technician_en_route', 2), s.fx.primaryContact.id, 'sms');
    expect(failed.status).toBe('failed');

    sns.reset();
    await s.dispatcher.notifications.resend({ id: failed.id });
    const rows = await settledLog(task.id, 'technician_en_route', 3);
    const again = rows.find((r) => r.resendOfId === failed.id);
    expect(again).toMatchObject({
      status: 'sent',
      channel: 'sms',
      contactId: s.fx.primaryContact.id,
      idempotencyKey: `${failed.idempotencyKey}:resend:${failed.id}`,
    });
    expect(sns.deliveries).toHaveLength(1);
  });

  it('gives up after the last retry: the dead-letter queue marks the entry failed and says why', async () => {
    const s = await setup();
    await setSetting(s, 'technician_en_route', { method: 'sms' });
    sns.failNext(10, { status: 503 });
    const task = s.fx.scheduledTask;
    await s.dispatcher.tasks.transition({ id: task.id, version: task.version, action: 'en_route' });
    const rows = await settledLog(task.id, 'technician_en_route', 2, 25_000);
    const failed = entry(rows, s.fx.primaryContact.id, 'sms');
    expect(failed.status).toBe('failed');
    expect(failed.deadLetteredAt).not.toBeNull();
    expect(failed.error).toMatch(/^Gave up after 3 attempts: /);
    expect(sns.received).toHaveLength(3);
  });

  it('a rolled-back change sends nothing', async () => {
    const s = await setup();
    const ctx = systemCtx(s);
    await expect(
      t.db.transaction(async (tx) => {
        const created = await createTask(
          { ...ctx, db: tx, actor: { type: 'staff', id: s.fx.dispatcher.id, role: 'dispatcher' } },
          {
            customerId: s.fx.customer.id,
            siteId: s.fx.site.id,
            serviceType: 'Never happened',
            description: null,
            schedulingMode: 'customer_selects',
          },
        );
        await enqueueJob({ ...ctx, db: tx }, 'notify', {
          organizationId: s.fx.org.id,
          taskId: s.fx.scheduledTask.id,
          type: 'booking_confirmation',
          appointmentVersion: 1,
        });
        expect(created.id).toBeTruthy();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await sleep(1000);
    expect(await t.db.select().from(schema.jobOutbox)).toHaveLength(0);
    expect(
      await t.db
        .select()
        .from(schema.notificationLog)
        .where(eq(schema.notificationLog.organizationId, s.fx.org.id)),
    ).toHaveLength(0);
    expect(sns.received).toHaveLength(0);
    expect(resend.received).toHaveLength(0);
  });

  it('the same delivery run twice at once sends once', async () => {
    const s = await setup();
    const task = s.fx.scheduledTask;
    const [row] = await t.db
      .insert(schema.notificationLog)
      .values({
        organizationId: s.fx.org.id,
        taskId: task.id,
        type: 'booking_confirmation',
        channel: 'sms',
        contactId: s.fx.primaryContact.id,
        recipient: '+15125550142',
        status: 'queued',
        idempotencyKey: `${task.id}:booking_confirmation:v1:sms:${s.fx.primaryContact.id}:test-duplicate`,
        appointmentVersion: 1,
      })
      .returning();
    // the first send is slow, so the second run finds its claim live
    sns.hangNext(400);
    const job = { id: 'dup', data: { organizationId: s.fx.org.id, logId: row!.id } };
    await Promise.all([deliverHandler(job, deps), deliverHandler({ ...job, id: 'dup-2' }, deps)]);
    await deliverHandler({ ...job, id: 'dup-3' }, deps);
    expect(sns.received).toHaveLength(1);
    expect(sns.deliveries).toHaveLength(1);
    const [after] = await t.db
      .select()
      .from(schema.notificationLog)
      .where(eq(schema.notificationLog.id, row!.id));
    expect(after).toMatchObject({ status: 'sent', attempts: 1 });
    const [ledger] = await t.db
      .select()
      .from(schema.notificationSends)
      .where(eq(schema.notificationSends.logId, row!.id));
    expect(ledger?.sentAt).not.toBeNull();
    expect(ledger?.claimToken).toBeNull();
  });
});

describe('at-least-once runs', () => {
  it('a notify job run twice writes one fan-out and sends each message once', async () => {
    const s = await setup();
    const task = s.fx.scheduledTask;
    const job = {
      id: 'notify-twice',
      data: {
        organizationId: s.fx.org.id,
        taskId: task.id,
        type: 'booking_confirmation' as const,
        appointmentVersion: 1,
      },
    };
    await Promise.all([notifyHandler(job, deps), notifyHandler(job, deps)]);
    await notifyHandler(job, deps);
    const rows = await settledLog(task.id, 'booking_confirmation', 4);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(3);
    await sleep(300);
    expect(sns.deliveries).toHaveLength(1);
    expect(resend.deliveries).toHaveLength(2);
  });

  it("a crashed run's claim is taken over once it runs out, and the message goes out once", async () => {
    const s = await setup();
    const task = s.fx.scheduledTask;
    const key = `${task.id}:booking_confirmation:v1:sms:${s.fx.primaryContact.id}:test-crash`;
    const [row] = await t.db
      .insert(schema.notificationLog)
      .values({
        organizationId: s.fx.org.id,
        taskId: task.id,
        type: 'booking_confirmation',
        channel: 'sms',
        contactId: s.fx.primaryContact.id,
        recipient: '+15125550142',
        status: 'queued',
        idempotencyKey: key,
        appointmentVersion: 1,
      })
      .returning();
    // a worker claimed it and died before sending: its claim lives one more second
    await t.db.insert(schema.notificationSends).values({
      idempotencyKey: key,
      organizationId: s.fx.org.id,
      logId: row!.id,
      claimToken: 'dead-worker',
      claimedAt: sql`now()`,
      claimExpiresAt: sql`now() + interval '1 second'`,
      attempts: 1,
    });
    const started = Date.now();
    await deliverHandler(
      { id: 'retry-after-crash', data: { organizationId: s.fx.org.id, logId: row!.id } },
      { ...deps, delivery: { claimSeconds: 5, claimPollMs: 100 } },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(sns.deliveries).toHaveLength(1);
    const [ledger] = await t.db
      .select()
      .from(schema.notificationSends)
      .where(eq(schema.notificationSends.idempotencyKey, key));
    expect(ledger).toMatchObject({ attempts: 2, claimToken: null });
    expect(ledger?.sentAt).not.toBeNull();
  });
});

describe('relay', () => {
  it('moves outbox rows into pg-boss with the row id as job id; a repeated id is a no-op', async () => {
    const queue = 'relay-test';
    await jobs.boss.createQueue(queue);
    const [row] = await t.db
      .insert(schema.jobOutbox)
      .values({ queue, data: { n: 1 } })
      .returning();
    const { relayOutbox } = await import('./relay');
    expect(await relayOutbox(t.db, jobs.boss, { queues: [queue] })).toBe(1);
    expect(await t.db.select().from(schema.jobOutbox).where(eq(schema.jobOutbox.id, row!.id))).toHaveLength(
      0,
    );
    // the same row moved again (as if the first move's delete had been lost), and a send with the same id
    await t.db.insert(schema.jobOutbox).values({ ...row!, data: { n: 2 } });
    expect(await relayOutbox(t.db, jobs.boss, { queues: [queue] })).toBe(1);
    expect(await jobs.boss.send(queue, { n: 3 }, { id: row!.id })).toBeNull();
    const found = await jobs.boss.findJobs(queue, { id: row!.id });
    expect(found).toHaveLength(1);
    expect(found[0]!.data).toEqual({ n: 1 });
  });
});

function systemCtx(s: Setup): CoreContext {
  return { db: t.db, clock: s.apiClock, organizationId: s.fx.org.id, actor: { type: 'system', id: null } };
}
