// Procedures of the portal-users domain: give a contact portal access, list, change role, disable/enable.
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
  setStatus: staffProcedure
    .input(portalUserSetStatusInputSchema)
    .output(syncOutput(portalUserSchema))
    .mutation(({ ctx, input }) => setPortalUserStatus(ctx.core, input)),
});
