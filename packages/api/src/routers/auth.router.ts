// Procedures of the auth domain: staff sign-in, sign-out and the signed-in profile.
import { revokeSessionToken, signInStaff } from '@portico/auth';
import { getSignedInStaff } from '@portico/core/staff/get-signed-in-staff';
import {
  meOutputSchema,
  signInInputSchema,
  signInOutputSchema,
  signOutOutputSchema,
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
});
