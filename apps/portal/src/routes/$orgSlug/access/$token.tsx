// /p/$orgSlug/access/$token — the link from an invite or sign-in message. Opening it changes nothing (mail
// scanners open links); the person presses Continue, then, where the organization asks for one, gets a code.
import { describeClientError, useTRPC, type RouterOutputs } from '@portico/api-client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { CodeEntry } from '../../../components/code-entry';
import { FormError, Notice } from '../../../components/form-message';
import { RequestAccess } from '../../../components/request-access';
import { RoutePending } from '../../../components/route-states';
import { useAfterSignIn } from '../../../lib/after-sign-in';
import { useLabels, useOrganization } from '../../../lib/portal-data';
import { useInFlightGuard } from '../../../lib/in-flight';

const LINK_TOKEN = /^[a-z2-7]{32}$/;

export const Route = createFileRoute('/$orgSlug/access/$token')({
  head: () => ({ meta: [{ title: 'Continue to your appointment' }] }),
  component: AccessPage,
});

type Channel = RouterOutputs['portalAccess']['sendCode']['sentTo'];

function AccessPage() {
  const { orgSlug, token } = Route.useParams();
  const trpc = useTRPC();
  const isWellFormed = LINK_TOKEN.test(token);
  const inspection = useQuery({
    ...trpc.portalAccess.inspectLink.queryOptions({ orgSlug, token }),
    enabled: isWellFormed,
    // a link's state only changes through this page; no need to re-ask while it is open
    staleTime: Infinity,
    retry: false,
  });

  if (!isWellFormed) return <LinkUnusable orgSlug={orgSlug} reason="invalid" />;
  if (inspection.isPending) return <RoutePending />;
  if (inspection.isError) {
    return (
      <section className="card">
        <FormError>{describeClientError(inspection.error).message}</FormError>
      </section>
    );
  }
  if (inspection.data.state !== 'valid')
    return <LinkUnusable orgSlug={orgSlug} reason={inspection.data.state} />;
  return <ContinueFlow orgSlug={orgSlug} token={token} firstName={inspection.data.firstName} />;
}

const unusableWords = {
  expired: {
    title: 'This link has expired',
    body: 'Links work for a limited time to keep your account safe.',
  },
  used: { title: 'This link has already been used', body: 'Each link signs you in once.' },
  invalid: { title: 'This link does not work', body: 'It may be incomplete or mistyped.' },
} as const;

function LinkUnusable({ orgSlug, reason }: { orgSlug: string; reason: keyof typeof unusableWords }) {
  const organization = useOrganization(orgSlug);
  const afterSignIn = useAfterSignIn(orgSlug);
  const words = unusableWords[reason];
  return (
    <section className="card" aria-labelledby="link-title">
      <RequestAccess
        orgSlug={orgSlug}
        loginMode={organization.loginMode}
        onSignedIn={afterSignIn}
        intro={
          <>
            <h1 id="link-title">{words.title}</h1>
            <p>
              {words.body}{' '}
              {organization.loginMode === 'otp'
                ? 'Enter your mobile number or email and we will send you a code.'
                : 'Enter your mobile number or email and we will send you a new link.'}
            </p>
          </>
        }
      />
    </section>
  );
}

function ContinueFlow({
  orgSlug,
  token,
  firstName,
}: {
  orgSlug: string;
  token: string;
  firstName: string | null;
}) {
  const trpc = useTRPC();
  const label = useLabels(orgSlug);
  const organization = useOrganization(orgSlug);
  const afterSignIn = useAfterSignIn(orgSlug);
  const [channels, setChannels] = useState<Channel[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const guard = useInFlightGuard();

  const continueWithLink = useMutation(
    trpc.portalAccess.continueWithLink.mutationOptions({
      onSuccess: (result) => {
        if (result.next === 'signedIn') afterSignIn(result.taskId);
        else setChannels(result.channels);
      },
      onError: (error) => setFailure(describeClientError(error).message),
    }),
  );

  if (failure) {
    return (
      <section className="card" aria-labelledby="link-title">
        <RequestAccess
          orgSlug={orgSlug}
          loginMode={organization.loginMode}
          onSignedIn={afterSignIn}
          intro={
            <>
              <h1 id="link-title">This link cannot be used</h1>
              <FormError>{failure}</FormError>
            </>
          }
        />
      </section>
    );
  }

  if (channels) {
    return (
      <section className="card">
        <SendCode orgSlug={orgSlug} channels={channels} onVerified={afterSignIn} />
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="continue-title">
      <h1 id="continue-title">{firstName ? `Hi ${firstName}` : 'Welcome'}</h1>
      <p>
        {organization.loginMode === 'otp'
          ? `Continue to see your appointment with ${organization.name}. We will send you a code to make sure it is you.`
          : `Continue to see your appointment with ${organization.name}.`}
      </p>
      <button
        type="button"
        className="button button-block"
        disabled={continueWithLink.isPending}
        onClick={() => {
          if (guard.begin()) continueWithLink.mutate({ orgSlug, token }, { onSettled: guard.end });
        }}
      >
        {continueWithLink.isPending ? 'One moment…' : label('signIn.continue')}
      </button>
    </section>
  );
}

function SendCode({
  orgSlug,
  channels,
  onVerified,
}: {
  orgSlug: string;
  channels: Channel[];
  onVerified: (taskId: string | null) => void;
}) {
  const trpc = useTRPC();
  const groupId = useId();
  const [channel, setChannel] = useState<Channel['channel'] | null>(channels[0]?.channel ?? null);
  const [sent, setSent] = useState<RouterOutputs['portalAccess']['sendCode'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sendCode = useMutation(trpc.portalAccess.sendCode.mutationOptions());
  const sendGuard = useInFlightGuard();

  const send = (onFailure: (message: string) => void) => {
    if (!channel || !sendGuard.begin()) return;
    sendCode.mutate(
      { orgSlug, channel },
      {
        onSuccess: (result) => setSent(result),
        onError: (err) => onFailure(describeClientError(err).message),
        onSettled: sendGuard.end,
      },
    );
  };

  if (channels.length === 0) {
    return (
      <Notice tone="warning">
        We have no mobile number or email address on file to send a code to. Call us and we will help you sign
        in.
      </Notice>
    );
  }

  if (sent) {
    return (
      <CodeEntry
        orgSlug={orgSlug}
        sentTo={sent.sentTo.masked}
        resendAfter={sent.resendAfter}
        isResending={sendCode.isPending}
        resendError={error}
        onResend={() => {
          setError(null);
          send(setError);
        }}
        onVerified={onVerified}
      />
    );
  }

  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        send(setError);
      }}
    >
      <h1 id={groupId}>Where should we send your code?</h1>
      <fieldset className="choices" aria-labelledby={groupId}>
        {channels.map((option) => (
          <label key={option.channel} className="choice">
            <input
              type="radio"
              name="channel"
              value={option.channel}
              checked={channel === option.channel}
              onChange={() => setChannel(option.channel)}
            />
            <span>
              <span className="choice-title">{option.channel === 'sms' ? 'Text message' : 'Email'}</span>
              <span className="choice-detail">{option.masked}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormError>{error}</FormError>
      <button type="submit" className="button button-block" disabled={sendCode.isPending || !channel}>
        {sendCode.isPending ? 'Sending…' : 'Send code'}
      </button>
    </form>
  );
}
