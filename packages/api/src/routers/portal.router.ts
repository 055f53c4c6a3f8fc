// Procedures of the signed-in customer: who they are, their appointments, and what they may do to them
// (book or change the window, cancel, answer the organization's questions, confirm). Every one is scoped to
// what the portal user may see (their sites, or the whole customer account for an account_admin) by
// core/portal/portal-scope.ts.
import { answerCustomField } from '@portico/core/portal/answer-custom-field';
import { bookPortalWindow } from '@portico/core/portal/book-portal-window';
import { cancelPortalAppointment } from '@portico/core/portal/cancel-portal-appointment';
import { confirmPortalAppointment } from '@portico/core/portal/confirm-portal-appointment';
import { getPortalAppointment } from '@portico/core/portal/get-portal-appointment';
import { getPortalAvailability } from '@portico/core/portal/get-portal-availability';
import { getPortalMe } from '@portico/core/portal/get-portal-me';
import { listPortalAppointments } from '@portico/core/portal/list-portal-appointments';
import {
  portalAnswerInputSchema,
  portalAnswerOutputSchema,
  portalAppointmentListOutputSchema,
  portalAppointmentSchema,
  portalAvailabilityInputSchema,
  portalAvailabilityOutputSchema,
  portalBookInputSchema,
  portalCancelInputSchema,
  portalConfirmInputSchema,
  portalMeOutputSchema,
  portalTaskInputSchema,
} from '@portico/validators/portal';
import { customerProcedure, router, syncOutput } from '../trpc';

export const portalRouter = router({
  me: customerProcedure.output(syncOutput(portalMeOutputSchema)).query(({ ctx }) => getPortalMe(ctx.core)),
  appointments: customerProcedure
    .output(syncOutput(portalAppointmentListOutputSchema))
    .query(({ ctx }) => listPortalAppointments(ctx.core)),
  appointment: customerProcedure
    .input(portalTaskInputSchema)
    .output(syncOutput(portalAppointmentSchema))
    .query(({ ctx, input }) => getPortalAppointment(ctx.core, input)),
  availability: customerProcedure
    .input(portalAvailabilityInputSchema)
    .output(syncOutput(portalAvailabilityOutputSchema))
    .query(({ ctx, input }) => getPortalAvailability(ctx.core, input)),
  book: customerProcedure
    .input(portalBookInputSchema)
    .output(syncOutput(portalAppointmentSchema))
    .mutation(({ ctx, input }) => bookPortalWindow(ctx.core, input)),
  cancel: customerProcedure
    .input(portalCancelInputSchema)
    .output(syncOutput(portalAppointmentSchema))
    .mutation(({ ctx, input }) => cancelPortalAppointment(ctx.core, input)),
  answer: customerProcedure
    .input(portalAnswerInputSchema)
    .output(syncOutput(portalAnswerOutputSchema))
    .mutation(({ ctx, input }) => answerCustomField(ctx.core, input)),
  confirm: customerProcedure
    .input(portalConfirmInputSchema)
    .output(syncOutput(portalAppointmentSchema))
    .mutation(({ ctx, input }) => confirmPortalAppointment(ctx.core, input)),
});
