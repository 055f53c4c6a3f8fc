// The contact invariant: reachable by phone or email, and over the channel they prefer.
import { AppError } from '../errors';

export function assertContactReachable(
  contact: { phone: string | null; email: string | null; preferredChannel: 'sms' | 'email' },
  fieldPrefix = '',
): void {
  if (!contact.phone && !contact.email) {
    throw new AppError('BAD_REQUEST', 'Add a phone number or an email address.', {
      field: `${fieldPrefix}phone`,
    });
  }
  if (contact.preferredChannel === 'sms' && !contact.phone) {
    throw new AppError('BAD_REQUEST', 'SMS needs a phone number: add one or prefer email.', {
      field: `${fieldPrefix}preferredChannel`,
    });
  }
  if (contact.preferredChannel === 'email' && !contact.email) {
    throw new AppError('BAD_REQUEST', 'Email needs an email address: add one or prefer SMS.', {
      field: `${fieldPrefix}preferredChannel`,
    });
  }
}
