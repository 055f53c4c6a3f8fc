// Tenant-isolation cases for the portalUsers router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const portalUsersCases: IsolationCases = {};
