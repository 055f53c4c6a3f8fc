// Owns choosing the channel providers from configuration: live SNS and Resend behind rate limiters, or the outbox.
import type { Db } from '@portico/db';
import type { ChannelProviders, EmailSender, SmsSender } from '../contracts';
import { createOutboxProviders } from './outbox';
import { createRateLimiter, withRateLimit, type RateLimiter } from './rate-limiter';
import { createResendEmailSender } from './resend-email';
import { createSnsSmsSender } from './sns-sms';

export { createOutboxProviders } from './outbox';
export { createRateLimiter, withRateLimit, type RateLimiter, type RateLimiterOptions } from './rate-limiter';
export { createResendEmailSender, type RateLimitInfo, type ResendEmailSenderOptions } from './resend-email';
export { DEFAULT_PROVIDER_TIMEOUT_MS, parseRetryAfter } from './shared';
export { createSnsSmsSender, type SnsSmsSenderOptions } from './sns-sms';

/** The provider part of the server environment (packages/config serverEnvSchema); ServerEnv satisfies it. */
export type ProviderConfig = {
  NODE_ENV: 'development' | 'production' | 'test';
  SNS_REGION?: string | undefined;
  SNS_ENDPOINT?: string | undefined;
  AWS_ACCESS_KEY_ID?: string | undefined;
  AWS_SECRET_ACCESS_KEY?: string | undefined;
  SMS_SENDER_ID?: string | undefined;
  RESEND_API_KEY?: string | undefined;
  RESEND_BASE_URL?: string | undefined;
  EMAIL_FROM: string;
  SMS_RATE_PER_SECOND: number;
  EMAIL_RATE_PER_SECOND: number;
  PROVIDER_TIMEOUT_MS: number;
};

export class ProviderConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderConfigError';
  }
}

export type LiveChannelProviders = ChannelProviders & {
  /** Per channel: 'live' (the provider) or 'outbox' (dev_outbox). `kind` is 'live' only when both are live. */
  channels: { sms: 'live' | 'outbox'; email: 'live' | 'outbox' };
  /** The process-wide limiters (null for a channel that goes to the outbox). */
  limiters: { sms: RateLimiter | null; email: RateLimiter | null };
};

const SMS_SETTINGS = ['SNS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
const EMAIL_SETTINGS = ['RESEND_API_KEY'] as const;

/**
 * The providers a worker sends through. A channel whose settings are all present goes live (wrapped by its rate
 * limiter); one with none of them goes to the dev outbox in development and test; production without them, or
 * any environment with only some of them, is refused with an error naming the missing variables, so a
 * misconfigured deploy stops at start instead of failing every send.
 */
export function createChannelProviders(config: ProviderConfig, db: Db): LiveChannelProviders {
  const smsMode = channelMode(config, 'SMS', SMS_SETTINGS);
  const emailMode = channelMode(config, 'Email', EMAIL_SETTINGS);
  const outbox = smsMode === 'outbox' || emailMode === 'outbox' ? createOutboxProviders(db) : null;

  let sms: SmsSender;
  let smsLimiter: RateLimiter | null = null;
  if (smsMode === 'live') {
    smsLimiter = createRateLimiter({ ratePerSecond: config.SMS_RATE_PER_SECOND });
    sms = withRateLimit(
      createSnsSmsSender({
        region: config.SNS_REGION!,
        ...(config.SNS_ENDPOINT ? { endpoint: config.SNS_ENDPOINT } : {}),
        accessKeyId: config.AWS_ACCESS_KEY_ID!,
        secretAccessKey: config.AWS_SECRET_ACCESS_KEY!,
        ...(config.SMS_SENDER_ID ? { senderId: config.SMS_SENDER_ID } : {}),
        timeoutMs: config.PROVIDER_TIMEOUT_MS,
      }),
      smsLimiter,
    );
  } else {
    sms = outbox!.sms;
  }

  let email: EmailSender;
  let emailLimiter: RateLimiter | null = null;
  if (emailMode === 'live') {
    const limiter = createRateLimiter({ ratePerSecond: config.EMAIL_RATE_PER_SECOND });
    emailLimiter = limiter;
    email = withRateLimit(
      createResendEmailSender({
        apiKey: config.RESEND_API_KEY!,
        ...(config.RESEND_BASE_URL ? { baseUrl: config.RESEND_BASE_URL } : {}),
        from: config.EMAIL_FROM,
        timeoutMs: config.PROVIDER_TIMEOUT_MS,
        // Resend's limit is per team: never go faster than the team's advertised limit, and when the window is
        // spent, wait for its reset rather than collecting 429s.
        onRateLimit: (info) => {
          if (info.limit !== null && info.limit > 0) limiter.limitTo(info.limit / info.windowSeconds);
          if (info.remaining === 0 && info.resetSeconds) limiter.pauseFor(info.resetSeconds);
        },
      }),
      limiter,
    );
  } else {
    email = outbox!.email;
  }

  return {
    kind: smsMode === 'live' && emailMode === 'live' ? 'live' : 'outbox',
    sms,
    email,
    channels: { sms: smsMode, email: emailMode },
    limiters: { sms: smsLimiter, email: emailLimiter },
  };
}

function channelMode(
  config: ProviderConfig,
  label: string,
  names: readonly (keyof ProviderConfig)[],
): 'live' | 'outbox' {
  const missing = names.filter((name) => !config[name]);
  if (missing.length === 0) return 'live';
  if (missing.length < names.length) {
    throw new ProviderConfigError(
      `${label} delivery is half configured: set ${missing.join(' and ')} too, or unset ${names
        .filter((n) => !missing.includes(n))
        .join(' and ')} to use the development outbox.`,
    );
  }
  if (config.NODE_ENV === 'production') {
    throw new ProviderConfigError(
      `${label} delivery is not configured: set ${missing.join(', ')} (production never uses the development outbox).`,
    );
  }
  return 'outbox';
}
