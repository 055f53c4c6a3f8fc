// Input and output schemas of the auth domain: staff sign-in, sign-out and the signed-in profile.
import { z } from 'zod';
import { idSchema, staffRoles } from './common';
import { staffEmailSchema } from './staff';

export const signInInputSchema = z.object({
  email: staffEmailSchema,
  // Never trimmed or reshaped: the password is checked exactly as typed.
  password: z
    .string({ message: 'Enter your password.' })
    .min(1, { message: 'Enter your password.' })
    .max(128, { message: 'A password has at most 128 characters.' }),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

export const signedInUserSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: z.enum(staffRoles),
});

export const signInOutputSchema = z.object({
  token: z.string(),
  idleExpiresAt: z.date(),
  absoluteExpiresAt: z.date(),
  user: signedInUserSchema,
  organization: z.object({ id: idSchema, name: z.string(), slug: z.string() }),
});
export type SignInOutput = z.infer<typeof signInOutputSchema>;

export const signOutOutputSchema = z.object({ ok: z.literal(true) });

export const meOutputSchema = z.object({
  user: signedInUserSchema,
  organization: z.object({ id: idSchema, name: z.string(), slug: z.string(), timeZone: z.string() }),
  session: z.object({ idleExpiresAt: z.date(), absoluteExpiresAt: z.date() }),
});
export type MeOutput = z.infer<typeof meOutputSchema>;
