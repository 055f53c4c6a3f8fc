// Moves a task along its lifecycle on a dispatcher's word (en route, start, complete, cancel, fail); the
// status machine decides whether the move is legal.
import type { Task, TaskTransitionInput } from '@portico/validators/tasks';
import type { CoreContext } from '../context';
import { notifyTaskTransitioned } from '../notifications/task-triggers';
import { nextStatus } from './status-machine';
import { lockTask, taskFacts, toTask, writeTask } from './task-row';

export async function transitionTask(ctx: CoreContext, input: TaskTransitionInput): Promise<Task> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const task = await lockTask(txCtx, input.id, input.version);
    const status = nextStatus(task.status, input.action, taskFacts(task));
    const closesWithReason = input.action === 'cancel' || input.action === 'fail';
    const after = await writeTask(
      txCtx,
      task,
      { status, statusReason: closesWithReason ? (input.reason ?? null) : null },
      { action: input.action },
    );
    await notifyTaskTransitioned(txCtx, after, input.action);
    return toTask(after);
  });
}
