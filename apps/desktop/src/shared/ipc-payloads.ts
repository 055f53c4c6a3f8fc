// The zod schemas main checks every IPC payload against before acting on it.
import { z } from 'zod';

/** A session token as the server issues it (id.secret, base32); anything else is refused before storage. */
export const sessionTokenSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z2-7]+\.[a-z2-7]+$/, { message: 'Not a session token.' });

export const setTokenPayloadSchema = z.tuple([sessionTokenSchema]);
export const noPayloadSchema = z.tuple([]);

export const serverUrlSchema = z.url({
  protocol: /^https?$/,
  message: 'Use an http(s) address for the server.',
});
