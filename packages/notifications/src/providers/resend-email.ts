// Owns email delivery through the Resend SDK (with the idempotency key), and the mapping of its errors.
import { Resend } from 'resend';
import { ProviderError, type EmailMessage, type EmailSender, type SendResult } from '../contracts';
import { DEFAULT_PROVIDER_TIMEOUT_MS, parseRetryAfter } from './shared';

/** What Resend's RateLimit-* headers said on the last answer (IETF draft names, as Resend sends them). */
export type RateLimitInfo = {
  /** Requests allowed per window (the team's limit), or null when not sent. */
  limit: number | null;
  remaining: number | null;
  /** Seconds until the window resets. */
  resetSeconds: number | null;
  /** The window's length in seconds, from RateLimit-Policy ("2;w=1"); 1 when not sent. */
  windowSeconds: number;
};

export type ResendEmailSenderOptions = {
  apiKey: string;
  /** Overrides https://api.resend.com (the local stand-in). */
  baseUrl?: string;
  /** e.g. "Portico <notifications@example.com>" on a domain verified in Resend. */
  from: string;
  timeoutMs?: number;
  /** Called with the rate-limit headers of every answer that carries them, so a limiter can follow them. */
  onRateLimit?: (info: RateLimitInfo) => void;
};

/** Resend sends Retry-After on 429; when an answer lacks it, wait a conservative second before the next send. */
const DEFAULT_THROTTLE_PAUSE_SECONDS = 1;

type ResendErrorBody = { name?: string; message?: string; statusCode?: number | null };

export function createResendEmailSender(options: ResendEmailSenderOptions): EmailSender {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  // The SDK reads RESEND_BASE_URL from process.env when no baseUrl is given; passing ours keeps config explicit.
  const resend = new Resend(options.apiKey, {
    baseUrl: (options.baseUrl ?? 'https://api.resend.com').replace(/\/+$/, ''),
  });

  return {
    async send(message: EmailMessage): Promise<SendResult> {
      const signal = AbortSignal.timeout(timeoutMs);
      const { data, error, headers } = await resend.emails.send(
        {
          from: options.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
        },
        // Resend keeps the key 24 h and answers a repeat with the first email's id instead of sending again.
        { idempotencyKey: message.idempotencyKey, signal },
      );
      if (headers && options.onRateLimit) {
        const info = readRateLimit(headers);
        if (info) options.onRateLimit(info);
      }
      if (error)
        throw toProviderError(error, { to: message.to, headers, timeoutMs, timedOut: signal.aborted });
      if (!data?.id) {
        throw new ProviderError('The email provider accepted the message but returned no id.', {
          retryable: false,
          providerCode: 'missing_id',
        });
      }
      return { providerMessageId: data.id };
    },
  };
}

function readRateLimit(headers: Record<string, string>): RateLimitInfo | null {
  const number = (name: string) => {
    const value = headers[name];
    if (value === undefined || value.trim() === '') return null;
    const n = Number(value);
    return Number.isFinite(n) && n >= 0 ? n : null;
  };
  const window = /(?:^|;)\s*w=(\d+(?:\.\d+)?)/.exec(headers['ratelimit-policy'] ?? '');
  const info = {
    limit: number('ratelimit-limit'),
    remaining: number('ratelimit-remaining'),
    resetSeconds: number('ratelimit-reset'),
    windowSeconds: window && Number(window[1]) > 0 ? Number(window[1]) : 1,
  };
  return info.limit === null && info.remaining === null && info.resetSeconds === null ? null : info;
}

/**
 * Classifies a Resend error answer. The SDK never throws: a network failure or an abort comes back as
 * application_error with statusCode null, and a body that is not JSON as application_error with the status.
 */
export function toProviderError(
  error: ResendErrorBody,
  context: { to: string; headers: Record<string, string> | null; timeoutMs: number; timedOut: boolean },
): ProviderError {
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  const name = error.name ?? 'application_error';
  const detail = error.message ?? name;
  const retryAfter = parseRetryAfter(context.headers?.['retry-after']);

  if (context.timedOut) {
    return new ProviderError(
      `The email provider did not answer within ${context.timeoutMs / 1000} s; the send will be retried.`,
      { retryable: true, providerCode: 'timeout', cause: error },
    );
  }
  if (status === null) {
    return new ProviderError(`The email provider could not be reached (${detail}).`, {
      retryable: true,
      providerCode: 'network_error',
      cause: error,
    });
  }
  // The quota resets next month: retrying within the job's backoff would only fail again.
  if (name === 'monthly_quota_exceeded') {
    return new ProviderError(`The email provider's monthly sending quota is used up: ${detail}`, {
      retryable: false,
      providerCode: name,
      cause: error,
    });
  }
  if (status === 429) {
    return new ProviderError(`The email provider is rate limiting sends (${name}: ${detail}).`, {
      retryable: true,
      retryAfterSeconds: retryAfter ?? DEFAULT_THROTTLE_PAUSE_SECONDS,
      providerCode: name,
      cause: error,
    });
  }
  // Another request with the same idempotency key is still being processed: its outcome decides, ask again.
  if (name === 'concurrent_idempotent_requests' || status >= 500) {
    return new ProviderError(`The email provider failed (${status} ${name}: ${detail}).`, {
      retryable: true,
      retryAfterSeconds: retryAfter,
      providerCode: name,
      cause: error,
    });
  }
  // validation_error, invalid_from_address, invalid/restricted API key, invalid_idempotent_request, other 4xx.
  const reason =
    name === 'invalid_api_key' || name === 'missing_api_key' || name === 'restricted_api_key'
      ? `Portico's email API key was refused (${detail})`
      : detail;
  return new ProviderError(
    `The email address ${context.to} was refused by the email provider: ${reason} (${name}).`,
    {
      retryable: false,
      providerCode: name,
      cause: error,
    },
  );
}
