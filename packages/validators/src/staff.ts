// Input and output schemas of the staff domain: staff users (admins, dispatchers) and their accounts.
import { z } from 'zod';
import { idSchema, staffRoles, versionSchema } from './common';

export const staffUserStatuses = ['active', 'disabled'] as const;

/** An email address, trimmed and lower-cased (staff emails are stored lower-cased). */
export const staffEmailSchema = z
  .string({ message: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .min(1, { message: 'Enter an email address.' })
  .pipe(
    z
      .email({ message: 'Use an email address like name@example.com.' })
      .max(254, { message: 'An email address has at most 254 characters.' }),
  );

/** A new password: long enough to resist guessing, bounded so hashing stays cheap (NIST 800-63B). */
export const newPasswordSchema = z
  .string({ message: 'Enter a password.' })
  .min(12, { message: 'Use a password of at least 12 characters.' })
  .max(128, { message: 'Use a password of at most 128 characters.' });

export const staffNameSchema = z
  .string({ message: 'Enter a name.' })
  .trim()
  .min(1, { message: 'Enter a name.' })
  .max(200, { message: 'A name has at most 200 characters.' });

export const staffRoleSchema = z.enum(staffRoles, { message: 'Choose admin or dispatcher.' });
export const staffUserStatusSchema = z.enum(staffUserStatuses, { message: 'Choose active or disabled.' });

export const staffUserSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  status: staffUserStatusSchema,
  lastSignInAt: z.date().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

export const listStaffInputSchema = z
  .object({
    status: staffUserStatusSchema.optional(),
  })
  .optional();
export type ListStaffInput = z.infer<typeof listStaffInputSchema>;
export const listStaffOutputSchema = z.array(staffUserSchema);

export const createStaffInputSchema = z.object({
  email: staffEmailSchema,
  name: staffNameSchema,
  role: staffRoleSchema,
  /** Initial password set by the admin until invitations by email exist. */
  password: newPasswordSchema,
});
export type CreateStaffInput = z.infer<typeof createStaffInputSchema>;

export const updateStaffInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  name: staffNameSchema.optional(),
  role: staffRoleSchema.optional(),
});
export type UpdateStaffInput = z.infer<typeof updateStaffInputSchema>;

export const setStaffStatusInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  status: staffUserStatusSchema,
});
export type SetStaffStatusInput = z.infer<typeof setStaffStatusInputSchema>;
