// Tenant-isolation cases for the audit view (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const auditCases: IsolationCases = {
  'audit.list': { kind: 'admin', scopedInput: () => ({ limit: 200 }) },
};
