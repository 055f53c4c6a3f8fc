import { describe, expect, it } from 'vitest';
import { checkApplicability, notificationIdempotencyKey, planFanOut, type FanOutContact } from './fan-out';
import { reminderDueAt } from './reminders';

const pat: FanOutContact = {
  id: 'c-pat',
  name: 'Pat Primary',
  phone: '+15125550142',
  email: 'pat@example.test',
  smsOptOut: false,
  archivedAt: null,
};
const sam: FanOutContact = {
  id: 'c-sam',
  name: 'Sam Second',
  phone: null,
  email: 'sam@example.test',
  smsOptOut: false,
  archivedAt: null,
};

describe('planFanOut', () => {
  it('sends to the primary and the secondary contact over both channels, skipping what a contact lacks', () => {
    const planned = planFanOut({
      type: 'booking_invite',
      setting: { enabled: true, method: 'both' },
      primary: pat,
      secondary: sam,
    });
    expect(planned).toEqual([
      { contactId: 'c-pat', channel: 'sms', recipient: '+15125550142', skipReason: null },
      { contactId: 'c-pat', channel: 'email', recipient: 'pat@example.test', skipReason: null },
      {
        contactId: 'c-sam',
        channel: 'sms',
        recipient: null,
        skipReason: 'Sam Second has no phone number for SMS.',
      },
      { contactId: 'c-sam', channel: 'email', recipient: 'sam@example.test', skipReason: null },
    ]);
  });

  it('follows the delivery method and says why a type turned off sends nothing', () => {
    expect(
      planFanOut({
        type: 'reminder_24h',
        setting: { enabled: true, method: 'email' },
        primary: pat,
        secondary: null,
      }),
    ).toEqual([{ contactId: 'c-pat', channel: 'email', recipient: 'pat@example.test', skipReason: null }]);
    const off = planFanOut({
      type: 'reminder_24h',
      setting: { enabled: false, method: 'sms' },
      primary: pat,
      secondary: sam,
    });
    expect(off.map((p) => p.skipReason)).toEqual([
      '24-hour reminders are turned off in the notification settings.',
      '24-hour reminders are turned off in the notification settings.',
    ]);
  });

  it('skips an SMS opt-out, an archived contact, a disabled portal user (invites) and a site without contact', () => {
    const optedOut = planFanOut({
      type: 'booking_confirmation',
      setting: { enabled: true, method: 'sms' },
      primary: { ...pat, smsOptOut: true },
      secondary: { ...sam, phone: '+15125550199', archivedAt: new Date() },
    });
    expect(optedOut.map((p) => p.skipReason)).toEqual([
      'Pat Primary opted out of SMS.',
      "Sam Second's contact record is archived.",
    ]);
    const disabled = planFanOut({
      type: 'booking_invite',
      setting: { enabled: true, method: 'email' },
      primary: { ...pat, portalDisabled: true },
      secondary: null,
    });
    expect(disabled[0]?.skipReason).toBe(
      "Pat Primary's portal access is disabled, so no invite link was sent.",
    );
    const nobody = planFanOut({
      type: 'task_completed',
      setting: { enabled: true, method: 'both' },
      primary: null,
      secondary: null,
    });
    expect(nobody).toHaveLength(2);
    expect(nobody.every((p) => p.skipReason === 'The site has no primary contact to notify.')).toBe(true);
  });

  it('limits a re-send to one contact and one channel, whatever the method says now', () => {
    const planned = planFanOut({
      type: 'booking_confirmation',
      setting: { enabled: true, method: 'sms' },
      primary: pat,
      secondary: sam,
      onlyChannel: 'email',
      onlyContactId: 'c-sam',
    });
    expect(planned).toEqual([
      { contactId: 'c-sam', channel: 'email', recipient: 'sam@example.test', skipReason: null },
    ]);
  });

  it('does not notify the same person twice when both contact slots name them', () => {
    const planned = planFanOut({
      type: 'task_completed',
      setting: { enabled: true, method: 'email' },
      primary: pat,
      secondary: pat,
    });
    expect(planned).toHaveLength(1);
  });
});

describe('notificationIdempotencyKey', () => {
  it('names task, type, appointment version, channel and recipient, plus a re-send suffix', () => {
    const base = {
      taskId: 't1',
      type: 'reminder_24h' as const,
      appointmentVersion: 3,
      channel: 'sms' as const,
    };
    expect(notificationIdempotencyKey({ ...base, contactId: 'c1' })).toBe('t1:reminder_24h:v3:sms:c1');
    expect(notificationIdempotencyKey({ ...base, contactId: 'c1', suffix: 'resend:l9' })).toBe(
      't1:reminder_24h:v3:sms:c1:resend:l9',
    );
    expect(notificationIdempotencyKey({ ...base, contactId: null })).toBe('t1:reminder_24h:v3:sms:none');
  });
});

describe('checkApplicability', () => {
  const now = new Date('2026-03-09T12:00:00Z');
  const task = {
    status: 'scheduled',
    appointmentVersion: 2,
    appointmentStart: new Date('2026-03-10T13:00:00Z'),
  };

  it('lets a reminder of the current appointment through and supersedes one of an older version quietly', () => {
    expect(checkApplicability({ type: 'reminder_24h', appointmentVersion: 2, task, now })).toEqual({
      applies: true,
    });
    expect(checkApplicability({ type: 'reminder_24h', appointmentVersion: 1, task, now })).toMatchObject({
      applies: false,
      isWorthLogging: false,
    });
  });

  it('says so when a reminder fell due after the visit started', () => {
    const late = checkApplicability({
      type: 'reminder_24h',
      appointmentVersion: 2,
      task,
      now: new Date('2026-03-10T14:00:00Z'),
    });
    expect(late).toMatchObject({ applies: false, isWorthLogging: true });
  });

  it('sends nothing but the completion message about a closed task', () => {
    const cancelled = { ...task, status: 'cancelled' };
    expect(
      checkApplicability({ type: 'booking_invite', appointmentVersion: 2, task: cancelled, now }),
    ).toEqual({
      applies: false,
      reason: 'The task was cancelled before this was sent.',
      isWorthLogging: false,
    });
    const completed = { ...task, status: 'completed' };
    expect(
      checkApplicability({ type: 'task_completed', appointmentVersion: 2, task: completed, now }),
    ).toEqual({
      applies: true,
    });
    expect(
      checkApplicability({ type: 'reminder_24h', appointmentVersion: 2, task: completed, now }).applies,
    ).toBe(false);
  });

  it('does not hold an invite or an en-route message to the appointment version', () => {
    expect(checkApplicability({ type: 'booking_invite', appointmentVersion: 0, task, now }).applies).toBe(
      true,
    );
    const enRoute = { ...task, status: 'en_route' };
    expect(
      checkApplicability({ type: 'technician_en_route', appointmentVersion: 1, task: enRoute, now }).applies,
    ).toBe(true);
  });
});

describe('reminderDueAt', () => {
  it('is 24 hours before the window starts', () => {
    expect(reminderDueAt(new Date('2026-03-10T13:00:00Z'), 'America/Chicago').toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
  });

  it('keeps the wall-clock time in the site time zone across a DST change (23 hours ahead in spring)', () => {
    // 08:00 CDT on Sunday 2026-03-08 (clocks went forward at 02:00): the reminder is 08:00 CST on Saturday
    expect(reminderDueAt(new Date('2026-03-08T13:00:00Z'), 'America/Chicago').toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
  });
});
