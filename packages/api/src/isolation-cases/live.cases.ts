// Tenant-isolation cases for the live router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const liveCases: IsolationCases = {};
