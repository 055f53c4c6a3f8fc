// Staff sign-in: email and password, checked with the shared schema before the server is asked.
import { describeClientError, useTRPC, type RouterOutputs } from '@portico/api-client';
import { signInInputSchema } from '@portico/validators/auth';
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { z } from 'zod';

type FieldErrors = { email?: string; password?: string };

export function SignInScreen({
  notice,
  defaultEmail,
  onSignedIn,
}: {
  notice: string | null;
  /** Prefilled when a session ended and the same person signs in again. */
  defaultEmail?: string;
  onSignedIn: (result: RouterOutputs['auth']['signIn']) => Promise<void>;
}) {
  const trpc = useTRPC();
  const ids = { email: useId(), password: useId(), error: useId() };
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInInputSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) {
      const errors = z.flattenError(parsed.error).fieldErrors;
      setFieldErrors({ email: errors.email?.[0], password: errors.password?.[0] });
      setFormError(null);
      return;
    }
    setFieldErrors({});
    setFormError(null);
    try {
      await onSignedIn(await signIn.mutateAsync(parsed.data));
    } catch (error) {
      const info = describeClientError(error);
      setFieldErrors({ email: info.fieldErrors.email?.[0], password: info.fieldErrors.password?.[0] });
      setFormError(info.message);
    }
  }

  const message = formError ?? notice;
  return (
    <div className="sign-in-page">
      <section className="sign-in-card" aria-labelledby="sign-in-title">
        <div className="wordmark">
          <span className="wordmark-mark" aria-hidden="true" />
          Portico
        </div>
        <h1 id="sign-in-title">Sign in</h1>
        <p className="muted">Use the email address and password your administrator set up for you.</p>
        {message ? (
          <p className={formError ? 'banner banner-error' : 'banner'} role="alert" id={ids.error}>
            {message}
          </p>
        ) : null}
        <form
          noValidate
          onSubmit={(event) => void submit(event)}
          aria-describedby={message ? ids.error : undefined}
        >
          <div className="field">
            <label htmlFor={ids.email}>Email</label>
            <input
              id={ids.email}
              name="email"
              type="email"
              autoComplete="username"
              defaultValue={defaultEmail}
              autoFocus={!defaultEmail}
              required
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={fieldErrors.email ? `${ids.email}-error` : undefined}
            />
            {fieldErrors.email ? (
              <p className="field-error" id={`${ids.email}-error`}>
                {fieldErrors.email}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={ids.password}>Password</label>
            <input
              id={ids.password}
              name="password"
              type="password"
              autoComplete="current-password"
              autoFocus={Boolean(defaultEmail)}
              required
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={fieldErrors.password ? `${ids.password}-error` : undefined}
            />
            {fieldErrors.password ? (
              <p className="field-error" id={`${ids.password}-error`}>
                {fieldErrors.password}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button-block" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </section>
    </div>
  );
}
