// /p/$orgSlug/staff-invite/$token — the link an admin's invitation emails to a new dispatcher or admin: they
// set their password here, then sign in to the desktop app. Opening it changes nothing (mail scanners open
// links); only "Set password" uses the link up.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { StaffInviteLookup } from '@portico/validators';
import { useMutation, useQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { FormError, Notice } from '../../components/form-message';
import { RoutePending } from '../../components/route-states';
import { useInFlightGuard } from '../../lib/in-flight';

// The shape the server accepts; anything else is a dead link without asking it.
const INVITE_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const DEAD_LINK = 'This invitation link has expired or was already used. Ask your admin to send a new one.';

export const Route = createFileRoute('/$orgSlug/staff-invite/$token')({
  head: () => ({ meta: [{ title: 'Set your Portico password' }] }),
  component: StaffInvitePage,
});

function StaffInvitePage() {
  const { token } = Route.useParams();
  const trpc = useTRPC();
  const isWellFormed = INVITE_TOKEN.test(token);
  const lookup = useQuery({
    ...trpc.auth.staffInvite.queryOptions({ token }),
    enabled: isWellFormed,
    // the invitation only changes through this page; no need to ask again while it is open
    staleTime: Infinity,
    retry: false,
  });
  const [acceptedEmail, setAcceptedEmail] = useState<string | null>(null);

  if (acceptedEmail) return <AccountReady email={acceptedEmail} />;
  if (!isWellFormed) return <DeadLink message={DEAD_LINK} />;
  if (lookup.isPending) return <RoutePending />;
  if (lookup.isError) return <DeadLink message={describeClientError(lookup.error).message} />;
  return <SetPasswordForm token={token} invite={lookup.data} onAccepted={setAcceptedEmail} />;
}

function DeadLink({ message }: { message: string }) {
  return (
    <section className="card" aria-labelledby="invite-title">
      <h1 id="invite-title">This invitation cannot be used</h1>
      <FormError>{message}</FormError>
    </section>
  );
}

function AccountReady({ email }: { email: string }) {
  return (
    <section className="card stack" aria-labelledby="invite-title">
      <h1 id="invite-title">Your password is set</h1>
      <Notice tone="success">
        Your account is ready. Open the Portico desktop app and sign in with{' '}
        <strong style={{ overflowWrap: 'anywhere' }}>{email}</strong>.
      </Notice>
    </section>
  );
}

// Two small layouts the shared stylesheet has no class for (kept here rather than in the portal-wide CSS).
const personStyle = {
  display: 'grid',
  gridTemplateColumns: 'auto 1fr',
  gap: '4px 16px',
  margin: 0,
  overflowWrap: 'anywhere',
} as const;
const showStyle = {
  display: 'flex',
  alignItems: 'center',
  gap: 8,
  minHeight: 44,
  cursor: 'pointer',
} as const;

/**
 * The server's rule (newPasswordSchema) with its words, checked here so the person hears at once; written out
 * rather than imported because zod would more than double this page's script.
 */
function passwordProblem(password: string): string | undefined {
  if (password === '') return 'Enter a password.';
  if (password.length < 12) return 'Use a password of at least 12 characters.';
  if (password.length > 128) return 'Use a password of at most 128 characters.';
  return undefined;
}

type FieldErrors = { password?: string; confirm?: string; form?: string };

function SetPasswordForm({
  token,
  invite,
  onAccepted,
}: {
  token: string;
  invite: StaffInviteLookup;
  onAccepted: (email: string) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [isShown, setIsShown] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const guard = useInFlightGuard();
  const accept = useMutation(trpc.auth.acceptStaffInvite.mutationOptions());
  const role = invite.role === 'admin' ? 'an admin' : 'a dispatcher';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: FieldErrors = {
      password: passwordProblem(password),
      confirm:
        confirm === ''
          ? 'Type the password again.'
          : confirm !== password
            ? 'The two passwords are not the same.'
            : undefined,
    };
    setErrors(next);
    if (next.password || next.confirm || !guard.begin()) return;
    accept.mutate(
      { token, password },
      {
        onSuccess: (result) => onAccepted(result.email),
        onError: (error) => {
          const info = describeClientError(error);
          setErrors(info.field === 'password' ? { password: info.message } : { form: info.message });
        },
        onSettled: guard.end,
      },
    );
  };

  const inputType = isShown ? 'text' : 'password';
  return (
    <section className="card" aria-labelledby="invite-title">
      <form className="stack" onSubmit={submit} noValidate>
        <h1 id="invite-title">
          {invite.organizationName} invited you to Portico as {role}
        </h1>
        <dl style={personStyle}>
          <dt className="muted">Name</dt>
          <dd style={{ margin: 0 }}>{invite.name}</dd>
          <dt className="muted">Email</dt>
          <dd style={{ margin: 0 }}>{invite.email}</dd>
        </dl>
        <p className="muted">Choose a password of at least 12 characters. You will sign in with it.</p>
        {/* lets password managers save the new password under the right account */}
        <input type="email" name="username" autoComplete="username" value={invite.email} readOnly hidden />
        <div className="field">
          <label htmlFor={`${id}-password`}>New password</label>
          <input
            id={`${id}-password`}
            className="input"
            type={inputType}
            name="password"
            autoComplete="new-password"
            value={password}
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? `${id}-password-error` : undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
          <FormError id={`${id}-password-error`}>{errors.password}</FormError>
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>Confirm password</label>
          <input
            id={`${id}-confirm`}
            className="input"
            type={inputType}
            name="confirm"
            autoComplete="new-password"
            value={confirm}
            aria-invalid={errors.confirm ? true : undefined}
            aria-describedby={errors.confirm ? `${id}-confirm-error` : undefined}
            onChange={(event) => setConfirm(event.target.value)}
          />
          <FormError id={`${id}-confirm-error`}>{errors.confirm}</FormError>
        </div>
        <label style={showStyle}>
          <input type="checkbox" checked={isShown} onChange={(event) => setIsShown(event.target.checked)} />
          Show password
        </label>
        <FormError>{errors.form}</FormError>
        <button type="submit" className="button button-block" disabled={accept.isPending}>
          {accept.isPending ? 'Setting password…' : 'Set password'}
        </button>
      </form>
    </section>
  );
}
