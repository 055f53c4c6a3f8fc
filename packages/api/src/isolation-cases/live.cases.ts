// Tenant-isolation cases for the live router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const liveCases: IsolationCases = {
  // A subscription called through createCaller answers with its (not yet started) event stream, so this
  // case checks the role refusals (anonymous, portal user) and that subscribing changes nothing. That the
  // stream carries only the caller's organization's events needs PostgreSQL NOTIFY and a real SSE client:
  // apps/server/src/live.int.test.ts checks it over HTTP with subscribers of two organizations.
  'live.events': { kind: 'staff', scopedInput: () => undefined },
};
