// Tenant-isolation cases for the dispatch router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const dispatchCases: IsolationCases = {};
