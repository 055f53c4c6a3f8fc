// Tenant-isolation cases for the technicians router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const techniciansCases: IsolationCases = {
  'technicians.list': { kind: 'staff', scopedInput: () => ({ includeInactive: true }) },
  'technicians.create': {
    kind: 'staff',
    scopedInput: () => ({ name: 'Isa Isolation', phone: '512 555 0188' }),
  },
  'technicians.update': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.technician.id, version: 1, name: 'Taken over' }),
  },
  'technicians.deactivate': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.technician.id, version: 1 }),
  },
  'technicians.activate': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.technician.id, version: 1 }),
  },
};
