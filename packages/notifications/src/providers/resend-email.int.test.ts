// The real Resend SDK client against the local Resend stand-in: idempotency, rate-limit headers, error mapping.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError, type EmailMessage, type EmailSender } from '../contracts';
import { startResendStandIn, type ResendStandIn } from '../testing';
import { createResendEmailSender, type RateLimitInfo } from './resend-email';

const message = (overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  to: 'dana@example.com',
  subject: 'Your appointment is confirmed',
  html: '<p>See you Tuesday, 8:00 AM – 12:00 PM.</p>',
  text: 'See you Tuesday, 8:00 AM – 12:00 PM.',
  idempotencyKey: 'task-1:booking_confirmation:v2:email:contact-1',
  ...overrides,
});

async function sendError(sender: EmailSender, m: EmailMessage): Promise<ProviderError> {
  const error = await sender.send(m).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('createResendEmailSender against the Resend stand-in', () => {
  let resend: ResendStandIn;
  let sender: EmailSender;
  const rateLimits: RateLimitInfo[] = [];

  beforeAll(async () => {
    resend = await startResendStandIn();
    sender = createResendEmailSender({
      apiKey: 're_test_key',
      baseUrl: resend.url,
      from: 'Acme HVAC <notifications@acme.example>',
      timeoutMs: 500,
      onRateLimit: (info) => rateLimits.push(info),
    });
  });
  afterAll(async () => {
    await resend.close();
  });
  beforeEach(() => {
    resend.reset();
    rateLimits.length = 0;
  });

  it('sends the email with its Idempotency-Key and returns the id Resend answered', async () => {
    const result = await sender.send(message());

    expect(resend.deliveries).toHaveLength(1);
    expect(result.providerMessageId).toBe(resend.deliveries[0]!.id);
    const request = resend.received[0]!;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/emails',
      idempotencyKey: 'task-1:booking_confirmation:v2:email:contact-1',
      authorization: 'Bearer re_test_key',
      from: 'Acme HVAC <notifications@acme.example>',
      to: ['dana@example.com'],
      subject: 'Your appointment is confirmed',
      html: '<p>See you Tuesday, 8:00 AM – 12:00 PM.</p>',
      text: 'See you Tuesday, 8:00 AM – 12:00 PM.',
    });
  });

  it('a repeated idempotency key is one delivery, answered with the first id', async () => {
    const first = await sender.send(message());
    const second = await sender.send(message());
    const other = await sender.send(
      message({ idempotencyKey: 'task-1:booking_confirmation:v3:email:contact-1' }),
    );

    expect(second.providerMessageId).toBe(first.providerMessageId);
    expect(other.providerMessageId).not.toBe(first.providerMessageId);
    expect(resend.received).toHaveLength(3);
    expect(resend.received.map((r) => r.replayed)).toEqual([false, true, false]);
    expect(resend.deliveries).toHaveLength(2);
  });

  it('turns a 500 into a retryable error, and the retry delivers once', async () => {
    resend.failNext(1, { status: 500 });
    const error = await sendError(sender, message());
    expect(error).toMatchObject({ retryable: true, providerCode: 'internal_server_error' });
    expect(resend.deliveries).toHaveLength(0);

    await sender.send(message());
    expect(resend.deliveries).toHaveLength(1);
    expect(resend.received).toHaveLength(2);
  });

  it('turns a 429 into a retryable error with the seconds from Retry-After', async () => {
    resend.failNext(1, { status: 429, retryAfterSeconds: 3 });
    const error = await sendError(sender, message());
    expect(error).toMatchObject({
      retryable: true,
      providerCode: 'rate_limit_exceeded',
      retryAfterSeconds: 3,
    });

    resend.failNext(1, { status: 429 });
    const withoutHeader = await sendError(sender, message());
    expect(withoutHeader.retryAfterSeconds).toBe(1);
  });

  it("passes Resend's rate-limit headers on, and a request over the limit is a retryable 429", async () => {
    resend.limitRate(2);
    await sender.send(message({ idempotencyKey: 'k1' }));
    await sender.send(message({ idempotencyKey: 'k2' }));
    const error = await sendError(sender, message({ idempotencyKey: 'k3' }));

    expect(error).toMatchObject({ retryable: true, providerCode: 'rate_limit_exceeded' });
    expect(error.retryAfterSeconds).toBe(1);
    expect(rateLimits[0]).toEqual({ limit: 2, remaining: 1, resetSeconds: 1, windowSeconds: 1 });
    expect(rateLimits[1]).toMatchObject({ limit: 2, remaining: 0 });
  });

  it('refuses an invalid address permanently, with a message naming it', async () => {
    const error = await sendError(sender, message({ to: 'dana-at-example' }));
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('validation_error');
    expect(error.message).toBe(
      'The email address dana-at-example was refused by the email provider: Invalid `to` field. The email ' +
        'address needs to follow the `email@example.com` or `Name <email@example.com>` format. (validation_error).',
    );
    expect(resend.deliveries).toHaveLength(0);
  });

  it('treats 400, 403 and a key reused with another payload as permanent', async () => {
    resend.failForRecipient('blocked@example.com', { status: 403, code: 'validation_error' });
    const forbidden = await sendError(sender, message({ to: 'blocked@example.com' }));
    expect(forbidden).toMatchObject({ retryable: false, providerCode: 'validation_error' });

    resend.failNext(1, { status: 403, code: 'invalid_api_key' });
    const badKey = await sendError(sender, message());
    expect(badKey.retryable).toBe(false);
    expect(badKey.message).toMatch(/API key was refused/);

    await sender.send(message());
    const reused = await sendError(sender, message({ subject: 'A different subject' }));
    expect(reused).toMatchObject({ retryable: false, providerCode: 'invalid_idempotent_request' });
    expect(resend.deliveries).toHaveLength(1);
  });

  it('asks for a retry while the first request with the same key is still in progress', async () => {
    resend.hangNext(300);
    const first = sender.send(message());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const concurrent = await sendError(sender, message());
    expect(concurrent).toMatchObject({ retryable: true, providerCode: 'concurrent_idempotent_requests' });

    const { providerMessageId } = await first;
    const retried = await sender.send(message());
    expect(retried.providerMessageId).toBe(providerMessageId);
    expect(resend.deliveries).toHaveLength(1);
  });

  it('gives up on a hanging provider within the timeout, as retryable; the retry does not deliver twice', async () => {
    resend.hangNext(800);
    const started = performance.now();
    const error = await sendError(sender, message());
    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ retryable: true, providerCode: 'timeout' });
    expect(error.message).toMatch(/did not answer within 0.5 s/);
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2_000);

    // the provider still finished the slow request; the retry with the same key gets its id, not a 2nd email
    await resend.waitForDeliveries(1);
    const retried = await sender.send(message());
    expect(retried.providerMessageId).toBe(resend.deliveries[0]!.id);
    expect(resend.deliveries).toHaveLength(1);
  });

  it('treats an unreachable provider as retryable', async () => {
    const gone = await startResendStandIn();
    const url = gone.url;
    await gone.close();
    const unreachable = createResendEmailSender({ apiKey: 're_x', baseUrl: url, from: 'a@example.com' });
    const error = await sendError(unreachable, message());
    expect(error).toMatchObject({ retryable: true, providerCode: 'network_error' });
    expect(error.message).toMatch(/could not be reached/);
  });
});
