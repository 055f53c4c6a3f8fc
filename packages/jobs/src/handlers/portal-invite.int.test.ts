// The portal invite on real PostgreSQL and pg-boss: portalUsers.invite queues the job, the handler writes the
// log rows and deliver jobs, the deliver handler sends a working access link whose token only the provider sees.
import { callerFor, createOrgFixture, createTestClock } from '@portico/api/test-support';
import { hashLinkToken } from '@portico/auth';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import {
  ProviderError,
  type ChannelProviders,
  type EmailMessage,
  type SmsMessage,
} from '@portico/notifications';
import { and, eq } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerDeps } from '../worker-deps';
import { deliverHandler } from './deliver';
import { portalInviteHandler } from './portal-invite';

let t: TestDatabase;
let boss: PgBoss;

beforeAll(async () => {
  t = await createTestDatabase();
  boss = new PgBoss({ connectionString: t.url, supervise: false, schedule: false, migrate: true, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  if (!(await boss.getQueue('deliver'))) await boss.createQueue('deliver');
});

afterAll(async () => {
  await boss.stop({ graceful: false });
  await t.close();
});

const publicOrigin = 'https://portal.example.test';

function capturingProviders() {
  const sms: SmsMessage[] = [];
  const email: EmailMessage[] = [];
  const providers: ChannelProviders = {
    kind: 'outbox',
    sms: {
      send: (message) => {
        sms.push(message);
        return Promise.resolve({ providerMessageId: `sms-${sms.length}` });
      },
    },
    email: {
      send: (message) => {
        email.push(message);
        return Promise.resolve({ providerMessageId: `email-${email.length}` });
      },
    },
  };
  return { providers, sms, email };
}

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** The portal-invite jobs queued (in the outbox) for one portal user, oldest first. */
async function inviteJobs(portalUserId: string) {
  const rows = await t.db
    .select()
    .from(schema.jobOutbox)
    .where(eq(schema.jobOutbox.queue, 'portal-invite'))
    .orderBy(schema.jobOutbox.createdAt);
  return rows.filter((row) => row.data.portalUserId === portalUserId);
}

/** Runs every deliver job pg-boss holds for these log rows, as a worker would. */
async function runDeliveries(deps: WorkerDeps, logIds: string[]) {
  for (const id of logIds) {
    const job = await boss.getJobById('deliver', id);
    expect(job, `a deliver job for log row ${id}`).toBeTruthy();
    await deliverHandler({ id: job!.id, data: job!.data as { organizationId: string; logId: string } }, deps);
  }
}

describe('portal invite, end to end', () => {
  it('sends each channel of the contact a working access link, bound to the task, masked in the log', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const api = callerFor(t.db, fx.dispatcher.token, clock);
    await t.db
      .update(schema.portalUsers)
      .set({ status: 'invited' })
      .where(eq(schema.portalUsers.id, fx.portalUser.id));

    const invited = await api.portalUsers.invite({ id: fx.portalUser.id, taskId: fx.unscheduledTask.id });
    expect(invited.invitedAt).toEqual(clock.now());
    const [job] = await inviteJobs(fx.portalUser.id);
    expect(job!.data).toEqual({
      organizationId: fx.org.id,
      portalUserId: fx.portalUser.id,
      taskId: fx.unscheduledTask.id,
      requestedBy: fx.dispatcher.id,
    });

    const { providers, sms, email } = capturingProviders();
    const deps: WorkerDeps = { db: t.db, clock, boss, providers, publicOrigin, log: silent };
    const payload = job!.data as { organizationId: string; portalUserId: string; taskId?: string };
    await portalInviteHandler({ id: job!.id, data: payload }, deps);
    // a repeated run (pg-boss runs a job at least once) adds nothing
    await portalInviteHandler({ id: job!.id, data: payload }, deps);

    const rows = await t.db
      .select()
      .from(schema.notificationLog)
      .where(eq(schema.notificationLog.organizationId, fx.org.id))
      .orderBy(schema.notificationLog.channel);
    expect(rows.map((r) => [r.channel, r.status, r.recipient, r.type, r.taskId])).toEqual([
      ['sms', 'queued', '+15125550142', 'booking_invite', fx.unscheduledTask.id],
      ['email', 'queued', 'pat@example.test', 'booking_invite', fx.unscheduledTask.id],
    ]);
    expect(rows[0]!.idempotencyKey).toBe(
      `${fx.unscheduledTask.id}:booking_invite:v0:sms:${fx.primaryContact.id}:invite:${job!.id}`,
    );

    await runDeliveries(
      deps,
      rows.map((r) => r.id),
    );
    expect(sms).toHaveLength(1);
    expect(email).toHaveLength(1);
    const linkPattern = new RegExp(`${publicOrigin}/p/${fx.org.slug}/access/([a-z2-7]{32})`);
    const smsToken = linkPattern.exec(sms[0]!.body)?.[1];
    const emailToken = linkPattern.exec(email[0]!.text)?.[1];
    expect(smsToken).toBeDefined();
    expect(emailToken).toBeDefined();
    expect(email[0]!.html).toContain(emailToken);
    expect(sms[0]!.to).toBe('+15125550142');
    expect(email[0]!.to).toBe('pat@example.test');

    const tokens = await t.db
      .select()
      .from(schema.linkTokens)
      .where(eq(schema.linkTokens.portalUserId, fx.portalUser.id));
    expect(tokens).toHaveLength(2);
    for (const token of tokens) {
      expect(token).toMatchObject({ purpose: 'invite', taskId: fx.unscheduledTask.id, consumedAt: null });
      // the organization's link lifetime (120 hours by default)
      expect(token.expiresAt.getTime() - clock.now().getTime()).toBe(fx.org.linkLifetimeHours * 3_600_000);
    }
    const storedHashes = tokens.map((token) => Buffer.from(token.tokenHash).toString('hex')).sort();
    const sentHashes = [smsToken!, emailToken!].map((token) =>
      Buffer.from(hashLinkToken(token)).toString('hex'),
    );
    expect(sentHashes.sort()).toEqual(storedHashes);

    const logged = await t.db
      .select()
      .from(schema.notificationLog)
      .where(eq(schema.notificationLog.organizationId, fx.org.id));
    for (const row of logged) {
      expect(row.status).toBe('sent');
      expect(row.body).toContain(`${publicOrigin}/p/${fx.org.slug}/access/`);
      expect(row.body).not.toContain(smsToken);
      expect(row.body).not.toContain(emailToken);
    }
  });

  it('without a task links to the portal home, and logs a skipped entry for a channel the contact lacks', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const api = callerFor(t.db, fx.admin.token, clock);
    const created = await api.portalUsers.create({ contactId: fx.secondaryContact.id });
    await api.portalUsers.invite({ id: created.id });
    const [job] = await inviteJobs(created.id);
    expect(job!.data).toEqual({
      organizationId: fx.org.id,
      portalUserId: created.id,
      requestedBy: fx.admin.id,
    });

    const { providers, sms, email } = capturingProviders();
    const deps: WorkerDeps = { db: t.db, clock, boss, providers, publicOrigin, log: silent };
    await portalInviteHandler(
      { id: job!.id, data: job!.data as { organizationId: string; portalUserId: string } },
      deps,
    );
    const rows = await t.db
      .select()
      .from(schema.notificationLog)
      .where(eq(schema.notificationLog.organizationId, fx.org.id))
      .orderBy(schema.notificationLog.channel);
    expect(rows.map((r) => [r.channel, r.status, r.taskId, r.skipReason])).toEqual([
      ['sms', 'skipped', null, 'Sam Second has no phone number for SMS.'],
      ['email', 'queued', null, null],
    ]);
    expect(rows[1]!.idempotencyKey).toBe(
      `portal-user-${created.id}:booking_invite:v0:email:${fx.secondaryContact.id}:invite:${job!.id}`,
    );
    // the skipped row gets no deliver job
    expect(await boss.getJobById('deliver', rows[0]!.id)).toBeNull();
    await runDeliveries(deps, [rows[1]!.id]);
    expect(sms).toEqual([]);
    expect(email).toHaveLength(1);
    expect(email[0]!.to).toBe('sam@example.test');
    const [token] = await t.db
      .select()
      .from(schema.linkTokens)
      .where(and(eq(schema.linkTokens.portalUserId, created.id), eq(schema.linkTokens.purpose, 'invite')));
    expect(token).toMatchObject({ taskId: null });
  });

  it('re-sends a failed invite entry through a new invite job, on that channel only, linked to the first', async () => {
    const clock = createTestClock();
    const fx = await createOrgFixture(t.db, clock);
    const api = callerFor(t.db, fx.dispatcher.token, clock);
    await api.portalUsers.invite({ id: fx.portalUser.id });
    const [job] = await inviteJobs(fx.portalUser.id);

    const working = capturingProviders();
    const refusing: ChannelProviders = {
      ...working.providers,
      email: {
        send: () => Promise.reject(new ProviderError('The address was rejected.', { retryable: false })),
      },
    };
    const deps: WorkerDeps = { db: t.db, clock, boss, providers: refusing, publicOrigin, log: silent };
    await portalInviteHandler(
      { id: job!.id, data: job!.data as { organizationId: string; portalUserId: string } },
      deps,
    );
    const first = await t.db
      .select()
      .from(schema.notificationLog)
      .where(eq(schema.notificationLog.organizationId, fx.org.id))
      .orderBy(schema.notificationLog.channel);
    await runDeliveries(
      deps,
      first.map((r) => r.id),
    );
    const failed = await api.notifications.logEntry({ id: first[1]!.id });
    expect(failed).toMatchObject({ channel: 'email', status: 'failed', error: 'The address was rejected.' });
    expect(working.sms).toHaveLength(1);

    expect(await api.notifications.resend({ id: failed.id })).toEqual({
      resendOfId: failed.id,
      queued: true,
    });
    const jobs = await inviteJobs(fx.portalUser.id);
    expect(jobs).toHaveLength(2);
    expect(jobs[1]!.data).toEqual({
      organizationId: fx.org.id,
      portalUserId: fx.portalUser.id,
      requestedBy: fx.dispatcher.id,
      resendOf: failed.id,
      onlyChannel: 'email',
    });

    const again: WorkerDeps = { ...deps, providers: working.providers };
    await portalInviteHandler(
      { id: jobs[1]!.id, data: jobs[1]!.data as { organizationId: string; portalUserId: string } },
      again,
    );
    const entry = await api.notifications.logEntry({ id: failed.id });
    expect(entry.resends).toHaveLength(1);
    expect(entry.resends[0]).toMatchObject({ channel: 'email', status: 'queued', resendOfId: failed.id });
    await runDeliveries(again, [entry.resends[0]!.id]);
    expect(working.email).toHaveLength(1);
    expect(working.sms).toHaveLength(1);
    expect((await api.notifications.logEntry({ id: entry.resends[0]!.id })).status).toBe('sent');
  });
});
