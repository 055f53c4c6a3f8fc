// Tenant-isolation cases for the auth router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const authCases: IsolationCases = {};
