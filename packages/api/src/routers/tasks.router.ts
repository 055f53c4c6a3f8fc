// Procedures of tasks (work orders) for staff: create, edit, book, assign, move along the lifecycle, read, list,
// and the customer's answers to the custom fields.
import { listTaskAnswers } from '@portico/core/custom-fields/list-task-answers';
import { assignTask } from '@portico/core/tasks/assign-task';
import { createTask } from '@portico/core/tasks/create-task';
import { editTask } from '@portico/core/tasks/edit-task';
import { getTask } from '@portico/core/tasks/get-task';
import { listTasks } from '@portico/core/tasks/list-tasks';
import { scheduleTask } from '@portico/core/tasks/schedule-task';
import { transitionTask } from '@portico/core/tasks/transition-task';
import { updateTask } from '@portico/core/tasks/update-task';
import {
  taskAnswersInputSchema,
  taskAnswersOutputSchema,
  taskAssignInputSchema,
  taskCreateInputSchema,
  taskEditInputSchema,
  taskDetailSchema,
  taskGetInputSchema,
  taskListInputSchema,
  taskListOutputSchema,
  taskScheduleInputSchema,
  taskSchema,
  taskTransitionInputSchema,
  taskUpdateInputSchema,
} from '@portico/validators/tasks';
import { router, staffProcedure, syncOutput } from '../trpc';

export const tasksRouter = router({
  create: staffProcedure
    .input(taskCreateInputSchema)
    .output(syncOutput(taskSchema))
    .mutation(({ ctx, input }) => createTask(ctx.core, input)),
  update: staffProcedure
    .input(taskUpdateInputSchema)
    .output(syncOutput(taskSchema))
    .mutation(({ ctx, input }) => updateTask(ctx.core, input)),
  schedule: staffProcedure
    .input(taskScheduleInputSchema)
    .output(syncOutput(taskSchema))
    .mutation(({ ctx, input }) => scheduleTask(ctx.core, input)),
  assign: staffProcedure
    .input(taskAssignInputSchema)
    .output(syncOutput(taskSchema))
    .mutation(({ ctx, input }) => assignTask(ctx.core, input)),
  /** The task form's one save: about, technician and appointment together, or nothing. */
  edit: staffProcedure
    .input(taskEditInputSchema)
    .output(syncOutput(taskSchema))
    .mutation(({ ctx, input }) => editTask(ctx.core, input)),
  transition: staffProcedure
    .input(taskTransitionInputSchema)
    .output(syncOutput(taskSchema))
    .mutation(({ ctx, input }) => transitionTask(ctx.core, input)),
  get: staffProcedure
    .input(taskGetInputSchema)
    .output(syncOutput(taskDetailSchema))
    .query(({ ctx, input }) => getTask(ctx.core, input)),
  list: staffProcedure
    .input(taskListInputSchema)
    .output(syncOutput(taskListOutputSchema))
    .query(({ ctx, input }) => listTasks(ctx.core, input)),
  answers: staffProcedure
    .input(taskAnswersInputSchema)
    .output(syncOutput(taskAnswersOutputSchema))
    .query(({ ctx, input }) => listTaskAnswers(ctx.core, input)),
});
