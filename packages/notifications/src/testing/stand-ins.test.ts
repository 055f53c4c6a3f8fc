// The stand-ins speak the providers' wire protocols and keep the providers' delivery semantics.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startResendStandIn, startSnsStandIn, type ResendStandIn, type SnsStandIn } from './index';

const publishForm = (phone: string, message = 'hello') =>
  new URLSearchParams({
    Action: 'Publish',
    Version: '2010-03-31',
    PhoneNumber: phone,
    Message: message,
    'MessageAttributes.entry.1.Name': 'AWS.SNS.SMS.SMSType',
    'MessageAttributes.entry.1.Value.DataType': 'String',
    'MessageAttributes.entry.1.Value.StringValue': 'Transactional',
  }).toString();

async function publish(url: string, phone: string, message?: string) {
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIATEST/20260310/us-east-1/sns/aws4_request',
    },
    body: publishForm(phone, message),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('SNS stand-in', () => {
  let sns: SnsStandIn;
  beforeAll(async () => {
    sns = await startSnsStandIn();
  });
  afterAll(async () => {
    await sns.close();
  });
  beforeEach(() => sns.reset());

  it('answers Publish with PublishResponse XML carrying the MessageId it delivered', async () => {
    const res = await publish(sns.url, '+15551234567');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /^<PublishResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><PublishResult><MessageId>[0-9a-f-]{36}<\/MessageId>/,
    );
    expect(res.text).toContain(`<MessageId>${sns.deliveries[0]!.messageId}</MessageId>`);
    expect(sns.received[0]!.messageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { dataType: 'String', stringValue: 'Transactional' },
    });
  });

  it('refuses a number that is not E.164 with an AWS error body (400, Sender, InvalidParameter)', async () => {
    const res = await publish(sns.url, '5551234');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(
      /<ErrorResponse xmlns="[^"]+"><Error><Type>Sender<\/Type><Code>InvalidParameter<\/Code><Message>Invalid parameter: PhoneNumber Reason: 5551234 is not valid to publish to<\/Message><\/Error><RequestId>/,
    );
    expect(sns.deliveries).toHaveLength(0);
  });

  it('injects failures with the right codes and Retry-After, then recovers', async () => {
    sns.failNext(2, { status: 500 });
    sns.failNext(1, { status: 429, code: 'Throttled', retryAfterSeconds: 4 });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await publish(sns.url, '+15551234567'));
    expect(answers.map((a) => a.status)).toEqual([500, 500, 429, 200]);
    expect(answers[0]!.text).toContain('<Type>Receiver</Type><Code>InternalFailure</Code>');
    expect(answers[2]!.text).toContain('<Code>Throttled</Code>');
    expect(answers[2]!.headers.get('retry-after')).toBe('4');
    expect(sns.summary()).toMatchObject({ requests: 4, deliveries: 1, byStatus: { 200: 1, 429: 1, 500: 2 } });
  });

  it('refuses one recipient until reset', async () => {
    sns.failForRecipient('+15550000000', {
      status: 400,
      code: 'OptedOut',
      message: 'Phone number is opted out',
    });
    expect((await publish(sns.url, '+15550000000')).status).toBe(400);
    expect((await publish(sns.url, '+15551111111')).status).toBe(200);
    sns.reset();
    expect((await publish(sns.url, '+15550000000')).status).toBe(200);
  });

  it('a slow answer is still delivered, so a client that timed out and retried sends twice (SNS has no key)', async () => {
    sns.hangNext(300);
    const aborted = await fetch(`${sns.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 x' },
      body: publishForm('+15551234567', 'Reminder'),
      signal: AbortSignal.timeout(50),
    }).then(
      () => 'answered',
      () => 'timed out',
    );
    expect(aborted).toBe('timed out');
    await publish(sns.url, '+15551234567', 'Reminder');
    await sns.waitForDeliveries(2);
    expect(sns.summary()).toMatchObject({ deliveries: 2, duplicateDeliveries: 1 });
  });

  it('can be controlled over HTTP from another process', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${sns.url}/__stand-in/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    await control('fail-next', { count: 1, status: 503 });
    expect((await publish(sns.url, '+15551234567')).status).toBe(503);
    await publish(sns.url, '+15551234567');
    expect(await control('summary')).toMatchObject({ requests: 2, deliveries: 1 });
    expect(await control('deliveries')).toEqual([expect.objectContaining({ phoneNumber: '+15551234567' })]);
    await control('reset', {});
    expect(sns.received).toHaveLength(0);
  });
});

describe('Resend stand-in', () => {
  let clock = Date.parse('2026-03-10T12:00:00Z');
  let resend: ResendStandIn;
  beforeAll(async () => {
    resend = await startResendStandIn({ now: () => clock });
  });
  afterAll(async () => {
    await resend.close();
  });
  beforeEach(() => resend.reset());

  const send = async (key: string | null, body: Record<string, unknown> = {}) => {
    const res = await fetch(`${resend.url}/emails`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer re_test',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't', ...body }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('answers {"id"} and forgets an idempotency key after 24 hours, as Resend does', async () => {
    const first = await send('key-1');
    expect(first).toEqual({ status: 200, json: { id: resend.deliveries[0]!.id } });
    clock += 23 * 3600_000;
    expect((await send('key-1')).json).toEqual(first.json);
    expect(resend.deliveries).toHaveLength(1);
    clock += 2 * 3600_000;
    expect((await send('key-1')).json.id).not.toBe(first.json.id);
    expect(resend.deliveries).toHaveLength(2);
  });

  it('without a key every request is a delivery', async () => {
    await send(null);
    await send(null);
    expect(resend.summary()).toMatchObject({ deliveries: 2, duplicateDeliveries: 1 });
  });

  it('answers errors in Resend’s shape: {statusCode, name, message}', async () => {
    expect(await send(null, { to: 'nope' })).toEqual({
      status: 422,
      json: {
        statusCode: 422,
        name: 'validation_error',
        message:
          'Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
      },
    });
    const unauthenticated = await fetch(`${resend.url}/emails`, { method: 'POST', body: '{}' });
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ name: 'missing_api_key' });
    expect((await send('x'.repeat(257))).json).toMatchObject({
      statusCode: 400,
      name: 'invalid_idempotency_key',
    });
    resend.failNext(1, { status: 500 });
    expect((await send('key-2')).json).toMatchObject({ statusCode: 500, name: 'internal_server_error' });
    // a failed request does not use up its key
    expect((await send('key-2')).status).toBe(200);
    expect(resend.deliveries).toHaveLength(1);
  });

  it('enforces an optional rate with 429, Retry-After and RateLimit-* headers', async () => {
    resend.limitRate(1);
    expect((await send('a')).status).toBe(200);
    const res = await fetch(`${resend.url}/emails`, {
      method: 'POST',
      headers: { authorization: 'Bearer re_test', 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('ratelimit-limit')).toBe('1');
    expect(res.headers.get('ratelimit-remaining')).toBe('0');
    expect(await res.json()).toMatchObject({ name: 'rate_limit_exceeded' });
  });
});
