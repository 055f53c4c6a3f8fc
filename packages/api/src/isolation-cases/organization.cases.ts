// Tenant-isolation cases for the organization router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

/** A real 1×1 PNG. */
const tinyPngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

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
  'organization.uploadLogo': {
    kind: 'admin',
    scopedInput: ({ own }) => ({ version: own.org.version, fileName: 'logo.png', dataBase64: tinyPngBase64 }),
  },
  'organization.removeLogo': {
    kind: 'admin',
    scopedInput: ({ own }) => ({ version: own.org.version }),
  },
};
