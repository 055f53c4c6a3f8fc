// Tenant-isolation cases for the customers router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const customersCases: IsolationCases = {
  'customers.list': { kind: 'staff', scopedInput: () => ({ search: 'Acme', includeArchived: true }) },
  'customers.get': { kind: 'staff', foreignInput: ({ foreign }) => ({ id: foreign.customer.id }) },
  'customers.create': {
    kind: 'staff',
    scopedInput: () => ({
      name: 'Isolation Diner',
      kind: 'company',
      contact: { name: 'Ina Inline', phone: '512 555 0177', preferredChannel: 'sms' },
      site: { addressLine1: '1 Main St', city: 'Austin', country: 'US', timeZone: 'America/Chicago' },
    }),
  },
  'customers.update': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.customer.id, version: 1, name: 'Taken over' }),
  },
  'customers.archive': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.customer.id, version: 1 }),
  },
  'customers.restore': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.customer.id, version: 1 }),
  },
};
