// Tenant-isolation cases for the dispatch router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const dispatchCases: IsolationCases = {
  'dispatch.board': {
    kind: 'staff',
    // the fixture's scheduled task is on 2026-03-10: a week around it holds both organizations' bookings
    scopedInput: () => ({ date: '2026-03-08', days: 7 }),
  },
  'dispatch.place': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({
      taskId: foreign.unscheduledTask.id,
      version: foreign.unscheduledTask.version,
      technicianId: foreign.technician.id,
      date: '2030-03-12',
      windowId: foreign.morning.id,
    }),
    validInput: ({ own }) => ({
      taskId: own.unscheduledTask.id,
      version: own.unscheduledTask.version,
      technicianId: own.technician.id,
      date: '2030-03-12',
      windowId: own.morning.id,
    }),
  },
};
