// Procedures of the activity domain (desktop dispatcher workspace): one task's timeline of changes and
// notifications.
import { getTaskTimeline } from '@portico/core/activity/get-task-timeline';
import { taskTimelineInputSchema, taskTimelineOutputSchema } from '@portico/validators/activity';
import { router, staffProcedure, syncOutput } from '../trpc';

export const activityRouter = router({
  taskTimeline: staffProcedure
    .input(taskTimelineInputSchema)
    .output(syncOutput(taskTimelineOutputSchema))
    .query(({ ctx, input }) => getTaskTimeline(ctx.core, input)),
});
