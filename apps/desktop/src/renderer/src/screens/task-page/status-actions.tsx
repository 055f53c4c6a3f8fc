// The status moves a dispatcher may make on a task, offered only where the server's status machine allows them
// (tasks.get → allowedActions); cancel and fail ask for a reason first.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { TaskDetail, TaskTransitionAction } from '@portico/validators/tasks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';

const transitionOrder: TaskTransitionAction[] = ['en_route', 'start', 'complete', 'cancel', 'fail'];

const actionLabels: Record<TaskTransitionAction, string> = {
  en_route: 'Mark en route',
  start: 'Start work',
  complete: 'Complete',
  cancel: 'Cancel task…',
  fail: 'Mark failed…',
};

const pendingLabels: Record<TaskTransitionAction, string> = {
  en_route: 'Marking en route…',
  start: 'Starting…',
  complete: 'Completing…',
  cancel: 'Cancelling…',
  fail: 'Saving…',
};

export function StatusActions({ task }: { task: TaskDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reasonFor, setReasonFor] = useState<'cancel' | 'fail' | null>(null);
  const [reason, setReason] = useState('');
  const inFlight = useRef(false);
  const transition = useMutation(
    trpc.tasks.transition.mutationOptions({
      onSuccess: async () => {
        setReasonFor(null);
        setReason('');
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.activity.taskTimeline.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.notifications.log.pathKey() }),
        ]);
      },
    }),
  );
  const available = transitionOrder.filter((action) => task.allowedActions.includes(action));
  const error = transition.isError ? describeClientError(transition.error) : null;
  const reasonError = error
    ? (error.fieldErrors.reason?.[0] ?? (error.field === 'reason' ? error.message : null))
    : null;

  const run = (action: TaskTransitionAction, withReason?: string) => {
    // a second click lands before React re-renders the disabled button; the ref refuses it
    if (inFlight.current) return;
    inFlight.current = true;
    transition.mutate(
      {
        id: task.id,
        version: task.version,
        action,
        ...(withReason !== undefined ? { reason: withReason } : {}),
      },
      {
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  };

  if (available.length === 0) {
    return (
      <p className="muted task-actions-none">
        No status change is possible: this task is {task.status.replace('_', ' ')}.
      </p>
    );
  }
  return (
    <div className="task-actions">
      <div className="task-action-buttons" role="group" aria-label="Status actions">
        {available.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'cancel' || action === 'fail' ? 'button button-secondary' : 'button'}
            disabled={transition.isPending}
            aria-expanded={action === 'cancel' || action === 'fail' ? reasonFor === action : undefined}
            onClick={() => {
              if (action === 'cancel' || action === 'fail') {
                transition.reset();
                setReasonFor(reasonFor === action ? null : action);
              } else {
                run(action);
              }
            }}
          >
            {transition.isPending && transition.variables.action === action
              ? pendingLabels[action]
              : actionLabels[action]}
          </button>
        ))}
      </div>
      {reasonFor ? (
        <form
          className="task-reason"
          onSubmit={(event) => {
            event.preventDefault();
            run(reasonFor, reason);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              setReasonFor(null);
            }
          }}
        >
          <label htmlFor="task-reason">
            {reasonFor === 'cancel' ? 'Why is it cancelled?' : 'Why did it fail?'}
          </label>
          <div className="task-reason-row">
            <input
              id="task-reason"
              autoFocus
              value={reason}
              maxLength={500}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? 'task-reason-error' : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="submit" className="button button-danger" disabled={transition.isPending}>
              {transition.isPending
                ? pendingLabels[reasonFor]
                : reasonFor === 'cancel'
                  ? 'Cancel task'
                  : 'Mark failed'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setReasonFor(null)}>
              Keep it
            </button>
          </div>
          {reasonError ? (
            <p id="task-reason-error" className="field-error">
              {reasonError}
            </p>
          ) : null}
        </form>
      ) : null}
      {error && !reasonError ? (
        <p className="banner banner-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
