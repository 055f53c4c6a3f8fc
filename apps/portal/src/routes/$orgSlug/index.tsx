// /p/$orgSlug — the signed-in customer's appointments, upcoming first, then past; the sign-in form otherwise.
import { describeClientError, useTRPC } from '@portico/api-client';
import { useQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { AppointmentCard } from '../../components/appointment-card';
import { FormError } from '../../components/form-message';
import { RequestAccess } from '../../components/request-access';
import { useAfterSignIn } from '../../lib/after-sign-in';
import { useLabels, useOrganization, useSession } from '../../lib/portal-data';

export const Route = createFileRoute('/$orgSlug/')({
  loader: ({ context: { queryClient, trpc } }) => {
    // asked in the same batch as the organization and the session (see the $orgSlug loader)
    void queryClient.prefetchQuery({ ...trpc.portal.appointments.queryOptions(), retry: false });
  },
  component: AppointmentsPage,
});

function AppointmentsPage() {
  const { orgSlug } = Route.useParams();
  const session = useSession(orgSlug);
  const organization = useOrganization(orgSlug);
  const label = useLabels(orgSlug);
  const afterSignIn = useAfterSignIn(orgSlug);

  if (session.kind === 'loading') return <ListSkeleton title={label('portal.title')} />;
  if (session.kind === 'error') {
    return (
      <section className="card">
        <FormError>{describeClientError(session.error).message}</FormError>
      </section>
    );
  }
  if (session.kind === 'signedOut') {
    return (
      <section className="card" aria-labelledby="sign-in-title">
        <RequestAccess
          orgSlug={orgSlug}
          loginMode={organization.loginMode}
          onSignedIn={afterSignIn}
          intro={
            <>
              <h1 id="sign-in-title">{label('signIn.title')}</h1>
              <p>
                Use the link in the message from {organization.name}, or enter the mobile number or email
                address we have on file.
              </p>
            </>
          }
        />
      </section>
    );
  }
  return <AppointmentList orgSlug={orgSlug} firstName={session.me.portalUser.name.split(' ')[0] ?? ''} />;
}

function AppointmentList({ orgSlug, firstName }: { orgSlug: string; firstName: string }) {
  const trpc = useTRPC();
  const label = useLabels(orgSlug);
  const appointments = useQuery(trpc.portal.appointments.queryOptions());

  if (appointments.isPending) return <ListSkeleton title={label('portal.title')} />;
  if (appointments.isError) {
    return (
      <section className="card">
        <h1>{label('portal.title')}</h1>
        <FormError>{describeClientError(appointments.error).message}</FormError>
        <button type="button" className="button" onClick={() => void appointments.refetch()}>
          Try again
        </button>
      </section>
    );
  }
  const { upcoming, past } = appointments.data;
  return (
    <div className="stack-lg">
      <div>
        <h1>{label('portal.title')}</h1>
        {firstName ? <p className="muted">Signed in as {firstName}</p> : null}
      </div>
      {upcoming.length === 0 && past.length === 0 ? (
        <section className="card empty">
          <p>{label('appointments.empty')}</p>
        </section>
      ) : null}
      {upcoming.length > 0 ? (
        <section aria-labelledby="upcoming-title">
          <h2 id="upcoming-title">{label('appointments.upcoming')}</h2>
          <ul className="appointment-list">
            {upcoming.map((appointment) => (
              <AppointmentCard key={appointment.id} orgSlug={orgSlug} appointment={appointment} />
            ))}
          </ul>
        </section>
      ) : null}
      {past.length > 0 ? (
        <section aria-labelledby="past-title">
          <h2 id="past-title">{label('appointments.past')}</h2>
          <ul className="appointment-list">
            {past.map((appointment) => (
              <AppointmentCard key={appointment.id} orgSlug={orgSlug} appointment={appointment} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function ListSkeleton({ title }: { title: string }) {
  return (
    <div className="stack-lg" aria-busy="true">
      <h1>{title}</h1>
      <p className="visually-hidden" role="status">
        Loading your appointments…
      </p>
      <ul className="appointment-list" aria-hidden="true">
        <li className="skeleton skeleton-card" />
        <li className="skeleton skeleton-card" />
      </ul>
    </div>
  );
}
