// Tenant-isolation cases for the sites router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const sitesCases: IsolationCases = {};
