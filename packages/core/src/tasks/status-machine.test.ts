import { taskActions, taskStatuses, type TaskAction, type TaskStatus } from '@portico/validators';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { allowedActions, nextStatus, refusalReason, type TaskFacts } from './status-machine';

/** A booked task with a technician, waiting for nothing. */
const ready: TaskFacts = { hasAppointment: true, hasTechnician: true, confirmationState: 'not_required' };

// The whole machine: status × action → the next status, or '-' when refused (facts: `ready`, except that
// unscheduled tasks have no appointment and confirm needs a pending confirmation, tested separately).
const table: Record<TaskStatus, Record<TaskAction, TaskStatus | '-'>> = {
  unscheduled: {
    book: 'scheduled',
    reschedule: '-',
    confirm: '-',
    assign: 'unscheduled',
    unassign: 'unscheduled',
    edit: 'unscheduled',
    en_route: '-',
    start: '-',
    complete: '-',
    cancel: 'cancelled',
    fail: 'failed',
  },
  scheduled: {
    book: '-',
    reschedule: 'scheduled',
    confirm: '-', // nothing pending with `ready`; see below
    assign: 'scheduled',
    unassign: 'scheduled',
    edit: 'scheduled',
    en_route: 'en_route',
    start: '-',
    complete: '-',
    cancel: 'cancelled',
    fail: 'failed',
  },
  confirmed: {
    book: '-',
    reschedule: 'scheduled',
    confirm: '-',
    assign: 'confirmed',
    unassign: 'confirmed',
    edit: 'confirmed',
    en_route: 'en_route',
    start: '-',
    complete: '-',
    cancel: 'cancelled',
    fail: 'failed',
  },
  en_route: {
    book: '-',
    reschedule: '-',
    confirm: '-',
    assign: 'en_route',
    unassign: '-',
    edit: 'en_route',
    en_route: '-',
    start: 'in_progress',
    complete: '-',
    cancel: 'cancelled',
    fail: 'failed',
  },
  in_progress: {
    book: '-',
    reschedule: '-',
    confirm: '-',
    assign: 'in_progress',
    unassign: '-',
    edit: 'in_progress',
    en_route: '-',
    start: '-',
    complete: 'completed',
    cancel: 'cancelled',
    fail: 'failed',
  },
  completed: {
    book: '-',
    reschedule: '-',
    confirm: '-',
    assign: '-',
    unassign: '-',
    edit: '-',
    en_route: '-',
    start: '-',
    complete: '-',
    cancel: '-',
    fail: '-',
  },
  cancelled: {
    book: '-',
    reschedule: '-',
    confirm: '-',
    assign: '-',
    unassign: '-',
    edit: '-',
    en_route: '-',
    start: '-',
    complete: '-',
    cancel: '-',
    fail: '-',
  },
  failed: {
    book: '-',
    reschedule: '-',
    confirm: '-',
    assign: '-',
    unassign: '-',
    edit: '-',
    en_route: '-',
    start: '-',
    complete: '-',
    cancel: '-',
    fail: '-',
  },
};

function factsFor(status: TaskStatus): TaskFacts {
  return status === 'unscheduled' ? { ...ready, hasAppointment: false } : ready;
}

function attempt(status: TaskStatus, action: TaskAction, facts: TaskFacts): TaskStatus | AppError {
  try {
    return nextStatus(status, action, facts);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('the task status machine', () => {
  it('covers every status and action', () => {
    expect(Object.keys(table).sort()).toEqual([...taskStatuses].sort());
    for (const status of taskStatuses)
      expect(Object.keys(table[status]).sort()).toEqual([...taskActions].sort());
  });

  for (const status of taskStatuses) {
    for (const action of taskActions) {
      const expected = table[status][action];
      it(`${status} + ${action} → ${expected === '-' ? 'refused' : expected}`, () => {
        const result = attempt(status, action, factsFor(status));
        if (expected === '-') {
          expect(result).toBeInstanceOf(AppError);
          const error = result as AppError;
          expect(error.code).toBe('PRECONDITION_FAILED');
          expect(error.message).toMatch(/^(This task|Assign)/);
          expect(allowedActions(status, factsFor(status))).not.toContain(action);
        } else {
          expect(result).toBe(expected);
          expect(allowedActions(status, factsFor(status))).toContain(action);
        }
      });
    }
  }

  it('says plainly why a final task cannot move', () => {
    expect(refusalReason('completed', 'start', ready)).toBe(
      'This task is completed; it can no longer be started.',
    );
    expect(refusalReason('cancelled', 'reschedule', ready)).toBe(
      'This task is cancelled; it can no longer be rescheduled.',
    );
    expect(refusalReason('failed', 'assign', ready)).toBe(
      'This task is failed; it can no longer be assigned to a technician.',
    );
  });

  it('says what to do first when an open task is asked to skip a step', () => {
    expect(refusalReason('scheduled', 'start', ready)).toBe(
      'This task is scheduled; mark it en route before starting it.',
    );
    expect(refusalReason('en_route', 'complete', ready)).toBe(
      'This task is en route; start it before completing it.',
    );
    expect(refusalReason('unscheduled', 'en_route', factsFor('unscheduled'))).toBe(
      'This task is unscheduled; book a date and window before sending a technician.',
    );
    expect(refusalReason('in_progress', 'start', ready)).toBe('This task is already in progress.');
    expect(refusalReason('scheduled', 'book', ready)).toBe(
      'This task is scheduled and already has an appointment; reschedule it instead.',
    );
    expect(refusalReason('en_route', 'unassign', ready)).toBe(
      'This task is en route; its technician can be replaced but not removed.',
    );
  });

  it('needs a technician and an appointment to go en route', () => {
    const noTechnician = { ...ready, hasTechnician: false };
    expect(() => nextStatus('scheduled', 'en_route', noTechnician)).toThrow(
      'Assign a technician before marking this task en route.',
    );
    expect(allowedActions('confirmed', noTechnician)).not.toContain('en_route');
    expect(() => nextStatus('scheduled', 'en_route', { ...ready, hasAppointment: false })).toThrow(
      /no appointment/,
    );
  });

  it('confirms only a scheduled task whose confirmation is pending', () => {
    const pending: TaskFacts = { ...ready, confirmationState: 'pending' };
    expect(nextStatus('scheduled', 'confirm', pending)).toBe('confirmed');
    expect(allowedActions('scheduled', pending)).toContain('confirm');
    expect(() => nextStatus('scheduled', 'confirm', ready)).toThrow(
      'This task does not wait for a confirmation.',
    );
    expect(() => nextStatus('confirmed', 'confirm', { ...ready, confirmationState: 'confirmed' })).toThrow(
      'This task is already confirmed.',
    );
  });

  it('offers unassign only when a technician is assigned', () => {
    expect(allowedActions('scheduled', ready)).toContain('unassign');
    expect(allowedActions('scheduled', { ...ready, hasTechnician: false })).not.toContain('unassign');
  });

  it('lists the actions of a typical task in a stable order', () => {
    expect(allowedActions('unscheduled', { ...ready, hasAppointment: false, hasTechnician: false })).toEqual([
      'book',
      'assign',
      'edit',
      'cancel',
      'fail',
    ]);
    expect(allowedActions('en_route', ready)).toEqual(['assign', 'edit', 'start', 'cancel', 'fail']);
    expect(allowedActions('completed', ready)).toEqual([]);
  });
});
