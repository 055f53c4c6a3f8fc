// Procedures of the auth domain: staff sign-in, sign-out, the signed-in profile, and accepting an invitation.
import { acceptStaffInvite, lookUpStaffInvite, revokeSessionToken, signInStaff } from '@portico/auth';
import { getSignedInStaff } from '@portico/core/staff/get-signed-in-staff';
import {
  acceptStaffInviteInputSchema,
  acceptStaffInviteOutputSchema,
  meOutputSchema,
  signInInputSchema,
  signInOutputSchema,
  signOutOutputSchema,
  staffInviteLookupInputSchema,
  staffInviteLookupOutputSchema,
} from '@portico/validators';
import { publicProcedure, router, staffProcedure, syncOutput } from '../trpc';

export const authRouter = router({
  signIn: publicProcedure
    .input(signInInputSchema)
    .output(syncOutput(signInOutputSchema))
    .mutation(({ ctx, input }) =>
      signInStaff(ctx.db, ctx.clock, {
        email: input.email,
        password: input.password,
        ip: ctx.request.ip,
        userAgent: ctx.request.userAgent,
      }),
    ),

  /** Always succeeds: signing out of a session that already ended is not an error. */
  signOut: publicProcedure.output(syncOutput(signOutOutputSchema)).mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await revokeSessionToken(ctx.db, ctx.sessionToken, ctx.clock.now());
    return { ok: true as const };
  }),

  me: staffProcedure.output(syncOutput(meOutputSchema)).query(async ({ ctx }) => {
    const { user, organization } = await getSignedInStaff(ctx.core);
    return {
      user,
      organization,
      session: { idleExpiresAt: ctx.session.idleExpiresAt, absoluteExpiresAt: ctx.session.absoluteExpiresAt },
    };
  }),

  /** Public: the invitation page's details (organization, name, email, role), or NOT_FOUND for a dead link. */
  staffInvite: publicProcedure
    .input(staffInviteLookupInputSchema)
    .output(syncOutput(staffInviteLookupOutputSchema))
    .query(({ ctx, input }) =>
      lookUpStaffInvite({ db: ctx.db, clock: ctx.clock }, { token: input.token, ip: ctx.request.ip }),
    ),
  /** Public: sets the invited person's password and activates the account; the link then stops working. */
  acceptStaffInvite: publicProcedure
    .input(acceptStaffInviteInputSchema)
    .output(syncOutput(acceptStaffInviteOutputSchema))
    .mutation(({ ctx, input }) =>
      acceptStaffInvite(
        { db: ctx.db, clock: ctx.clock },
        { token: input.token, password: input.password, ip: ctx.request.ip },
      ),
    ),
});
