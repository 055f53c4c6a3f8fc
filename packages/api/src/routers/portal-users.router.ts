// Procedures of the portal-users domain: give a contact portal access, invite, list, change role, disable/enable.
import { invitePortalUser } from '@portico/core/notifications-admin/invite-portal-user';
import { createPortalUser } from '@portico/core/portal-users/create-portal-user';
import { listPortalUsers } from '@portico/core/portal-users/list-portal-users';
import { setPortalUserRole } from '@portico/core/portal-users/set-portal-user-role';
import { setPortalUserStatus } from '@portico/core/portal-users/set-portal-user-status';
import {
  portalUserCreateInputSchema,
  portalUserListInputSchema,
  portalUserListOutputSchema,
  portalUserSchema,
  portalUserSetRoleInputSchema,
  portalUserSetStatusInputSchema,
} from '@portico/validators/portal-users';
import { portalUserInviteInputSchema } from '@portico/validators/notifications';
import { router, staffProcedure, syncOutput } from '../trpc';

export const portalUsersRouter = router({
  list: staffProcedure
    .input(portalUserListInputSchema)
    .output(syncOutput(portalUserListOutputSchema))
    .query(({ ctx, input }) => listPortalUsers(ctx.core, input)),
  create: staffProcedure
    .input(portalUserCreateInputSchema)
    .output(syncOutput(portalUserSchema))
    .mutation(({ ctx, input }) => createPortalUser(ctx.core, input)),
  setRole: staffProcedure
    .input(portalUserSetRoleInputSchema)
    .output(syncOutput(portalUserSchema))
    .mutation(({ ctx, input }) => setPortalUserRole(ctx.core, input)),
  /** Sends (again) a sign-in link by the contact's channels; refused within a minute of the last invite. */
  invite: staffProcedure
    .input(portalUserInviteInputSchema)
    .output(syncOutput(portalUserSchema))
    .mutation(({ ctx, input }) => invitePortalUser(ctx.core, input)),
  setStatus: staffProcedure
    .input(portalUserSetStatusInputSchema)
    .output(syncOutput(portalUserSchema))
    .mutation(({ ctx, input }) => setPortalUserStatus(ctx.core, input)),
});
