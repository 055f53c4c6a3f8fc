// Tenant-isolation cases for the contacts router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const contactsCases: IsolationCases = {
  'contacts.list': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ customerId: foreign.customer.id }),
    scopedInput: ({ own }) => ({ customerId: own.customer.id, includeArchived: true }),
  },
  'contacts.create': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({
      customerId: foreign.customer.id,
      name: 'Intruder',
      phone: '+1 512 555 0199',
      preferredChannel: 'sms',
    }),
  },
  'contacts.update': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.primaryContact.id, version: 1, name: 'Taken over' }),
  },
  'contacts.archive': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.secondaryContact.id, version: 1 }),
  },
  'contacts.restore': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.secondaryContact.id, version: 1 }),
  },
};
