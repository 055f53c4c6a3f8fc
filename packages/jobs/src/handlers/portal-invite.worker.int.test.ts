// A portal invite through the real worker: portalUsers.invite writes the outbox row, the relay moves it into
// pg-boss, the portal-invite and deliver handlers run, and the development outbox receives the messages.
import { callerFor, createOrgFixture } from '@portico/api/test-support';
import { hashLinkToken } from '@portico/auth';
import { systemClock } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { createOutboxProviders } from '@portico/notifications';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobSystem, type JobSystem } from '../index';

let t: TestDatabase;
let jobs: JobSystem;
const publicOrigin = 'http://localhost:3000';

beforeAll(async () => {
  t = await createTestDatabase();
  jobs = await startJobSystem({
    connectionString: t.url,
    role: 'worker',
    worker: { db: t.db, providers: createOutboxProviders(t.db), publicOrigin, clock: systemClock },
  });
});

afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

describe('portal invite through the worker', () => {
  it('delivers one message per channel of the contact, each with its own working access link', async () => {
    const fx = await createOrgFixture(t.db);
    const api = callerFor(t.db, fx.dispatcher.token);
    await api.portalUsers.invite({ id: fx.portalUser.id, taskId: fx.unscheduledTask.id });
    jobs.relay?.wake();

    await expect
      .poll(async () => (await t.db.select().from(schema.devOutbox)).length, {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(2);
    const delivered = await t.db
      .select()
      .from(schema.devOutbox)
      .where(eq(schema.devOutbox.organizationId, fx.org.id))
      .orderBy(schema.devOutbox.channel);
    expect(delivered.map((m) => [m.type, m.channel, m.recipient])).toEqual([
      ['booking_invite', 'sms', '+15125550142'],
      ['booking_invite', 'email', 'pat@example.test'],
    ]);
    const tokens = delivered.map(
      (m) => new RegExp(`${publicOrigin}/p/${fx.org.slug}/access/([a-z2-7]{32})`).exec(m.body)?.[1],
    );
    expect(tokens.every(Boolean)).toBe(true);
    const stored = await t.db
      .select()
      .from(schema.linkTokens)
      .where(eq(schema.linkTokens.portalUserId, fx.portalUser.id));
    expect(stored.map((s) => Buffer.from(s.tokenHash).toString('hex')).sort()).toEqual(
      tokens.map((token) => Buffer.from(hashLinkToken(token!)).toString('hex')).sort(),
    );

    await expect
      .poll(
        async () =>
          (
            await t.db
              .select({ status: schema.notificationLog.status })
              .from(schema.notificationLog)
              .where(eq(schema.notificationLog.organizationId, fx.org.id))
          ).map((r) => r.status),
        { timeout: 10_000, interval: 200 },
      )
      .toEqual(['sent', 'sent']);
    // the invite's one outbox row became exactly one pg-boss job, and left the outbox
    expect(await t.db.select().from(schema.jobOutbox)).toEqual([]);
    const [{ count }] = (await t.db.execute(
      sql`select count(*)::int as count from pgboss.job where name = 'portal-invite'`,
    )) as unknown as [{ count: number }];
    expect(count).toBe(1);
  });
});
