// Tenant-isolation cases for the contacts router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const contactsCases: IsolationCases = {};
