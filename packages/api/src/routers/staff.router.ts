// Procedures of the staff domain: an admin manages the staff users of their organization.
import { hashPassword, invalidateUserSessions } from '@portico/auth';
import { createStaffUser } from '@portico/core/staff/create-staff-user';
import { inviteStaffUser } from '@portico/core/staff/invite-staff-user';
import { listStaffUsers } from '@portico/core/staff/list-staff-users';
import { resendStaffInvite } from '@portico/core/staff/resend-staff-invite';
import { setStaffUserStatus } from '@portico/core/staff/set-staff-user-status';
import { updateStaffUser } from '@portico/core/staff/update-staff-user';
import {
  createStaffInputSchema,
  inviteStaffInputSchema,
  resendStaffInviteInputSchema,
  listStaffInputSchema,
  listStaffOutputSchema,
  setStaffStatusInputSchema,
  staffUserSchema,
  updateStaffInputSchema,
} from '@portico/validators';
import { adminProcedure, router, syncOutput } from '../trpc';

export const staffRouter = router({
  list: adminProcedure
    .input(listStaffInputSchema)
    .output(syncOutput(listStaffOutputSchema))
    .query(({ ctx, input }) => listStaffUsers(ctx.core, input)),

  create: adminProcedure
    .input(createStaffInputSchema)
    .output(syncOutput(staffUserSchema))
    .mutation(({ ctx, input }) => createStaffUser(ctx.core, input, { hashPassword })),

  update: adminProcedure
    .input(updateStaffInputSchema)
    .output(syncOutput(staffUserSchema))
    .mutation(({ ctx, input }) => updateStaffUser(ctx.core, input)),

  setStatus: adminProcedure
    .input(setStaffStatusInputSchema)
    .output(syncOutput(staffUserSchema))
    .mutation(({ ctx, input }) => setStaffUserStatus(ctx.core, input, { invalidateUserSessions })),

  /** Adds an invited staff user and emails them a link to set their password (the staff-invite job). */
  invite: adminProcedure
    .input(inviteStaffInputSchema)
    .output(syncOutput(staffUserSchema))
    .mutation(({ ctx, input }) => inviteStaffUser(ctx.core, input, { hashPassword })),
  resendInvite: adminProcedure
    .input(resendStaffInviteInputSchema)
    .output(syncOutput(staffUserSchema))
    .mutation(({ ctx, input }) => resendStaffInvite(ctx.core, input)),
});
