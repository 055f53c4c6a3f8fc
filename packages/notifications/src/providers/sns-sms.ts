// Owns SMS delivery through AWS SNS Publish, and the mapping of SNS failures to retryable or permanent errors.
import { PublishCommand, SNSClient, type MessageAttributeValue } from '@aws-sdk/client-sns';
import { ProviderError, type SendResult, type SmsMessage, type SmsSender } from '../contracts';
import { DEFAULT_PROVIDER_TIMEOUT_MS, parseRetryAfter } from './shared';

export type SnsSmsSenderOptions = {
  region: string;
  /** Overrides the AWS endpoint (the local stand-in); absent, the SDK resolves SNS's regional endpoint. */
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Alphanumeric sender id, where the destination country supports one. */
  senderId?: string;
  /** A Publish that has not answered after this long is abandoned and reported as retryable. */
  timeoutMs?: number;
};

/** SNS rarely sends Retry-After; a throttled channel still pauses this long before the next send. */
const DEFAULT_THROTTLE_PAUSE_SECONDS = 1;
const E164 = /^\+[1-9]\d{1,14}$/;

const THROTTLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'Throttled',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'KMSThrottlingException',
]);
const TRANSIENT_CODES = new Set([
  'InternalError',
  'InternalErrorException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
]);

export function createSnsSmsSender(options: SnsSmsSenderOptions): SmsSender {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  const client = new SNSClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // pg-boss owns retries (with backoff and a dead-letter queue); SDK retries would multiply them and hold
    // the worker, and a retried Publish can deliver the same SMS twice (SNS has no idempotency key).
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
      connectionTimeout: Math.min(timeoutMs, 3_000),
    },
  });
  const attributes: Record<string, MessageAttributeValue> = {
    // Transactional: highest delivery reliability (appointment messages, not marketing).
    'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    ...(options.senderId
      ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: options.senderId } }
      : {}),
  };

  return {
    async send(message: SmsMessage): Promise<SendResult> {
      if (!E164.test(message.to)) {
        throw new ProviderError(
          `The phone number ${message.to} was not sent: it is not in international format (like +15551234567).`,
          { retryable: false, providerCode: 'InvalidPhoneNumber' },
        );
      }
      // The abort signal bounds the whole call (connect, write, wait), whatever the handler's own timers do.
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const output = await client.send(
          new PublishCommand({
            PhoneNumber: message.to,
            Message: message.body,
            MessageAttributes: attributes,
          }),
          { abortSignal: signal },
        );
        if (!output.MessageId) {
          throw new ProviderError('The SMS provider accepted the message but returned no message id.', {
            retryable: false,
            providerCode: 'MissingMessageId',
          });
        }
        return { providerMessageId: output.MessageId };
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw toProviderError(error, { to: message.to, timeoutMs, timedOut: signal.aborted });
      }
    },
  };
}

type SdkError = Error & {
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
};

/** Classifies an SNS SDK failure: throttling, 5xx, timeouts and network errors can succeed later. */
export function toProviderError(
  error: unknown,
  context: { to: string; timeoutMs: number; timedOut: boolean },
): ProviderError {
  const e = (error instanceof Error ? error : new Error(String(error))) as SdkError;
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? null;
  const code = e.name;
  const detail = e.message || code;
  const retryAfter = parseRetryAfter(e.$response?.headers?.['retry-after']);

  if (context.timedOut || code === 'AbortError' || code === 'TimeoutError') {
    return new ProviderError(
      `The SMS provider did not answer within ${formatSeconds(context.timeoutMs)}; the send will be retried.`,
      { retryable: true, providerCode: 'Timeout', cause: error },
    );
  }
  if (status === null) {
    // No HTTP answer at all: connection refused or reset, DNS, TLS.
    return new ProviderError(`The SMS provider could not be reached (${e.code ?? code}: ${detail}).`, {
      retryable: true,
      providerCode: e.code ?? 'NetworkError',
      cause: error,
    });
  }
  if (THROTTLE_CODES.has(code) || status === 429) {
    return new ProviderError(`The SMS provider is throttling sends (${code}: ${detail}).`, {
      retryable: true,
      retryAfterSeconds: retryAfter ?? DEFAULT_THROTTLE_PAUSE_SECONDS,
      providerCode: code,
      cause: error,
    });
  }
  if (TRANSIENT_CODES.has(code) || status >= 500 || e.$fault === 'server') {
    return new ProviderError(`The SMS provider failed (${status} ${code}: ${detail}).`, {
      retryable: true,
      retryAfterSeconds: retryAfter,
      providerCode: code,
      cause: error,
    });
  }
  // InvalidParameter (bad number), OptedOut, EndpointDisabled, AuthorizationError and every other 4xx.
  const reason =
    code === 'OptedOutException' || code === 'OptedOut'
      ? 'the recipient opted out of SMS'
      : code === 'AuthorizationErrorException' || code === 'AuthorizationError'
        ? 'Portico is not authorized to send SMS (check the AWS keys and permissions)'
        : detail;
  return new ProviderError(
    `The phone number ${context.to} was refused by the SMS provider: ${reason} (${code}).`,
    {
      retryable: false,
      providerCode: code,
      cause: error,
    },
  );
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
