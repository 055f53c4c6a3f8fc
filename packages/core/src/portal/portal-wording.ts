// The sentences the portal shows a customer when something cannot be done online, in one place so the page's
// explanation and the refusal of the same action always read the same.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { TaskStatus } from '@portico/validators';

/** "(704) 555-0100" for North American numbers, "+44 20 7946 0018" for others, as stored when unparsable. */
export function formatPhoneForPeople(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed) return phone;
  return parsed.countryCallingCode === '1' ? parsed.formatNational() : parsed.formatInternational();
}

/** " Call us at (704) 555-0100." or, without a number on file, " Please call our office." */
export function callUs(phone: string | null): string {
  return phone ? ` Call us at ${formatPhoneForPeople(phone)}.` : ' Please call our office.';
}

export function afterCutoffReason(officePhone: string | null): string {
  return `Changes are no longer possible online this close to your appointment.${callUs(officePhone)}`;
}

/** Why the time of an appointment in `status` cannot be picked or changed, or null when it can. */
export function statusBlocksBooking(status: TaskStatus, officePhone: string | null): string | null {
  switch (status) {
    case 'en_route':
      return `Your technician is on the way, so the time can no longer be changed online.${callUs(officePhone)}`;
    case 'in_progress':
      return 'Your technician is already working on this appointment.';
    case 'completed':
      return 'This appointment is complete.';
    case 'cancelled':
      return 'This appointment was cancelled.';
    case 'failed':
      return `This appointment was closed.${callUs(officePhone)}`;
    default:
      return null;
  }
}

/** Why answers of an appointment in `status` can no longer change, or null when they can. */
export function statusBlocksAnswers(status: TaskStatus): string | null {
  switch (status) {
    case 'completed':
      return 'This appointment is complete; its answers can no longer be changed.';
    case 'cancelled':
      return 'This appointment was cancelled; its answers can no longer be changed.';
    case 'failed':
      return 'This appointment was closed; its answers can no longer be changed.';
    default:
      return null;
  }
}

/**
 * Why an appointment in `status` cannot be cancelled online, or null. Once the technician is on the way the
 * office must know at once (they may be at the door), so the customer is sent to the phone instead.
 */
export function statusBlocksCancel(status: TaskStatus, officePhone: string | null): string | null {
  switch (status) {
    case 'en_route':
      return `Your technician is already on the way, so this appointment can no longer be cancelled online.${callUs(officePhone)}`;
    case 'in_progress':
      return `Your technician is already working on this appointment.${callUs(officePhone)}`;
    case 'completed':
      return 'This appointment is complete, so it can no longer be cancelled.';
    case 'cancelled':
      return 'This appointment is already cancelled.';
    case 'failed':
      return 'This appointment was closed, so it can no longer be cancelled.';
    default:
      return null;
  }
}

export function defaultCancelMessage(mode: 'portal' | 'call'): string {
  return mode === 'call'
    ? 'To cancel this appointment, please give us a call.'
    : 'If you cancel, we release your time for another customer. You can tell us why.';
}

/** The refusal of an online cancel when the organization takes cancellations by phone. */
export function cancelByPhoneReason(message: string, phone: string | null): string {
  return phone ? `${message} Call us at ${formatPhoneForPeople(phone)}.` : message;
}

export function answerToConfirmReason(
  label: string,
  kind: 'toggle' | 'text' | 'dropdown' | 'static',
): string {
  return kind === 'toggle' ? `Turn on “${label}” to confirm.` : `Answer “${label}” to confirm.`;
}

export const pickTimeFirstReason = 'Pick a time first.';
