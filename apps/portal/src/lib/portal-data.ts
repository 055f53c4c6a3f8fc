// The queries every portal screen shares: the organization (branding, wording, sign-in mode) and who is signed in.
import { isUnauthorized, useTRPC, type RouterOutputs } from '@portico/api-client';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import type { PortalLabelId } from '@portico/validators/portal-labels';

export type PortalOrganization = RouterOutputs['portalAccess']['organization'];
export type PortalMe = RouterOutputs['portal']['me'];

export function useOrganization(orgSlug: string): PortalOrganization {
  const trpc = useTRPC();
  return useSuspenseQuery(trpc.portalAccess.organization.queryOptions({ orgSlug })).data;
}

/** The organization's wording for a label id (its override, or the default). */
export function useLabels(orgSlug: string): (id: PortalLabelId) => string {
  const { labels } = useOrganization(orgSlug);
  return (id) => labels[id] ?? id;
}

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signedIn'; me: PortalMe }
  | { kind: 'signedOut' }
  | { kind: 'error'; error: unknown };

/**
 * Whether this browser is signed in to this organization's portal. A session of another organization (one
 * cookie serves every portal on this host) counts as signed out here.
 */
export function useSession(orgSlug: string): SessionState {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.portal.me.queryOptions(), retry: false });
  if (me.isPending) return { kind: 'loading' };
  if (me.isError)
    return isUnauthorized(me.error) || isForbidden(me.error)
      ? { kind: 'signedOut' }
      : { kind: 'error', error: me.error };
  if (me.data.organization.slug !== orgSlug) return { kind: 'signedOut' };
  return { kind: 'signedIn', me: me.data };
}

function isForbidden(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'data' in error &&
    (error as { data?: { code?: string } }).data?.code === 'FORBIDDEN'
  );
}
