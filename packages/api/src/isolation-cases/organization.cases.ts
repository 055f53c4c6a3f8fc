// Tenant-isolation cases for the organization router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const organizationCases: IsolationCases = {
  'organization.get': { kind: 'staff', scopedInput: () => undefined },
  'organization.update': {
    kind: 'admin',
    scopedInput: ({ own }) => ({
      version: own.org.version,
      name: 'Renamed Heating Co',
      primaryColor: '#112233',
    }),
  },
};
