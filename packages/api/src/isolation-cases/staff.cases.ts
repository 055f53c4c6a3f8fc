// Tenant-isolation cases for the staff router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const staffCases: IsolationCases = {
  'staff.list': { kind: 'admin', scopedInput: () => ({}) },
  'staff.create': {
    kind: 'admin',
    // Creates a user in the caller's own organization; nothing of the foreign one may change or show.
    scopedInput: () => ({
      email: `new-${crypto.randomUUID()}@example.test`,
      name: 'New Dispatcher',
      role: 'dispatcher',
      password: 'correct horse battery',
    }),
  },
  'staff.update': {
    kind: 'admin',
    foreignInput: ({ foreign }) => ({
      id: foreign.dispatcher.id,
      version: 1,
      name: 'Renamed',
      role: 'admin',
    }),
  },
  'staff.setStatus': {
    kind: 'admin',
    foreignInput: ({ foreign }) => ({ id: foreign.dispatcher.id, version: 1, status: 'disabled' }),
  },
};
