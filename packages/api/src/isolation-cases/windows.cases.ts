// Tenant-isolation cases for the windows router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const windowsCases: IsolationCases = {};
