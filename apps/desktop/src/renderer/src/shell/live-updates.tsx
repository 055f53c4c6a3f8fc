// Live updates from the server (portal bookings, reschedules, cancellations, confirmations, answers): keeps
// the open screens fresh and tells the dispatcher with a native notification and an in-app toast.
import { isUnauthorized, useTRPC, useTRPCClient, type RouterOutputs } from '@portico/api-client';
import type { LiveEvent, LiveEventKind } from '@portico/validators';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouteContext } from '@tanstack/react-router';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatLocalDate, formatTimeRange } from '../screens/tasks/format';
import './live-updates.css';

type TaskDetail = RouterOutputs['tasks']['get'];

type Toast = { id: number; title: string; body: string; taskId: string };

/** Kinds worth interrupting the dispatcher for; answers only refresh what is open. */
const announced: Partial<Record<LiveEventKind, string>> = {
  booked: 'booked a window',
  rescheduled: 'rescheduled',
  cancelled: 'cancelled',
  confirmed: 'confirmed',
};

const TOAST_MS = 10_000;
const MAX_TOASTS = 4;
/** After the stream fails for good (not a sign-out), try again after this long. */
const RESUBSCRIBE_MS = 5_000;

export function LiveUpdates() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { bridge } = useRouteContext({ from: '__root__' });
  const navigate = useNavigate();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const refreshScreens = useCallback(
    (taskId: string | null) => {
      // What a portal change can move: the task (list, page, answers), the board and capacity, the timeline
      // (activity), and the notifications it queued.
      for (const queryKey of [
        trpc.tasks.pathKey(),
        trpc.dispatch.pathKey(),
        trpc.windows.availability.pathKey(),
        trpc.activity.pathKey(),
        trpc.notifications.pathKey(),
      ]) {
        void queryClient.invalidateQueries({ queryKey });
      }
      if (taskId) void queryClient.invalidateQueries({ queryKey: trpc.tasks.get.queryKey({ id: taskId }) });
    },
    [queryClient, trpc],
  );

  const announce = useCallback(
    async (event: LiveEvent) => {
      const verb = announced[event.kind];
      if (!verb) return;
      let task: TaskDetail | null = null;
      try {
        task = await queryClient.fetchQuery(trpc.tasks.get.queryOptions({ id: event.taskId }));
      } catch {
        // The toast still tells what happened, without the details.
      }
      const title = task ? `${task.customer.name} ${verb}` : `A customer ${verb}`;
      const body = task ? describeTask(task, event.kind) : 'Open the task to see the change.';
      const id = nextId.current++;
      setToasts((current) => [...current, { id, title, body, taskId: event.taskId }].slice(-MAX_TOASTS));
      window.setTimeout(() => dismiss(id), TOAST_MS);
      bridge.notify({ title, body, taskId: event.taskId }).catch(() => {
        // Native notifications are a nicety; the toast is already showing.
      });
    },
    [bridge, dismiss, queryClient, trpc],
  );

  useEffect(() => {
    let hasStarted = false;
    let isStopped = false;
    let retry: number | undefined;
    let subscription: { unsubscribe: () => void } | null = null;
    const subscribe = () => {
      subscription = client.live.events.subscribe(undefined, {
        onStarted: () => {
          // Events published while the stream was down are not replayed: refetch what is on screen.
          if (hasStarted) refreshScreens(null);
          hasStarted = true;
          markStream('on');
        },
        onData: (event) => {
          refreshScreens(event.taskId);
          void announce(event);
        },
        onError: (error) => {
          markStream('off');
          // A signed-out session is the shell's business (it asks to sign in again); anything else retries.
          if (isStopped || isUnauthorized(error)) return;
          retry = window.setTimeout(subscribe, RESUBSCRIBE_MS);
        },
      });
    };
    subscribe();
    return () => {
      isStopped = true;
      window.clearTimeout(retry);
      subscription?.unsubscribe();
      markStream(null);
    };
  }, [announce, client, refreshScreens]);

  if (toasts.length === 0) return null;
  return (
    <section className="live-toasts" aria-label="Portal changes" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="live-toast" role="status">
          <div className="live-toast-text">
            <strong>{toast.title}</strong>
            <span>{toast.body}</span>
          </div>
          <div className="live-toast-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                dismiss(toast.id);
                void navigate({ to: '/tasks/$taskId', params: { taskId: toast.taskId } });
              }}
            >
              Open task
            </button>
            <button
              type="button"
              className="live-toast-close"
              aria-label="Dismiss"
              onClick={() => dismiss(toast.id)}
            >
              ×
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}

/** `<html data-live="on">` while the event stream is open: for tests and for a look in the dev tools. */
function markStream(state: 'on' | 'off' | null): void {
  if (state) document.documentElement.dataset.live = state;
  else delete document.documentElement.dataset.live;
}

/** "T-1042 · Tue, Mar 10, 2026, 8:00 AM – 12:00 PM" in the site's time zone. */
function describeTask(task: TaskDetail, kind: LiveEventKind): string {
  const number = `T-${task.number}`;
  if (kind === 'cancelled' || !task.appointmentDate) return `${number} · ${task.serviceType}`;
  const when = formatLocalDate(task.appointmentDate);
  const time =
    task.appointmentStart && task.appointmentEnd
      ? `, ${formatTimeRange(task.appointmentStart, task.appointmentEnd, task.site.timeZone)}`
      : '';
  return `${number} · ${when}${time}`;
}
