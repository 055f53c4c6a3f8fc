// Owns the zod schemas of every runtime's environment and their parsing; never reads process.env itself.
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const serverEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: port.default(3000),
  /** Absent: an embedded PostgreSQL is started in DATA_DIR. */
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('.data'),
  /** Origin used for every link Portico builds (never the request's Host header). */
  PUBLIC_ORIGIN: z.url().optional(),
  /** Extra origins allowed to call mutations (the desktop renderer when served elsewhere). */
  TRUSTED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  TRUST_PROXY: bool,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool,
  /** api = HTTP only, worker = jobs only, all = both in one process (development default). */
  ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  SEED_DEMO: bool,

  // Channel providers (packages/notifications/src/providers). Without keys, development and test deliver to
  // the dev outbox; production refuses to start (createChannelProviders).
  /** AWS region of SNS, e.g. us-east-1. Live SMS needs it with both AWS keys. */
  SNS_REGION: z.string().min(1).optional(),
  /** Overrides the SNS endpoint (the local stand-in in development and tests). */
  SNS_ENDPOINT: z.url().optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Alphanumeric sender id where the destination country supports one (1-11 characters). */
  SMS_SENDER_ID: z
    .string()
    .regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, 'Use 1 to 11 letters or digits, with at least one letter.')
    .optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  /** Overrides Resend's API base URL (the local stand-in in development and tests). */
  RESEND_BASE_URL: z.url().optional(),
  /** The From of every email: an address on a domain verified in Resend, e.g. "Portico <notify@example.com>". */
  EMAIL_FROM: z.string().min(3).max(320).default('Portico <notifications@example.com>'),
  /** Sends per second per worker process; keep the sum over processes under the provider's account limit. */
  SMS_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(5),
  EMAIL_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(2),
  /** A provider call that has not answered after this long fails as retryable. */
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export class EnvError extends Error {}

export function parseEnv<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
): z.infer<T> {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
