// Tenant-isolation cases for the tasks router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const tasksCases: IsolationCases = {};
