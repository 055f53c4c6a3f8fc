// The provider settings that point the real SNS and Resend SDK clients at the local stand-ins, for tests.
import type { ProviderConfig } from '../providers';

export function standInProviderConfig(urls: {
  /** The SNS stand-in's URL; without one, SMS goes to an address nothing listens on. */
  sns?: string;
  resend: string;
  emailFrom?: string;
  timeoutMs?: number;
}): ProviderConfig {
  return {
    NODE_ENV: 'test',
    SNS_REGION: 'us-east-1',
    SNS_ENDPOINT: urls.sns ?? 'http://127.0.0.1:9/sns',
    AWS_ACCESS_KEY_ID: 'test-key',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    RESEND_API_KEY: 're_test',
    RESEND_BASE_URL: urls.resend,
    EMAIL_FROM: urls.emailFrom ?? 'Portico <notifications@example.com>',
    SMS_RATE_PER_SECOND: 1000,
    EMAIL_RATE_PER_SECOND: 1000,
    PROVIDER_TIMEOUT_MS: urls.timeoutMs ?? 5000,
  };
}
