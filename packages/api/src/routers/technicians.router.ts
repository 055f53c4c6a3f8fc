// Procedures of the technicians domain: list, add, edit, deactivate and activate.
import { activateTechnician } from '@portico/core/technicians/activate-technician';
import { createTechnician } from '@portico/core/technicians/create-technician';
import { deactivateTechnician } from '@portico/core/technicians/deactivate-technician';
import { listTechnicians } from '@portico/core/technicians/list-technicians';
import { updateTechnician } from '@portico/core/technicians/update-technician';
import {
  technicianCreateInputSchema,
  technicianListInputSchema,
  technicianListOutputSchema,
  technicianSchema,
  technicianUpdateInputSchema,
  technicianVersionInputSchema,
} from '@portico/validators/technicians';
import { router, staffProcedure, syncOutput } from '../trpc';

export const techniciansRouter = router({
  list: staffProcedure
    .input(technicianListInputSchema)
    .output(syncOutput(technicianListOutputSchema))
    .query(({ ctx, input }) => listTechnicians(ctx.core, input)),
  create: staffProcedure
    .input(technicianCreateInputSchema)
    .output(syncOutput(technicianSchema))
    .mutation(({ ctx, input }) => createTechnician(ctx.core, input)),
  update: staffProcedure
    .input(technicianUpdateInputSchema)
    .output(syncOutput(technicianSchema))
    .mutation(({ ctx, input }) => updateTechnician(ctx.core, input)),
  deactivate: staffProcedure
    .input(technicianVersionInputSchema)
    .output(syncOutput(technicianSchema))
    .mutation(({ ctx, input }) => deactivateTechnician(ctx.core, input)),
  activate: staffProcedure
    .input(technicianVersionInputSchema)
    .output(syncOutput(technicianSchema))
    .mutation(({ ctx, input }) => activateTechnician(ctx.core, input)),
});
