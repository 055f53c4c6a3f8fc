// The appointment's status as the customer's timeline: scheduled, (confirmed), en route, in progress, completed,
// or the steps reached followed by cancelled/failed. Pure: the caller passes what the audit trail says.
import type { TaskStatus } from '@portico/validators';

export type TimelineStatus = Exclude<TaskStatus, 'unscheduled'>;
export type TimelineStep = {
  status: TimelineStatus;
  state: 'done' | 'current' | 'upcoming';
  at: Date | null;
};

export type TimelineInput = {
  status: TaskStatus;
  confirmationFlow: boolean;
  confirmationState: 'not_required' | 'pending' | 'confirmed';
  confirmedAt: Date | null;
  hasAppointment: boolean;
  statusChangedAt: Date;
  /** When the task last moved into each status, from the audit trail (may be empty: older or imported tasks). */
  reachedAt: ReadonlyMap<TaskStatus, Date>;
};

const awaitingConfirmation: readonly TaskStatus[] = ['unscheduled', 'scheduled', 'confirmed'];

export function buildTimeline(input: TimelineInput): TimelineStep[] {
  const wasConfirmed =
    input.confirmationState === 'confirmed' || input.confirmedAt !== null || input.reachedAt.has('confirmed');
  // a task that went on its way without a confirmation does not show one as done
  const showsConfirmed =
    wasConfirmed || (input.confirmationFlow && awaitingConfirmation.includes(input.status));
  const steps: TimelineStatus[] = [
    'scheduled',
    ...(showsConfirmed ? (['confirmed'] as const) : []),
    'en_route',
    'in_progress',
    'completed',
  ];
  const at = (status: TimelineStatus): Date | null =>
    input.reachedAt.get(status) ??
    (status === input.status ? input.statusChangedAt : null) ??
    (status === 'confirmed' ? input.confirmedAt : null);

  if (input.status === 'cancelled' || input.status === 'failed') {
    const reached = (status: TimelineStatus) =>
      input.reachedAt.has(status) ||
      (status === 'scheduled' && input.hasAppointment) ||
      (status === 'confirmed' && wasConfirmed);
    return [
      ...steps.filter(reached).map((status): TimelineStep => ({ status, state: 'done', at: at(status) })),
      { status: input.status, state: 'current', at: at(input.status) },
    ];
  }
  if (input.status === 'unscheduled') {
    return steps.map((status) => ({ status, state: 'upcoming', at: null }));
  }
  if (input.status === 'completed') {
    return steps.map((status) => ({ status, state: 'done', at: at(status) }));
  }
  const current = steps.indexOf(input.status);
  return steps.map((status, index) => {
    if (index < current) return { status, state: 'done', at: at(status) };
    if (index === current) return { status, state: 'current', at: at(status) };
    return { status, state: 'upcoming', at: null };
  });
}
