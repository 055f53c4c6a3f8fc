// "Send me a new code or link": the person types their mobile number or email. The answer never says whether
// it is on file; in code organizations the code entry follows, in link organizations a note to check messages.
import { describeClientError, useTRPC } from '@portico/api-client';
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { CodeEntry } from './code-entry';
import { FormError, Notice } from './form-message';
import { useInFlightGuard } from '../lib/in-flight';

const RESEND_COOLDOWN_MS = 30_000;

export function RequestAccess({
  orgSlug,
  loginMode,
  intro,
  onSignedIn,
}: {
  orgSlug: string;
  loginMode: 'otp' | 'link';
  intro: ReactNode;
  onSignedIn: (taskId: string | null) => void;
}) {
  const trpc = useTRPC();
  const inputId = useId();
  const errorId = useId();
  const [contact, setContact] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<'contact' | 'code' | 'checkMessages'>('contact');
  const [resendAfter, setResendAfter] = useState<Date | null>(null);
  const [resendError, setResendError] = useState<string | null>(null);

  const request = useMutation(trpc.portalAccess.requestAccess.mutationOptions());
  const guard = useInFlightGuard();

  const send = (onError: (message: string) => void) => {
    if (!guard.begin()) return;
    request.mutate(
      { orgSlug, contact: contact.trim() },
      {
        onSettled: guard.end,
        onSuccess: (result) => {
          setResendAfter(new Date(Date.now() + RESEND_COOLDOWN_MS));
          setStep(result.next === 'enterCode' ? 'code' : 'checkMessages');
        },
        onError: (err) => onError(describeClientError(err).message),
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (contact.trim().length < 3) {
      setError('Enter your mobile number or email address.');
      return;
    }
    setError(null);
    send(setError);
  };

  if (step === 'code') {
    return (
      <CodeEntry
        orgSlug={orgSlug}
        sentTo={null}
        resendAfter={resendAfter}
        isResending={request.isPending}
        resendError={resendError}
        onResend={() => {
          setResendError(null);
          send(setResendError);
        }}
        onVerified={onSignedIn}
      />
    );
  }

  if (step === 'checkMessages') {
    return (
      <div className="stack">
        <h1>Check your messages</h1>
        <Notice tone="success">
          If <strong>{contact.trim()}</strong> is on file with us, a new sign-in link is on its way. Open it
          on this device.
        </Notice>
        <button type="button" className="button-link" onClick={() => setStep('contact')}>
          Use a different number or email
        </button>
      </div>
    );
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {intro}
      <div className="field">
        <label htmlFor={inputId}>Mobile number or email</label>
        <input
          id={inputId}
          className="input"
          name="contact"
          autoComplete="username"
          inputMode="email"
          value={contact}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setContact(event.target.value)}
        />
        <FormError id={errorId}>{error}</FormError>
      </div>
      <button type="submit" className="button button-block" disabled={request.isPending}>
        {request.isPending ? 'Sending…' : loginMode === 'otp' ? 'Send me a code' : 'Send me a link'}
      </button>
    </form>
  );
}
