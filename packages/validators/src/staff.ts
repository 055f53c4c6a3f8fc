// Input and output schemas of the staff domain: staff users (admins, dispatchers) and their accounts.
import { z } from 'zod';
import { idSchema, staffRoles, versionSchema } from './common';

/** invited: added by email, has not set a password yet. */
export const staffUserStatuses = ['invited', 'active', 'disabled'] as const;
/** The statuses an admin sets by hand (invited ends only by accepting the invitation). */
export const settableStaffUserStatuses = ['active', 'disabled'] as const;

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
  status: z.enum(settableStaffUserStatuses, { message: 'Choose active or disabled.' }),
});
export type SetStaffStatusInput = z.infer<typeof setStaffStatusInputSchema>;

// ---- invitations by email ----

/** How long an invitation link works. */
export const staffInviteLifetimeHours = 72;

export const inviteStaffInputSchema = z.object({
  email: staffEmailSchema,
  name: staffNameSchema,
  role: staffRoleSchema,
});
export type InviteStaffInput = z.infer<typeof inviteStaffInputSchema>;

/** Sends a fresh invitation to an invited (not yet active) staff user; older links stop working. */
export const resendStaffInviteInputSchema = z.object({ id: idSchema });
export type ResendStaffInviteInput = z.infer<typeof resendStaffInviteInputSchema>;

const inviteTokenSchema = z
  .string({ message: 'This invitation link is not valid.' })
  .regex(/^[A-Za-z0-9_-]{20,100}$/, { message: 'This invitation link is not valid.' });

/** Public: what the invitation page shows before the person sets a password. */
export const staffInviteLookupInputSchema = z.object({ token: inviteTokenSchema });
export const staffInviteLookupOutputSchema = z.object({
  organizationName: z.string(),
  name: z.string(),
  email: z.string(),
  role: staffRoleSchema,
});
export type StaffInviteLookup = z.infer<typeof staffInviteLookupOutputSchema>;

/** Public: sets the password and activates the account; the link then stops working. */
export const acceptStaffInviteInputSchema = z.object({
  token: inviteTokenSchema,
  password: newPasswordSchema,
});
export type AcceptStaffInviteInput = z.infer<typeof acceptStaffInviteInputSchema>;
export const acceptStaffInviteOutputSchema = z.object({ email: z.string(), organizationName: z.string() });
