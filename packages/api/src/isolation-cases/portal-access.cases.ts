// Tenant-isolation cases for portal access (public procedures; which organization a link or code opens is
// covered by routers/portal-access.int.test.ts).
import type { IsolationCases } from './types';

export const portalAccessCases: IsolationCases = {
  'portalAccess.organization': { kind: 'public' },
  'portalAccess.inspectLink': { kind: 'public' },
  'portalAccess.continueWithLink': { kind: 'public' },
  'portalAccess.sendCode': { kind: 'public' },
  'portalAccess.verifyCode': { kind: 'public' },
  'portalAccess.requestAccess': { kind: 'public' },
  'portalAccess.signOut': { kind: 'public' },
};
