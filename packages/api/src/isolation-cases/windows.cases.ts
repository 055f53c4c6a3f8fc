// Tenant-isolation cases for the windows router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const windowsCases: IsolationCases = {
  'windows.list': { kind: 'staff', scopedInput: () => ({ includeRetired: true }) },
  'windows.create': {
    kind: 'admin',
    scopedInput: () => ({
      name: 'Evening',
      startTime: '16:00',
      endTime: '19:00',
      daysOfWeek: [1, 2, 3],
      capacityPerDay: 2,
    }),
  },
  'windows.update': {
    kind: 'admin',
    foreignInput: ({ foreign }) => ({
      id: foreign.morning.id,
      version: 1,
      name: 'Taken over',
      capacityPerDay: 1,
    }),
  },
  'windows.retire': {
    kind: 'admin',
    foreignInput: ({ foreign }) => ({ id: foreign.afternoon.id, version: 1 }),
  },
  'windows.availability': {
    kind: 'staff',
    // the foreign site's time zone must not be readable
    foreignInput: ({ foreign }) => ({ from: '2026-03-09', to: '2026-03-15', siteId: foreign.site.id }),
    scopedInput: ({ own }) => ({ from: '2030-03-04', to: '2030-03-10', siteId: own.site.id }),
  },
};
