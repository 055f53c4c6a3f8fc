// "Send a test" end to end on real PostgreSQL: the admin's unsaved template goes through the API, the outbox and
// a worker to the real SNS and Resend SDK clients talking to the local stand-ins, to the address typed, and never
// into the customer notification log; bad drafts and addresses are refused, and the 21st test in an hour too.
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  refusalOf,
  type OrgFixture,
  type TestClock,
} from '@portico/api/test-support';
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
import { and, eq } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobSystem, type JobSystem } from './index';

const API_NOW = new Date('2026-03-02T15:00:00Z');
const ORIGIN = 'http://localhost:3000';

let t: TestDatabase;
let sns: SnsStandIn;
let resend: ResendStandIn;
let jobs: JobSystem;

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
      clock: createTestClock(API_NOW),
      retry: { limit: 1, delaySeconds: 1, backoff: false, delayMaxSeconds: 1 },
      relay: { intervalMs: 50, sweepIntervalMs: 1000 },
    },
  });
});

afterAll(async () => {
  await jobs?.stop();
  await sns?.close();
  await resend?.close();
  await t?.close();
});

async function setup(): Promise<{ fx: OrgFixture; clock: TestClock; admin: ReturnType<typeof callerFor> }> {
  const clock = createTestClock(API_NOW);
  const fx = await createOrgFixture(t.db, clock);
  return { fx, clock, admin: callerFor(t.db, fx.admin.token, clock) };
}

async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function countRows(table: 'notificationLog' | 'jobOutbox' | 'auditEvents', organizationId: string) {
  const rows = await t.db
    .select({ id: schema[table].id })
    .from(schema[table])
    .where(eq(schema[table].organizationId, organizationId));
  return rows.length;
}

describe('notifications.sendTest', () => {
  it('sends the edited SMS text to the number typed, marked as a test, without touching the log', async () => {
    const { fx, admin } = await setup();
    const out = await admin.notifications.sendTest({
      taskId: fx.scheduledTask.id,
      type: 'booking_confirmation',
      channel: 'sms',
      body: 'Edited draft for {{customer.name}}: {{appointment.date}}',
      to: '(512) 555-0142',
    });
    expect(out).toEqual({ to: '+15125550142', channel: 'sms', queuedAt: API_NOW });

    const message = await waitFor('the test SMS', () =>
      sns.received.find((m) => m.phoneNumber === '+15125550142' && m.message?.includes('Edited draft')),
    );
    expect(message.message).toMatch(/^\[Test\] Edited draft for Acme Bakery: \S/);
    expect(message.message).not.toContain('{{');
    expect(await countRows('notificationLog', fx.org.id)).toBe(0);

    const [audit] = await t.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(eq(schema.auditEvents.organizationId, fx.org.id), eq(schema.auditEvents.action, 'send_test')),
      );
    expect(audit).toMatchObject({
      actorType: 'staff',
      actorId: fx.admin.id,
      entityType: 'notification_template',
      entityId: 'booking_confirmation:sms',
    });
    expect(audit!.changes).toMatchObject({ to: { from: null, to: '+15125550142' } });
  });

  it('sends the edited email to the address typed (lower-cased), with "[Test] " before the subject', async () => {
    const { fx, admin } = await setup();
    const out = await admin.notifications.sendTest({
      taskId: fx.scheduledTask.id,
      type: 'booking_confirmation',
      channel: 'email',
      subject: 'Your visit with {{organization.name}}',
      body: 'Hello {{customer.name}}, this is the edited email.',
      to: '  Office.Admin@Example.COM ',
    });
    expect(out.to).toBe('office.admin@example.com');

    const email = await waitFor('the test email', () =>
      resend.received.find((m) => m.to.includes('office.admin@example.com')),
    );
    expect(email.subject).toBe(`[Test] Your visit with ${fx.org.name}`);
    expect(email.text).toContain('Hello Acme Bakery, this is the edited email.');
    expect(email.html).toContain('this is the edited email.');
    expect(await countRows('notificationLog', fx.org.id)).toBe(0);
  });

  it('refuses an unknown variable and a wrong or malformed address, queuing and auditing nothing', async () => {
    const { fx, admin } = await setup();
    const base = { taskId: fx.scheduledTask.id, type: 'booking_confirmation' } as const;

    const unknown = await refusalOf(
      admin.notifications.sendTest({
        ...base,
        channel: 'sms',
        body: 'Hi {{customer.nickname}}',
        to: '+15125550142',
      }),
    );
    expect(unknown).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
    expect(unknown.message).toContain('customer.nickname');

    const emailForSms = await refusalOf(
      admin.notifications.sendTest({ ...base, channel: 'sms', body: 'Hi', to: 'someone@example.com' }),
    );
    expect(emailForSms).toMatchObject({ code: 'BAD_REQUEST', field: 'to' });
    expect(emailForSms.message).toContain('phone number');

    const phoneForEmail = await refusalOf(
      admin.notifications.sendTest({ ...base, channel: 'email', to: '+1 512 555 0142' }),
    );
    expect(phoneForEmail).toMatchObject({ code: 'BAD_REQUEST', field: 'to' });
    expect(phoneForEmail.message).toContain('email address');

    const badPhone = await refusalOf(admin.notifications.sendTest({ ...base, channel: 'sms', to: '555' }));
    expect(badPhone).toMatchObject({ code: 'BAD_REQUEST', field: 'to' });
    const badEmail = await refusalOf(
      admin.notifications.sendTest({ ...base, channel: 'email', to: 'a@b@c' }),
    );
    expect(badEmail).toMatchObject({ code: 'BAD_REQUEST', field: 'to' });

    expect(await countRows('jobOutbox', fx.org.id)).toBe(0);
    expect(await countRows('auditEvents', fx.org.id)).toBe(0);
  });

  it('refuses the 21st test within an hour, and allows tests again once the hour has passed', async () => {
    const { fx, admin, clock } = await setup();
    const input = {
      taskId: fx.scheduledTask.id,
      type: 'task_completed',
      channel: 'sms',
      body: 'Rate test for {{customer.name}}',
      to: '+15125550199',
    } as const;
    for (let i = 0; i < 20; i++) {
      await admin.notifications.sendTest(input);
      clock.advance(2 * 60_000);
    }
    const refused = await refusalOf(admin.notifications.sendTest(input));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toContain('20 test messages');
    // the first of them was sent 40 minutes ago
    expect(refused.message).toContain('Try again in 20 minutes');
    // refused before anything was written: still 20 audited sends
    expect(await countRows('auditEvents', fx.org.id)).toBe(20);

    // 20 minutes on, the first test has left the hour
    clock.advance(20 * 60_000 + 1000);
    await expect(admin.notifications.sendTest(input)).resolves.toMatchObject({ to: '+15125550199' });
    await waitFor('every allowed test to arrive', () =>
      sns.received.filter((m) => m.phoneNumber === '+15125550199').length >= 21 ? true : null,
    );
  });
});
