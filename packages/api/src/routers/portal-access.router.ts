// Procedures of portal access (public): the organization's branding, invite/login links, one-time codes,
// "send me a new code or link", and portal sign-out. Cookies are set through ctx.portalCookies (see context.ts);
// the rules live in @portico/auth (portal-*.ts).
import {
  continueWithLink,
  findPortalOrganization,
  inspectPortalLink,
  requestPortalAccess,
  sendPortalCode,
  signOutPortal,
  verifyPortalCode,
} from '@portico/auth';
import {
  continueWithLinkOutputSchema,
  linkInputSchema,
  linkInspectionSchema,
  portalOrganizationInputSchema,
  portalOrganizationSchema,
  portalSignOutOutputSchema,
  requestAccessInputSchema,
  requestAccessOutputSchema,
  sendCodeInputSchema,
  sendCodeOutputSchema,
  verifyCodeInputSchema,
  verifyCodeOutputSchema,
} from '@portico/validators/portal';
import { mergePortalLabels } from '@portico/validators/portal-labels';
import { publicProcedure, router, syncOutput } from '../trpc';

export const portalAccessRouter = router({
  organization: publicProcedure
    .input(portalOrganizationInputSchema)
    .output(syncOutput(portalOrganizationSchema))
    .query(async ({ ctx, input }) => {
      const org = await findPortalOrganization(ctx.db, input.orgSlug);
      return {
        slug: org.slug,
        name: org.name,
        logoUrl: org.logoFileId ? `/files/${org.logoFileId}` : null,
        primaryColor: org.primaryColor,
        accentColor: org.accentColor,
        labels: mergePortalLabels(org.labels),
        loginMode: org.loginMode,
        officePhone: org.officePhone,
      };
    }),

  /** Reading a link burns nothing (mail scanners pre-open links). */
  inspectLink: publicProcedure
    .input(linkInputSchema)
    .output(syncOutput(linkInspectionSchema))
    .query(({ ctx, input }) => inspectPortalLink(ctx, input)),

  continueWithLink: publicProcedure
    .input(linkInputSchema)
    .output(syncOutput(continueWithLinkOutputSchema))
    .mutation(async ({ ctx, input }) => {
      const result = await continueWithLink(ctx, {
        ...input,
        preAuth: ctx.portalCookies.preAuth,
        request: ctx.request,
      });
      if (result.next === 'signedIn') {
        ctx.portalCookies.setSession(result.session.token, result.session.absoluteExpiresAt);
        return { next: result.next, taskId: result.taskId };
      }
      ctx.portalCookies.setPreAuth(result.preAuth.value, result.preAuth.expiresAt);
      return { next: result.next, channels: result.channels };
    }),

  sendCode: publicProcedure
    .input(sendCodeInputSchema)
    .output(syncOutput(sendCodeOutputSchema))
    .mutation(({ ctx, input }) =>
      sendPortalCode(ctx, { ...input, preAuth: ctx.portalCookies.preAuth, ip: ctx.request.ip }),
    ),

  verifyCode: publicProcedure
    .input(verifyCodeInputSchema)
    .output(syncOutput(verifyCodeOutputSchema))
    .mutation(async ({ ctx, input }) => {
      const result = await verifyPortalCode(ctx, {
        ...input,
        preAuth: ctx.portalCookies.preAuth,
        request: ctx.request,
      });
      ctx.portalCookies.setSession(result.session.token, result.session.absoluteExpiresAt);
      ctx.portalCookies.clearPreAuth();
      return { taskId: result.taskId };
    }),

  /** The same answer, after the same work, whether or not the contact is on file. */
  requestAccess: publicProcedure
    .input(requestAccessInputSchema)
    .output(syncOutput(requestAccessOutputSchema))
    .mutation(async ({ ctx, input }) => {
      const result = await requestPortalAccess(ctx, {
        ...input,
        preAuth: ctx.portalCookies.preAuth,
        ip: ctx.request.ip,
      });
      ctx.portalCookies.setPreAuth(result.preAuth.value, result.preAuth.expiresAt);
      return { next: result.next };
    }),

  /** Always succeeds: signing out of a session that already ended is not an error. */
  signOut: publicProcedure.output(syncOutput(portalSignOutOutputSchema)).mutation(async ({ ctx }) => {
    await signOutPortal(ctx.db, ctx.sessionToken, ctx.clock.now());
    ctx.portalCookies.clearSession();
    return { ok: true as const };
  }),
});
