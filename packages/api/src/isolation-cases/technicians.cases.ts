// Tenant-isolation cases for the technicians router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const techniciansCases: IsolationCases = {};
