// One save of the task form (staff): what the task is about, its technician and its appointment together, in one
// transaction, each step through the same function as its own procedure (status machine, capacity under lock,
// notifications, audit). A refusal at any step leaves the task exactly as it was: no half-saved edit.
import type { Task, TaskEditInput } from '@portico/validators/tasks';
import type { CoreContext } from '../context';
import { assignTask } from './assign-task';
import { scheduleTask } from './schedule-task';
import { lockTask, toTask } from './task-row';
import { updateTask } from './update-task';

export async function editTask(ctx: CoreContext, input: TaskEditInput): Promise<Task> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    // the version check first, whatever the edit holds (an empty edit from a stale view is refused too)
    let task = toTask(await lockTask(txCtx, input.id, input.version));
    if (input.serviceType !== undefined || input.description !== undefined) {
      task = await updateTask(txCtx, {
        id: input.id,
        version: task.version,
        ...(input.serviceType !== undefined ? { serviceType: input.serviceType } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      });
    }
    if (input.technicianId !== undefined && input.technicianId !== task.technicianId) {
      task = await assignTask(txCtx, {
        id: input.id,
        version: task.version,
        technicianId: input.technicianId,
      });
    }
    const slot = input.appointment;
    if (slot && (slot.date !== task.appointmentDate || slot.windowId !== task.windowId)) {
      task = await scheduleTask(txCtx, { id: input.id, version: task.version, ...slot });
    }
    return task;
  });
}
