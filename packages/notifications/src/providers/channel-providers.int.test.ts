// Choosing providers from configuration (outbox, live, refused) and the development outbox's rows.
import { devOutbox, notificationLog, organizations } from '@portico/db/schema';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResendStandIn, startSnsStandIn, type ResendStandIn, type SnsStandIn } from '../testing';
import { createChannelProviders, ProviderConfigError, type ProviderConfig } from './index';
import { createOutboxProviders } from './outbox';

const base: ProviderConfig = {
  NODE_ENV: 'development',
  EMAIL_FROM: 'Portico <notifications@example.com>',
  SMS_RATE_PER_SECOND: 5,
  EMAIL_RATE_PER_SECOND: 2,
  PROVIDER_TIMEOUT_MS: 10_000,
};
const smsKeys = { SNS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIATEST', AWS_SECRET_ACCESS_KEY: 'secret' };

describe('channel providers', () => {
  let t: TestDatabase;
  let sns: SnsStandIn;
  let resend: ResendStandIn;

  beforeAll(async () => {
    t = await createTestDatabase();
    sns = await startSnsStandIn();
    resend = await startResendStandIn();
  });
  afterAll(async () => {
    await Promise.all([sns?.close(), resend?.close()]);
    await t?.close();
  });

  describe('the development outbox', () => {
    it('stores each SMS and email as a row and answers outbox-<row id>', async () => {
      const outbox = createOutboxProviders(t.db);
      expect(outbox.kind).toBe('outbox');

      const sms = await outbox.sms.send({
        to: '+15551234567',
        body: 'Reminder: your visit is tomorrow, 8:00 AM – 12:00 PM.',
        idempotencyKey: 'no-such-task:reminder_24h:v1:sms:contact-1',
      });
      const email = await outbox.email.send({
        to: 'dana@example.com',
        subject: 'Your visit is tomorrow',
        html: '<p>Reminder</p>',
        text: 'Reminder',
        idempotencyKey: 'no-such-task:reminder_24h:v1:email:contact-1',
      });

      const rows = await t.db.select().from(devOutbox).orderBy(desc(devOutbox.createdAt));
      const smsRow = rows.find((r) => r.channel === 'sms')!;
      const emailRow = rows.find((r) => r.channel === 'email')!;
      expect(sms.providerMessageId).toBe(`outbox-${smsRow.id}`);
      expect(email.providerMessageId).toBe(`outbox-${emailRow.id}`);
      expect(smsRow).toMatchObject({
        recipient: '+15551234567',
        subject: null,
        body: 'Reminder: your visit is tomorrow, 8:00 AM – 12:00 PM.',
        html: null,
        // no log row for this key: the type still comes from the key
        type: 'reminder_24h',
        logId: null,
        organizationId: null,
      });
      expect(emailRow).toMatchObject({
        recipient: 'dana@example.com',
        subject: 'Your visit is tomorrow',
        body: 'Reminder',
        html: '<p>Reminder</p>',
        type: 'reminder_24h',
      });
    });

    it('ties the row to its notification log entry through the idempotency key', async () => {
      const [org] = await t.db
        .insert(organizations)
        .values({ slug: `outbox-${Date.now()}`, name: 'Acme HVAC' })
        .returning();
      const key = 'task-9:booking_invite:v1:email:contact-9';
      const [log] = await t.db
        .insert(notificationLog)
        .values({ organizationId: org!.id, type: 'booking_invite', channel: 'email', idempotencyKey: key })
        .returning();

      const { providerMessageId } = await createOutboxProviders(t.db).email.send({
        to: 'pat@example.com',
        subject: 'Pick your appointment',
        html: '<p>Pick</p>',
        text: 'Pick',
        idempotencyKey: key,
      });
      const [row] = await t.db
        .select()
        .from(devOutbox)
        .where(eq(devOutbox.id, providerMessageId.replace('outbox-', '')));
      expect(row).toMatchObject({ organizationId: org!.id, logId: log!.id, type: 'booking_invite' });
    });
  });

  describe('createChannelProviders', () => {
    it('uses the outbox in development and test when no keys are set', async () => {
      for (const NODE_ENV of ['development', 'test'] as const) {
        const providers = createChannelProviders({ ...base, NODE_ENV }, t.db);
        expect(providers.kind).toBe('outbox');
        expect(providers.channels).toEqual({ sms: 'outbox', email: 'outbox' });
      }
      const before = sns.received.length;
      const { providerMessageId } = await createChannelProviders(base, t.db).sms.send({
        to: '+15550001111',
        body: 'hello',
        idempotencyKey: 'x:booking_invite:v1:sms:c',
      });
      expect(providerMessageId).toMatch(/^outbox-[0-9a-f-]{36}$/);
      expect(sns.received.length).toBe(before);
    });

    it('goes live through SNS and Resend when their settings are present', async () => {
      sns.reset();
      resend.reset();
      const providers = createChannelProviders(
        {
          ...base,
          NODE_ENV: 'production',
          ...smsKeys,
          SNS_ENDPOINT: sns.url,
          SMS_SENDER_ID: 'Acme',
          RESEND_API_KEY: 're_live',
          RESEND_BASE_URL: resend.url,
        },
        t.db,
      );
      expect(providers.kind).toBe('live');
      expect(providers.limiters.sms?.ratePerSecond).toBe(5);
      expect(providers.limiters.email?.ratePerSecond).toBe(2);

      const sms = await providers.sms.send({
        to: '+15551234567',
        body: 'On the way',
        idempotencyKey: 'k-sms',
      });
      const email = await providers.email.send({
        to: 'dana@example.com',
        subject: 'Done',
        html: '<p>Done</p>',
        text: 'Done',
        idempotencyKey: 'k-email',
      });
      expect(sns.deliveries).toEqual([
        expect.objectContaining({
          messageId: sms.providerMessageId,
          smsType: 'Transactional',
          senderId: 'Acme',
        }),
      ]);
      expect(resend.deliveries).toEqual([
        expect.objectContaining({
          id: email.providerMessageId,
          from: 'Portico <notifications@example.com>',
          idempotencyKey: 'k-email',
        }),
      ]);
    });

    it('mixes a live channel with the outbox in development, and says so', () => {
      const providers = createChannelProviders({ ...base, ...smsKeys, SNS_ENDPOINT: sns.url }, t.db);
      expect(providers.channels).toEqual({ sms: 'live', email: 'outbox' });
      expect(providers.kind).toBe('outbox');
      expect(providers.limiters.email).toBeNull();
    });

    it('refuses to start in production without keys, naming the missing variables', () => {
      const attempt = () => createChannelProviders({ ...base, NODE_ENV: 'production' }, t.db);
      expect(attempt).toThrow(ProviderConfigError);
      expect(attempt).toThrow(
        'SMS delivery is not configured: set SNS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY ' +
          '(production never uses the development outbox).',
      );
      expect(() => createChannelProviders({ ...base, NODE_ENV: 'production', ...smsKeys }, t.db)).toThrow(
        /Email delivery is not configured: set RESEND_API_KEY/,
      );
    });

    it('refuses a half-configured channel in any environment', () => {
      expect(() =>
        createChannelProviders({ ...base, AWS_ACCESS_KEY_ID: 'AKIATEST', SNS_REGION: 'us-east-1' }, t.db),
      ).toThrow(
        'SMS delivery is half configured: set AWS_SECRET_ACCESS_KEY too, or unset SNS_REGION and ' +
          'AWS_ACCESS_KEY_ID to use the development outbox.',
      );
    });
  });
});
