// Procedures of the dispatch domain (desktop dispatcher workspace): the board and placing a task on it.
import { getDispatchBoard } from '@portico/core/dispatch/get-dispatch-board';
import { placeTask } from '@portico/core/dispatch/place-task';
import {
  dispatchBoardInputSchema,
  dispatchBoardOutputSchema,
  dispatchPlaceInputSchema,
} from '@portico/validators/dispatch';
import { taskSchema } from '@portico/validators/tasks';
import { router, staffProcedure, syncOutput } from '../trpc';

export const dispatchRouter = router({
  board: staffProcedure
    .input(dispatchBoardInputSchema)
    .output(syncOutput(dispatchBoardOutputSchema))
    .query(({ ctx, input }) => getDispatchBoard(ctx.core, input)),
  place: staffProcedure
    .input(dispatchPlaceInputSchema)
    .output(syncOutput(taskSchema))
    .mutation(({ ctx, input }) => placeTask(ctx.core, input)),
});
