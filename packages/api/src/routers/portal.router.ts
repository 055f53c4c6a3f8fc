// Procedures of the signed-in customer: who they are, their appointments, and what they may do to them
// (book or change the window, cancel, answer the organization's questions, confirm). Every one is scoped to
// what the portal user may see (their sites, or the whole customer account for an account_admin).
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
import { TRPCError } from '@trpc/server';
import { customerProcedure, router, syncOutput } from '../trpc';

// PLACEHOLDER bodies: replaced by the portal appointments implementation in this same change.
const todo = (): never => {
  throw new TRPCError({ code: 'NOT_IMPLEMENTED', message: 'Not built yet.' });
};

export const portalRouter = router({
  me: customerProcedure.output(syncOutput(portalMeOutputSchema)).query(todo),
  appointments: customerProcedure.output(syncOutput(portalAppointmentListOutputSchema)).query(todo),
  appointment: customerProcedure
    .input(portalTaskInputSchema)
    .output(syncOutput(portalAppointmentSchema))
    .query(todo),
  availability: customerProcedure
    .input(portalAvailabilityInputSchema)
    .output(syncOutput(portalAvailabilityOutputSchema))
    .query(todo),
  book: customerProcedure
    .input(portalBookInputSchema)
    .output(syncOutput(portalAppointmentSchema))
    .mutation(todo),
  cancel: customerProcedure
    .input(portalCancelInputSchema)
    .output(syncOutput(portalAppointmentSchema))
    .mutation(todo),
  answer: customerProcedure
    .input(portalAnswerInputSchema)
    .output(syncOutput(portalAnswerOutputSchema))
    .mutation(todo),
  confirm: customerProcedure
    .input(portalConfirmInputSchema)
    .output(syncOutput(portalAppointmentSchema))
    .mutation(todo),
});
