// Tenant-isolation cases for the organization router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const organizationCases: IsolationCases = {};
