// Edits what a task is about (service type, description) while it is open.
import type { Task, TaskUpdateInput } from '@portico/validators/tasks';
import { diffChanges } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { nextStatus } from './status-machine';
import { lockTask, taskFacts, toTask, writeTask } from './task-row';

export async function updateTask(ctx: CoreContext, input: TaskUpdateInput): Promise<Task> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const task = await lockTask(txCtx, input.id, input.version);
    nextStatus(task.status, 'edit', taskFacts(task));
    const patch = {
      serviceType: input.serviceType ?? task.serviceType,
      description: input.description === undefined ? task.description : input.description,
    };
    if (Object.keys(diffChanges(task, patch, Object.keys(patch))).length === 0) return toTask(task);
    return toTask(await writeTask(txCtx, task, patch, { action: 'update' }));
  });
}
