// Assigns a technician to a task, replaces them, or leaves the task without one.
import type { Task, TaskAssignInput } from '@portico/validators/tasks';
import type { CoreContext } from '../context';
import { nextStatus } from './status-machine';
import { requireActiveTechnician } from './task-references';
import { lockTask, taskFacts, toTask, writeTask } from './task-row';

export async function assignTask(ctx: CoreContext, input: TaskAssignInput): Promise<Task> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const task = await lockTask(txCtx, input.id, input.version);
    const action = input.technicianId ? 'assign' : 'unassign';
    nextStatus(task.status, action, taskFacts(task));
    if (task.technicianId === input.technicianId) return toTask(task);
    if (input.technicianId) await requireActiveTechnician(txCtx, input.technicianId);
    const after = await writeTask(txCtx, task, { technicianId: input.technicianId }, { action });
    return toTask(after);
  });
}
