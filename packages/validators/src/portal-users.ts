// Input and output schemas of the portal-users domain (a contact's login to the customer portal).
import { z } from 'zod';
import { idSchema, portalRoles, portalUserStatuses, versionSchema } from './common';

export const portalRoleSchema = z.enum(portalRoles, { message: 'Choose contact or account_admin.' });
export const portalUserStatusSchema = z.enum(portalUserStatuses, {
  message: 'Choose invited, active or disabled.',
});

export const portalUserSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  contactId: z.uuid(),
  contactName: z.string(),
  /** E.164 */
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  role: portalRoleSchema,
  status: portalUserStatusSchema,
  invitedAt: z.date().nullable(),
  lastSignInAt: z.date().nullable(),
  disabledAt: z.date().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PortalUser = z.infer<typeof portalUserSchema>;

export const portalUserListInputSchema = z
  .object({ customerId: idSchema.optional(), status: portalUserStatusSchema.optional() })
  .prefault({});
export type PortalUserListInput = z.infer<typeof portalUserListInputSchema>;
export const portalUserListOutputSchema = z.array(portalUserSchema);

export const portalUserCreateInputSchema = z.object({
  contactId: idSchema,
  role: portalRoleSchema.default('contact'),
});
export type PortalUserCreateInput = z.infer<typeof portalUserCreateInputSchema>;

export const portalUserSetRoleInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  role: portalRoleSchema,
});
export type PortalUserSetRoleInput = z.infer<typeof portalUserSetRoleInputSchema>;

export const portalUserSetStatusInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  status: z.enum(['active', 'disabled'], { message: 'Choose active or disabled.' }),
});
export type PortalUserSetStatusInput = z.infer<typeof portalUserSetStatusInputSchema>;
