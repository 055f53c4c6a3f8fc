// Procedures of appointment windows: list, create, edit, retire (admin) and availability (staff).
import { createWindow } from '@portico/core/scheduling/create-window';
import { getAvailability } from '@portico/core/scheduling/get-availability';
import { listWindows } from '@portico/core/scheduling/list-windows';
import { retireWindow } from '@portico/core/scheduling/retire-window';
import { updateWindow } from '@portico/core/scheduling/update-window';
import {
  availabilityInputSchema,
  availabilityOutputSchema,
  windowCreateInputSchema,
  windowListInputSchema,
  windowListOutputSchema,
  windowRetireInputSchema,
  windowSchema,
  windowUpdateInputSchema,
} from '@portico/validators/windows';
import { adminProcedure, router, staffProcedure, syncOutput } from '../trpc';

export const windowsRouter = router({
  list: staffProcedure
    .input(windowListInputSchema)
    .output(syncOutput(windowListOutputSchema))
    .query(({ ctx, input }) => listWindows(ctx.core, input)),
  create: adminProcedure
    .input(windowCreateInputSchema)
    .output(syncOutput(windowSchema))
    .mutation(({ ctx, input }) => createWindow(ctx.core, input)),
  update: adminProcedure
    .input(windowUpdateInputSchema)
    .output(syncOutput(windowSchema))
    .mutation(({ ctx, input }) => updateWindow(ctx.core, input)),
  retire: adminProcedure
    .input(windowRetireInputSchema)
    .output(syncOutput(windowSchema))
    .mutation(({ ctx, input }) => retireWindow(ctx.core, input)),
  availability: staffProcedure
    .input(availabilityInputSchema)
    .output(syncOutput(availabilityOutputSchema))
    .query(({ ctx, input }) => getAvailability(ctx.core, input)),
});
