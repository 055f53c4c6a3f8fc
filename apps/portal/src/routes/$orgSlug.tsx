// /p/$orgSlug — an organization's portal: its branding and wording around every page below, and sign-out.
import { describeClientError, useTRPC } from '@portico/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createFileRoute, notFound, Outlet, useNavigate } from '@tanstack/react-router';
import { useLayoutEffect } from 'react';
import { NotFound } from '../components/route-states';
import { BrandMark, Shell } from '../components/shell';
import { applyBranding } from '../lib/branding';
import { formatPhone, telHref } from '../lib/format';
import { useOrganization, useSession } from '../lib/portal-data';

// Organization slugs are lower-case words joined by hyphens; anything else cannot be a portal address.
const ORG_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const Route = createFileRoute('/$orgSlug')({
  beforeLoad: ({ params }) => {
    if (!ORG_SLUG.test(params.orgSlug)) throw notFound();
  },
  loader: async ({ context: { queryClient, trpc }, params }) => {
    // Who is signed in is asked in the same batch as the organization (one round trip); a signed-out
    // answer is not an error here, so it is prefetched rather than awaited.
    void queryClient.prefetchQuery({ ...trpc.portal.me.queryOptions(), retry: false });
    try {
      return await queryClient.ensureQueryData(
        trpc.portalAccess.organization.queryOptions({ orgSlug: params.orgSlug }),
      );
    } catch (error) {
      if (describeClientError(error).code === 'NOT_FOUND') throw notFound();
      throw error;
    }
  },
  head: ({ loaderData }) => ({
    meta: [{ title: loaderData ? `${loaderData.name} · Appointments` : 'Appointments' }],
  }),
  component: OrganizationLayout,
  notFoundComponent: () => (
    <Shell brand={<span className="brand-name">Appointments</span>}>
      <NotFound />
    </Shell>
  ),
});

function OrganizationLayout() {
  const { orgSlug } = Route.useParams();
  const organization = useOrganization(orgSlug);
  const session = useSession(orgSlug);

  useLayoutEffect(() => {
    applyBranding(organization);
  }, [organization]);

  return (
    <Shell
      brand={
        <>
          <BrandMark name={organization.name} logoUrl={organization.logoUrl} />
          <span className="brand-name">{organization.name}</span>
        </>
      }
      actions={session.kind === 'signedIn' ? <SignOutButton orgSlug={orgSlug} /> : null}
      footer={
        <p>
          {organization.name}
          {organization.officePhone ? (
            <>
              {' · '}
              <a href={telHref(organization.officePhone)}>{formatPhone(organization.officePhone)}</a>
            </>
          ) : null}
        </p>
      }
    >
      <Outlet />
    </Shell>
  );
}

function SignOutButton({ orgSlug }: { orgSlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation(
    trpc.portalAccess.signOut.mutationOptions({
      onSuccess: async () => {
        // nothing of the signed-in customer may stay on screen or in memory
        queryClient.removeQueries({ queryKey: trpc.portal.pathKey() });
        await navigate({ to: '/$orgSlug/sign-in', params: { orgSlug }, search: { signedOut: true } });
      },
    }),
  );
  return (
    <button
      type="button"
      className="button button-quiet"
      disabled={signOut.isPending}
      onClick={() => signOut.mutate()}
    >
      {signOut.isPending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
