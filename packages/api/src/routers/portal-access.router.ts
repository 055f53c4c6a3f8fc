// Procedures of portal access (public): the organization's branding, invite/login links, one-time codes,
// "send me a new code or link", and portal sign-out. Cookies are set through ctx (see context.ts).
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
import { TRPCError } from '@trpc/server';
import { publicProcedure, router, syncOutput } from '../trpc';

// PLACEHOLDER bodies: replaced by the portal-access implementation in this same change.
const todo = (): never => {
  throw new TRPCError({ code: 'NOT_IMPLEMENTED', message: 'Not built yet.' });
};

export const portalAccessRouter = router({
  organization: publicProcedure
    .input(portalOrganizationInputSchema)
    .output(syncOutput(portalOrganizationSchema))
    .query(todo),
  inspectLink: publicProcedure.input(linkInputSchema).output(syncOutput(linkInspectionSchema)).query(todo),
  continueWithLink: publicProcedure
    .input(linkInputSchema)
    .output(syncOutput(continueWithLinkOutputSchema))
    .mutation(todo),
  sendCode: publicProcedure
    .input(sendCodeInputSchema)
    .output(syncOutput(sendCodeOutputSchema))
    .mutation(todo),
  verifyCode: publicProcedure
    .input(verifyCodeInputSchema)
    .output(syncOutput(verifyCodeOutputSchema))
    .mutation(todo),
  requestAccess: publicProcedure
    .input(requestAccessInputSchema)
    .output(syncOutput(requestAccessOutputSchema))
    .mutation(todo),
  signOut: publicProcedure.output(syncOutput(portalSignOutOutputSchema)).mutation(todo),
});
