// Tenant-isolation cases for the sites router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const sitesCases: IsolationCases = {
  'sites.list': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ customerId: foreign.customer.id }),
    scopedInput: () => ({ includeArchived: true }),
  },
  'sites.get': { kind: 'staff', foreignInput: ({ foreign }) => ({ id: foreign.site.id }) },
  'sites.create': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({
      customerId: foreign.customer.id,
      addressLine1: '9 Elsewhere Rd',
      city: 'Austin',
      country: 'US',
      timeZone: 'America/Chicago',
      primaryContactId: foreign.primaryContact.id,
    }),
  },
  'sites.update': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.site.id, version: 1, city: 'Elsewhere' }),
  },
  // The foreign site has open tasks: NOT_FOUND must win over the open-task refusal.
  'sites.archive': { kind: 'staff', foreignInput: ({ foreign }) => ({ id: foreign.site.id, version: 1 }) },
  'sites.restore': { kind: 'staff', foreignInput: ({ foreign }) => ({ id: foreign.site.id, version: 1 }) },
};
