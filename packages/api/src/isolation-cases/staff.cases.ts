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
  'staff.invite': {
    kind: 'admin',
    // Invites into the caller's own organization; the foreign one gets no user, no job and no email.
    scopedInput: () => ({
      email: `invited-${crypto.randomUUID()}@example.test`,
      name: 'New Invitee',
      role: 'dispatcher',
    }),
  },
  'staff.resendInvite': {
    kind: 'admin',
    // Another organization's user is not found (before their status is looked at); the staff-invite test
    // (packages/jobs/src/handlers/staff-invite.int.test.ts) repeats this with a foreign user still invited.
    foreignInput: ({ foreign }) => ({ id: foreign.dispatcher.id }),
  },
};
