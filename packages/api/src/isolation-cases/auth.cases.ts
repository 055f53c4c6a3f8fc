// Tenant-isolation cases for the auth router (one per procedure, keyed by its path).
// signIn and signOut are public: which organization a sign-in opens is covered by routers/auth.int.test.ts.
import type { IsolationCases } from './types';

export const authCases: IsolationCases = {
  'auth.signIn': { kind: 'public' },
  'auth.signOut': { kind: 'public' },
  'auth.me': { kind: 'staff', scopedInput: () => undefined },
  // Public: the token alone names the invitation (no organization in the input); dead links, expiry and reuse
  // are covered by packages/jobs/src/handlers/staff-invite.int.test.ts.
  'auth.staffInvite': { kind: 'public' },
  'auth.acceptStaffInvite': { kind: 'public' },
};
