import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '@portico/validators';
import { buildTimeline, type TimelineInput } from './build-timeline';

const changed = new Date('2026-03-05T10:00:00Z');
const booked = new Date('2026-03-02T15:00:00Z');
const confirmed = new Date('2026-03-03T09:00:00Z');

const base: TimelineInput = {
  status: 'scheduled',
  confirmationFlow: false,
  confirmationState: 'not_required',
  confirmedAt: null,
  hasAppointment: true,
  statusChangedAt: changed,
  reachedAt: new Map(),
};

const shape = (input: Partial<TimelineInput>) =>
  buildTimeline({ ...base, ...input }).map((s) => `${s.status}:${s.state}`);

describe('buildTimeline', () => {
  it('shows the confirmation step only when the flow is on or the task was confirmed', () => {
    expect(shape({})).toEqual([
      'scheduled:current',
      'en_route:upcoming',
      'in_progress:upcoming',
      'completed:upcoming',
    ]);
    expect(shape({ confirmationFlow: true, confirmationState: 'pending' })).toEqual([
      'scheduled:current',
      'confirmed:upcoming',
      'en_route:upcoming',
      'in_progress:upcoming',
      'completed:upcoming',
    ]);
    // sent on its way without a confirmation: no confirmed step pretending to be done
    expect(shape({ status: 'en_route', confirmationFlow: true, confirmationState: 'pending' })).toEqual([
      'scheduled:done',
      'en_route:current',
      'in_progress:upcoming',
      'completed:upcoming',
    ]);
    expect(
      shape({ status: 'en_route', confirmationState: 'confirmed', confirmedAt: confirmed }).slice(0, 3),
    ).toEqual(['scheduled:done', 'confirmed:done', 'en_route:current']);
  });

  it('leaves every step upcoming while unscheduled, and every step done once completed', () => {
    expect(
      shape({ status: 'unscheduled', hasAppointment: false }).every((s) => s.endsWith(':upcoming')),
    ).toBe(true);
    expect(shape({ status: 'completed' }).every((s) => s.endsWith(':done'))).toBe(true);
  });

  it('ends a cancelled or failed task with that step as current, after the steps it reached', () => {
    expect(shape({ status: 'cancelled', hasAppointment: false })).toEqual(['cancelled:current']);
    expect(shape({ status: 'cancelled' })).toEqual(['scheduled:done', 'cancelled:current']);
    expect(
      shape({
        status: 'failed',
        confirmationState: 'confirmed',
        confirmedAt: confirmed,
        reachedAt: new Map<TaskStatus, Date>([['en_route', changed]]),
      }),
    ).toEqual(['scheduled:done', 'confirmed:done', 'en_route:done', 'failed:current']);
  });

  it('dates steps from the audit trail, else the current step from statusChangedAt', () => {
    const steps = buildTimeline({
      ...base,
      status: 'confirmed',
      confirmationFlow: true,
      confirmationState: 'confirmed',
      confirmedAt: confirmed,
      reachedAt: new Map<TaskStatus, Date>([['scheduled', booked]]),
    });
    expect(steps.map((s) => [s.status, s.at])).toEqual([
      ['scheduled', booked],
      ['confirmed', changed],
      ['en_route', null],
      ['in_progress', null],
      ['completed', null],
    ]);
    expect(buildTimeline({ ...base, status: 'in_progress' })[0]!.at).toBeNull();
  });
});
