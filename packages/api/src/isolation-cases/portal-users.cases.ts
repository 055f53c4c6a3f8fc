// Tenant-isolation cases for the portalUsers router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const portalUsersCases: IsolationCases = {
  'portalUsers.list': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ customerId: foreign.customer.id }),
    scopedInput: () => ({}),
  },
  'portalUsers.create': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ contactId: foreign.secondaryContact.id, role: 'contact' }),
  },
  'portalUsers.setRole': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.portalUser.id, version: 1, role: 'account_admin' }),
  },
  'portalUsers.invite': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.portalUser.id }),
  },
  'portalUsers.setStatus': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.portalUser.id, version: 1, status: 'disabled' }),
  },
};
