// Places a task on the dispatch board: one technician, one window on one date, in one transaction, through
// the same booking core as tasks.schedule (capacity enforced) and the same rules as tasks.assign.
import type { DispatchPlaceInput } from '@portico/validators/dispatch';
import type { Task } from '@portico/validators/tasks';
import type { CoreContext } from '../context';
import { bookLockedTask } from '../tasks/schedule-task';
import { nextStatus } from '../tasks/status-machine';
import { requireActiveTechnician } from '../tasks/task-references';
import { lockTask, taskFacts, toTask, writeTask } from '../tasks/task-row';

export async function placeTask(ctx: CoreContext, input: DispatchPlaceInput): Promise<Task> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    let task = await lockTask(txCtx, input.taskId, input.version);
    // ask the status machine about the assignment first, so a final task refuses before any booking work
    nextStatus(task.status, 'assign', taskFacts(task));
    if (task.technicianId !== input.technicianId) await requireActiveTechnician(txCtx, input.technicianId);
    // moving a task between lanes of its own window is only an assignment (an en-route task may change hands)
    const isSameSlot = task.appointmentDate === input.date && task.windowId === input.windowId;
    if (!isSameSlot) {
      task = await bookLockedTask(
        txCtx,
        task,
        { date: input.date, windowId: input.windowId },
        { bookedBy: 'dispatcher', field: 'windowId' },
      );
    }
    if (task.technicianId !== input.technicianId) {
      task = await writeTask(txCtx, task, { technicianId: input.technicianId }, { action: 'assign' });
    }
    return toTask(task);
  });
}
