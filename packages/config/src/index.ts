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
