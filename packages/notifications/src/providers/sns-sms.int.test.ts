// The real SNS SDK client against the local SNS stand-in: what it sends, and how each failure is classified.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError, type SmsSender } from '../contracts';
import { startSnsStandIn, type SnsStandIn } from '../testing';
import { createSnsSmsSender } from './sns-sms';

const message = (to: string, body = 'Your technician Sam is on the way.') => ({
  to,
  body,
  idempotencyKey: `task-1:technician_en_route:v1:sms:${to}`,
});

async function sendError(sender: SmsSender, to: string): Promise<ProviderError> {
  const error = await sender.send(message(to)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('createSnsSmsSender against the SNS stand-in', () => {
  let sns: SnsStandIn;
  let sender: SmsSender;

  beforeAll(async () => {
    sns = await startSnsStandIn();
    sender = createSnsSmsSender({
      region: 'us-east-1',
      endpoint: sns.url,
      accessKeyId: 'AKIATEST',
      secretAccessKey: 'secret',
      senderId: 'Portico',
      timeoutMs: 500,
    });
  });
  afterAll(async () => {
    await sns.close();
  });
  beforeEach(() => {
    sns.reset();
  });

  it('publishes a Transactional SMS to the E.164 number and returns the message id', async () => {
    const result = await sender.send(message('+15551234567'));

    expect(sns.deliveries).toHaveLength(1);
    const delivery = sns.deliveries[0]!;
    expect(result.providerMessageId).toBe(delivery.messageId);
    expect(delivery).toMatchObject({
      phoneNumber: '+15551234567',
      message: 'Your technician Sam is on the way.',
      smsType: 'Transactional',
      senderId: 'Portico',
    });
    const request = sns.received[0]!;
    expect(request.action).toBe('Publish');
    expect(request.params.Version).toBe('2010-03-31');
    expect(request.messageAttributes['AWS.SNS.SMS.SMSType']).toEqual({
      dataType: 'String',
      stringValue: 'Transactional',
    });
    expect(request.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIATEST\//);
  });

  it('sends no SenderID attribute when none is configured', async () => {
    const plain = createSnsSmsSender({
      region: 'us-east-1',
      endpoint: sns.url,
      accessKeyId: 'AKIATEST',
      secretAccessKey: 'secret',
    });
    await plain.send(message('+442071838750'));
    expect(Object.keys(sns.received[0]!.messageAttributes)).toEqual(['AWS.SNS.SMS.SMSType']);
    expect(sns.deliveries[0]!.senderId).toBeNull();
  });

  it('turns a 500 into a retryable error after exactly one request (the SDK does not retry)', async () => {
    sns.failNext(1, { status: 500 });
    const error = await sendError(sender, '+15551234567');
    expect(error).toMatchObject({
      retryable: true,
      providerCode: 'InternalFailure',
      retryAfterSeconds: null,
    });
    expect(sns.received).toHaveLength(1);
    expect(sns.deliveries).toHaveLength(0);

    // the same send succeeds on the next attempt (pg-boss's retry)
    await sender.send(message('+15551234567'));
    expect(sns.deliveries).toHaveLength(1);
  });

  it("turns throttling (429 Throttled) into a retryable error that carries the response's Retry-After", async () => {
    sns.failNext(1, { status: 429, code: 'Throttled', retryAfterSeconds: 7 });
    const error = await sendError(sender, '+15551234567');
    expect(error).toMatchObject({
      retryable: true,
      providerCode: 'ThrottledException',
      retryAfterSeconds: 7,
    });
    expect(error.message).toMatch(/throttling/);
  });

  it('treats the generic 400 Throttling as retryable, pausing a default second when no Retry-After is sent', async () => {
    sns.failNext(1, { status: 400, code: 'Throttling' });
    const error = await sendError(sender, '+15551234567');
    expect(error).toMatchObject({ retryable: true, providerCode: 'Throttling', retryAfterSeconds: 1 });
  });

  it('refuses an invalid number permanently, with a message naming the number', async () => {
    sns.failForRecipient('+15550000000', {
      status: 400,
      code: 'InvalidParameter',
      message: 'Invalid parameter: PhoneNumber Reason: +15550000000 is not valid to publish to',
    });
    const error = await sendError(sender, '+15550000000');
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('InvalidParameterException');
    expect(error.message).toBe(
      'The phone number +15550000000 was refused by the SMS provider: Invalid parameter: PhoneNumber Reason: ' +
        '+15550000000 is not valid to publish to (InvalidParameterException).',
    );
  });

  it('refuses a number that is not E.164 without calling the provider', async () => {
    const error = await sendError(sender, '555-1234');
    expect(error).toMatchObject({ retryable: false, providerCode: 'InvalidPhoneNumber' });
    expect(error.message).toMatch(/555-1234.*international format/);
    expect(sns.received).toHaveLength(0);
  });

  it('treats opted-out numbers and authorization errors as permanent', async () => {
    sns.failForRecipient('+15557654321', {
      status: 400,
      code: 'OptedOut',
      message: 'Phone number is opted out',
    });
    const optedOut = await sendError(sender, '+15557654321');
    expect(optedOut).toMatchObject({ retryable: false, providerCode: 'OptedOutException' });
    expect(optedOut.message).toMatch(
      /\+15557654321 was refused by the SMS provider: the recipient opted out/,
    );

    sns.failNext(1, { status: 403, code: 'AuthorizationError' });
    const denied = await sendError(sender, '+15551234567');
    expect(denied).toMatchObject({ retryable: false, providerCode: 'AuthorizationErrorException' });
    expect(denied.message).toMatch(/not authorized to send SMS/);
  });

  it('gives up on a hanging provider within the timeout, as retryable', async () => {
    sns.hangNext(5_000, { deliver: false });
    const started = performance.now();
    const error = await sendError(sender, '+15551234567');
    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ retryable: true, providerCode: 'Timeout' });
    expect(error.message).toMatch(/did not answer within 500 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('treats an unreachable provider as retryable', async () => {
    const gone = await startSnsStandIn();
    const url = gone.url;
    await gone.close();
    const unreachable = createSnsSmsSender({
      region: 'us-east-1',
      endpoint: url,
      accessKeyId: 'AKIATEST',
      secretAccessKey: 'secret',
      timeoutMs: 2_000,
    });
    const error = await sendError(unreachable, '+15551234567');
    expect(error.retryable).toBe(true);
    expect(error.providerCode).not.toBe('Timeout');
    expect(error.message).toMatch(/could not be reached/);
  });
});
