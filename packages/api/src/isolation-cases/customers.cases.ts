// Tenant-isolation cases for the customers router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const customersCases: IsolationCases = {};
