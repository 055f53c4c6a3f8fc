import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../custom-fields/field-rules';
import { checkConfirmation, describeBooking, localTime } from './appointment-view';
import { formatPhoneForPeople } from './portal-wording';

const start = new Date('2026-03-10T13:00:00Z');
const org = { rescheduleCutoffHours: 24, officePhone: '+15125550100' };

describe('describeBooking', () => {
  it('allows a change until the start minus the cut-off, then explains and gives the phone', () => {
    const booked = { status: 'scheduled' as const, appointmentStart: start };
    const cutoffAt = new Date('2026-03-09T13:00:00Z');
    expect(describeBooking(booked, org, new Date('2026-03-09T12:59:59Z'))).toEqual({
      canBook: true,
      blockedReason: null,
      cutoffAt,
      cutoffHours: 24,
    });
    expect(describeBooking(booked, org, cutoffAt)).toEqual({
      canBook: false,
      blockedReason:
        'Changes are no longer possible online this close to your appointment. Call us at (512) 555-0100.',
      cutoffAt,
      cutoffHours: 24,
    });
    expect(describeBooking(booked, { ...org, rescheduleCutoffHours: 0 }, cutoffAt).canBook).toBe(true);
  });

  it('lets an unbooked task be booked at any time, and never a closed or under-way one', () => {
    const now = new Date('2026-03-09T12:00:00Z');
    expect(describeBooking({ status: 'unscheduled', appointmentStart: null }, org, now)).toMatchObject({
      canBook: true,
      cutoffAt: null,
    });
    expect(describeBooking({ status: 'en_route', appointmentStart: start }, org, now).blockedReason).toBe(
      'Your technician is on the way, so the time can no longer be changed online. Call us at (512) 555-0100.',
    );
    expect(
      describeBooking({ status: 'cancelled', appointmentStart: start }, { ...org, officePhone: null }, now),
    ).toMatchObject({ canBook: false, blockedReason: 'This appointment was cancelled.' });
  });
});

describe('checkConfirmation', () => {
  const gate: FieldDefinition = {
    id: 'g',
    kind: 'text',
    label: 'Gate code',
    required: true,
    options: [],
    defaultValue: null,
  };
  const flowOn = { confirmationFlow: true };
  const pending = { status: 'scheduled' as const, confirmationState: 'pending' as const };

  it('waits for a time, then for every required answer', () => {
    expect(
      checkConfirmation({ status: 'unscheduled', confirmationState: 'not_required' }, flowOn, []),
    ).toEqual({
      canConfirm: false,
      refusal: 'Pick a time first.',
      shownReason: 'Pick a time first.',
    });
    expect(checkConfirmation(pending, flowOn, [{ field: gate, answer: null }]).shownReason).toBe(
      'Answer “Gate code” to confirm.',
    );
    expect(checkConfirmation(pending, flowOn, [{ field: gate, answer: '1234' }])).toEqual({
      canConfirm: true,
      refusal: null,
      shownReason: null,
    });
  });

  it('shows no reason where there is no Confirm button, but still refuses with one', () => {
    expect(checkConfirmation(pending, { confirmationFlow: false }, [])).toEqual({
      canConfirm: false,
      refusal: 'This appointment does not need a confirmation.',
      shownReason: null,
    });
    expect(
      checkConfirmation({ status: 'confirmed', confirmationState: 'confirmed' }, flowOn, []).refusal,
    ).toBe('This appointment is already confirmed.');
  });
});

describe('formatting for people', () => {
  it('reads instants in the site zone and phone numbers the local way', () => {
    expect(localTime(start, 'America/Chicago')).toBe('08:00');
    expect(localTime(start, 'America/Denver')).toBe('07:00');
    expect(formatPhoneForPeople('+15125550100')).toBe('(512) 555-0100');
    expect(formatPhoneForPeople('+442079460018')).toBe('+44 20 7946 0018');
    expect(formatPhoneForPeople('call the office')).toBe('call the office');
  });
});
