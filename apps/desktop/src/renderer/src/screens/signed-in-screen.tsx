// The signed-in frame: who is signed in, to which organization, and the way out.
import { describeClientError, useTRPC, type RouterOutputs } from '@portico/api-client';
import { useMutation } from '@tanstack/react-query';

const SIGNED_OUT_LOCALLY =
  'You are signed out on this computer. The server could not be reached, so your session there ends on its own.';

const roleLabels = { admin: 'Admin', dispatcher: 'Dispatcher' } as const;

export function SignedInScreen({
  me,
  onSignedOut,
}: {
  me: RouterOutputs['auth']['me'];
  onSignedOut: (notice: string | null) => Promise<void>;
}) {
  const trpc = useTRPC();
  const signOut = useMutation(trpc.auth.signOut.mutationOptions());

  async function handleSignOut() {
    let notice: string | null = null;
    try {
      await signOut.mutateAsync();
    } catch (error) {
      // The token is forgotten on this computer either way; an already-ended session needs no word.
      if (describeClientError(error).code !== 'UNAUTHORIZED') notice = SIGNED_OUT_LOCALLY;
    }
    await onSignedOut(notice);
  }

  return (
    <div className="app-frame">
      <header className="top-bar">
        <div className="wordmark">
          <span className="wordmark-mark" aria-hidden="true" />
          Portico
          <span className="top-bar-org">{me.organization.name}</span>
        </div>
        <div className="top-bar-user">
          <span className="avatar" aria-hidden="true">
            {initials(me.user.name)}
          </span>
          <span>
            <span className="top-bar-name">{me.user.name}</span>
            <span className="top-bar-role">{roleLabels[me.user.role]}</span>
          </span>
          <button
            type="button"
            className="button button-secondary"
            disabled={signOut.isPending}
            onClick={() => void handleSignOut()}
          >
            {signOut.isPending ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </header>
      <main className="workspace">
        <section className="panel" aria-labelledby="signed-in-title">
          <h1 id="signed-in-title">
            Signed in as {me.user.name} — {me.organization.name}
          </h1>
          <p className="muted">
            {me.user.email} · {roleLabels[me.user.role]}
          </p>
          <p>
            Your dispatch board will appear here: today&apos;s tasks, appointment windows and technicians.
          </p>
        </section>
      </main>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters
    .map((part) => part?.[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 2);
}
