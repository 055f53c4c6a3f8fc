// Moves a task along its lifecycle (en route, start, complete, cancel, fail) on a dispatcher's word, or a
// customer's cancel from the portal; the status machine decides whether the move is legal.
import type { Task, TaskTransitionAction, TaskTransitionInput } from '@portico/validators/tasks';
import type { CoreContext } from '../context';
import { notifyTaskTransitioned } from '../notifications/task-triggers';
import { nextStatus } from './status-machine';
import { lockTask, taskFacts, toTask, writeTask, type TaskRow } from './task-row';

export async function transitionTask(ctx: CoreContext, input: TaskTransitionInput): Promise<Task> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const task = await lockTask(txCtx, input.id, input.version);
    const after = await transitionLockedTask(txCtx, task, { action: input.action, reason: input.reason });
    return toTask(after);
  });
}

/**
 * Applies one lifecycle move to a task the caller locked, in the caller's transaction: the status machine,
 * the reason kept on cancel and fail, the audit entry, and the notifications (en route and completion tell
 * the customer; closing withdraws the pending reminder).
 */
export async function transitionLockedTask(
  ctx: CoreContext,
  task: TaskRow,
  input: { action: TaskTransitionAction; reason?: string | null | undefined },
): Promise<TaskRow> {
  const status = nextStatus(task.status, input.action, taskFacts(task));
  const closesWithReason = input.action === 'cancel' || input.action === 'fail';
  const after = await writeTask(
    ctx,
    task,
    { status, statusReason: closesWithReason ? (input.reason ?? null) : null },
    { action: input.action },
  );
  await notifyTaskTransitioned(ctx, after, input.action);
  return after;
}
