// /p/$orgSlug/sign-in — signing in without a link at hand: a code (or a new link) to the number or email on file.
import { createFileRoute } from '@tanstack/react-router';
import { Notice } from '../../components/form-message';
import { RequestAccess } from '../../components/request-access';
import { useAfterSignIn } from '../../lib/after-sign-in';
import { useLabels, useOrganization } from '../../lib/portal-data';

type SignInSearch = { signedOut?: boolean; ended?: boolean };

export const Route = createFileRoute('/$orgSlug/sign-in')({
  validateSearch: (search: Record<string, unknown>): SignInSearch => ({
    ...(search.signedOut === true || search.signedOut === 'true' ? { signedOut: true } : {}),
    ...(search.ended === true || search.ended === 'true' ? { ended: true } : {}),
  }),
  head: () => ({ meta: [{ title: 'Sign in' }] }),
  component: SignInPage,
});

function SignInPage() {
  const { orgSlug } = Route.useParams();
  const { signedOut, ended } = Route.useSearch();
  const organization = useOrganization(orgSlug);
  const label = useLabels(orgSlug);
  const afterSignIn = useAfterSignIn(orgSlug);
  return (
    <section className="card" aria-labelledby="sign-in-title">
      {signedOut ? <Notice tone="success">You are signed out.</Notice> : null}
      {ended ? <Notice tone="warning">Your session has ended. Sign in again to continue.</Notice> : null}
      <RequestAccess
        orgSlug={orgSlug}
        loginMode={organization.loginMode}
        onSignedIn={afterSignIn}
        intro={
          <>
            <h1 id="sign-in-title">{label('signIn.title')}</h1>
            <p>
              {organization.loginMode === 'otp'
                ? 'Enter the mobile number or email address we have on file. We will send you a 6-digit code.'
                : 'Enter the mobile number or email address we have on file. We will send you a new sign-in link.'}
            </p>
          </>
        }
      />
    </section>
  );
}
