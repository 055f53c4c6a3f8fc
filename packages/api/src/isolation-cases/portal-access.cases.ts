// Tenant-isolation cases for portal access: public procedures, each naming its organization by the portal
// address. Which organization a link or code opens, and that another organization's links, codes and browsers
// open nothing, is covered by routers/portal-access.int.test.ts; here the calls that succeed without a sign-in
// in progress show they answer nothing of another organization and change nothing there.
import type { IsolationCases } from './types';

export const portalAccessCases: IsolationCases = {
  'portalAccess.organization': {
    kind: 'public',
    scopedInput: ({ own }) => ({ orgSlug: own.org.slug }),
  },
  'portalAccess.inspectLink': {
    kind: 'public',
    scopedInput: ({ own }) => ({ orgSlug: own.org.slug, token: 'a'.repeat(32) }),
  },
  'portalAccess.continueWithLink': { kind: 'public' },
  'portalAccess.sendCode': { kind: 'public' },
  'portalAccess.verifyCode': { kind: 'public' },
  // The other organization's contact, asked for at this organization's address: nothing happens over there.
  'portalAccess.requestAccess': {
    kind: 'public',
    scopedInput: ({ own, foreign }) => ({ orgSlug: own.org.slug, contact: foreign.secondaryContact.email }),
  },
  'portalAccess.signOut': { kind: 'public', scopedInput: () => undefined },
};
