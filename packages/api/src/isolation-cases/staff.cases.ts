// Tenant-isolation cases for the staff router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const staffCases: IsolationCases = {};
