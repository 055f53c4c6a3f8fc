// Entering the 6-digit code: one field the phone can fill from the message (one-time-code), a clear message on a
// wrong or expired code, and "send a new code" once the cooldown is over.
import { describeClientError, useTRPC } from '@portico/api-client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FormError } from './form-message';
import { useInFlightGuard } from '../lib/in-flight';

export function CodeEntry({
  orgSlug,
  sentTo,
  resendAfter,
  onResend,
  isResending,
  resendError,
  onVerified,
}: {
  orgSlug: string;
  /** Where the code went, masked, when known ("•••• 0142"). */
  sentTo: string | null;
  resendAfter: Date | null;
  onResend: () => void;
  isResending: boolean;
  resendError: string | null;
  onVerified: (taskId: string | null) => void;
}) {
  const trpc = useTRPC();
  const inputId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const guard = useInFlightGuard();
  const secondsLeft = useSecondsUntil(resendAfter);

  const verify = useMutation(trpc.portalAccess.verifyCode.mutationOptions());

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const digits = code.replace(/\D/g, '');
    if (digits.length !== 6) {
      setError('Enter the 6 digits of the code.');
      inputRef.current?.focus();
      return;
    }
    if (!guard.begin()) return;
    setError(null);
    verify.mutate(
      { orgSlug, code: digits },
      {
        onSettled: guard.end,
        onSuccess: (result) => onVerified(result.taskId),
        onError: (err) => {
          setError(describeClientError(err).message);
          setCode('');
          inputRef.current?.focus();
        },
      },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <h1>Enter your code</h1>
      <p>
        {sentTo ? (
          <>
            We sent a 6-digit code to <strong>{sentTo}</strong>.
          </>
        ) : (
          <>If that is on file with us, a 6-digit code is on its way.</>
        )}{' '}
        It works for 5 minutes.
      </p>
      <div className="field">
        <label htmlFor={inputId}>6-digit code</label>
        <input
          ref={inputRef}
          id={inputId}
          className="input input-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          value={code}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
        />
        <FormError id={errorId}>{error}</FormError>
      </div>
      <button type="submit" className="button button-block" disabled={verify.isPending}>
        {verify.isPending ? 'Checking…' : 'Sign in'}
      </button>
      <div className="resend">
        {secondsLeft > 0 ? (
          <p className="muted" aria-live="off">
            You can ask for a new code in {secondsLeft} s.
          </p>
        ) : (
          <button type="button" className="button-link" disabled={isResending} onClick={onResend}>
            {isResending ? 'Sending…' : 'Send a new code'}
          </button>
        )}
        <FormError>{resendError}</FormError>
      </div>
    </form>
  );
}

/** Whole seconds until `instant` (0 once it has passed), ticking once a second. */
export function useSecondsUntil(instant: Date | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!instant) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [instant]);
  return instant ? Math.max(0, Math.ceil((instant.getTime() - now) / 1000)) : 0;
}
