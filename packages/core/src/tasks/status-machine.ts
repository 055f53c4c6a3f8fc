// The task status machine: the one place that decides which action may happen to a task in which status,
// and what status follows. Every write that touches a task asks it first (nextStatus), and UIs ask it what
// to offer (allowedActions).
//
//   unscheduled --book--> scheduled --confirm--> confirmed --en_route--> en_route --start--> in_progress
//   in_progress --complete--> completed; scheduled/confirmed --reschedule--> scheduled
//   cancel / fail from any open status; completed, cancelled and failed are final.
import type { TaskAction, TaskStatus } from '@portico/validators';
import { AppError } from '../errors';

export type TaskFacts = {
  /** The task has a date and a window. */
  hasAppointment: boolean;
  hasTechnician: boolean;
  confirmationState: 'not_required' | 'pending' | 'confirmed';
};

export const openStatuses: readonly TaskStatus[] = [
  'unscheduled',
  'scheduled',
  'confirmed',
  'en_route',
  'in_progress',
];
export const finalStatuses: readonly TaskStatus[] = ['completed', 'cancelled', 'failed'];

export function isOpenStatus(status: TaskStatus): boolean {
  return openStatuses.includes(status);
}

const statusWords: Record<TaskStatus, string> = {
  unscheduled: 'unscheduled',
  scheduled: 'scheduled',
  confirmed: 'confirmed',
  en_route: 'en route',
  in_progress: 'in progress',
  completed: 'completed',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** How an action reads after "can no longer be …". */
const actionWords: Record<TaskAction, string> = {
  book: 'booked',
  reschedule: 'rescheduled',
  confirm: 'confirmed',
  assign: 'assigned to a technician',
  unassign: 'left without a technician',
  edit: 'edited',
  en_route: 'marked en route',
  start: 'started',
  complete: 'completed',
  cancel: 'cancelled',
  fail: 'marked failed',
};

type Rule = { from: readonly TaskStatus[]; to: TaskStatus | 'same' };

/** The legal moves. 'same' keeps the status (assigning, editing). */
const rules: Record<TaskAction, Rule> = {
  book: { from: ['unscheduled'], to: 'scheduled' },
  // a confirmed task that moves is no longer confirmed: the customer confirms the new window again
  reschedule: { from: ['scheduled', 'confirmed'], to: 'scheduled' },
  confirm: { from: ['scheduled'], to: 'confirmed' },
  assign: { from: openStatuses, to: 'same' },
  // the technician travelling or working cannot be removed, only replaced
  unassign: { from: ['unscheduled', 'scheduled', 'confirmed'], to: 'same' },
  edit: { from: openStatuses, to: 'same' },
  en_route: { from: ['scheduled', 'confirmed'], to: 'en_route' },
  start: { from: ['en_route'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  cancel: { from: openStatuses, to: 'cancelled' },
  fail: { from: openStatuses, to: 'failed' },
};

/** Why `action` cannot happen to a task in `status` with these facts, or null when it can. */
export function refusalReason(status: TaskStatus, action: TaskAction, facts: TaskFacts): string | null {
  const rule = rules[action];
  const is = `This task is ${statusWords[status]}`;
  if (!rule.from.includes(status)) {
    if (rule.to === status && action !== 'book') return `This task is already ${statusWords[status]}.`;
    if (finalStatuses.includes(status)) return `${is}; it can no longer be ${actionWords[action]}.`;
    switch (action) {
      case 'book':
        return status === 'scheduled' || status === 'confirmed'
          ? `${is} and already has an appointment; reschedule it instead.`
          : `${is}; it can no longer be booked.`;
      case 'reschedule':
        return status === 'unscheduled'
          ? `${is}; book a date and window for it first.`
          : `${is}; it can no longer be rescheduled.`;
      case 'confirm':
        return status === 'unscheduled'
          ? `${is}; it needs a date and window before it can be confirmed.`
          : `${is}; it can no longer be confirmed.`;
      case 'unassign':
        return `${is}; its technician can be replaced but not removed.`;
      case 'en_route':
        return status === 'unscheduled'
          ? `${is}; book a date and window before sending a technician.`
          : `${is}; it can no longer be marked en route.`;
      case 'start':
        return `${is}; mark it en route before starting it.`;
      case 'complete':
        return status === 'en_route'
          ? `${is}; start it before completing it.`
          : `${is}; it must be started before it can be completed.`;
      default:
        return `${is}; it can no longer be ${actionWords[action]}.`;
    }
  }
  if (action === 'confirm' && facts.confirmationState !== 'pending') {
    return 'This task does not wait for a confirmation.';
  }
  if (action === 'en_route') {
    if (!facts.hasAppointment)
      return 'This task has no appointment; book a date and window before sending a technician.';
    if (!facts.hasTechnician) return 'Assign a technician before marking this task en route.';
  }
  return null;
}

/** The status after `action`, or an AppError (PRECONDITION_FAILED) saying why it cannot happen. */
export function nextStatus(status: TaskStatus, action: TaskAction, facts: TaskFacts): TaskStatus {
  const reason = refusalReason(status, action, facts);
  if (reason) throw new AppError('PRECONDITION_FAILED', reason);
  const to = rules[action].to;
  return to === 'same' ? status : to;
}

const actionOrder: readonly TaskAction[] = [
  'book',
  'reschedule',
  'confirm',
  'assign',
  'unassign',
  'edit',
  'en_route',
  'start',
  'complete',
  'cancel',
  'fail',
];

/** Every action the task allows right now, for UIs to offer (unassign only when someone is assigned). */
export function allowedActions(status: TaskStatus, facts: TaskFacts): TaskAction[] {
  return actionOrder.filter(
    (action) =>
      refusalReason(status, action, facts) === null && (action !== 'unassign' || facts.hasTechnician),
  );
}
