// Decides which screen shows: checking the stored session, signing in, or the signed-in app.
import { describeClientError, isUnauthorized, useTRPC, type RouterOutputs } from '@portico/api-client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { DesktopBridge } from '../../shared/bridge';
import { SignInScreen } from './screens/sign-in-screen';
import { SignedInScreen } from './screens/signed-in-screen';
import { StatusScreen } from './screens/status-screen';

type SignInResult = RouterOutputs['auth']['signIn'];

const SESSION_ENDED = 'Your session has ended. Sign in again.';

export function App({ bridge }: { bridge: DesktopBridge }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // undefined until the stored token has been looked up, so a signed-in user never sees the sign-in form flash.
  const [hasSession, setHasSession] = useState<boolean | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    bridge
      .getToken()
      .then((token) => isCurrent && setHasSession(token !== null))
      .catch(() => isCurrent && setHasSession(false));
    return () => {
      isCurrent = false;
    };
  }, [bridge]);

  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: hasSession === true });

  const endSession = useCallback(
    async (message: string | null) => {
      await bridge.clearToken();
      // Nothing one staff user loaded may be shown to the next one who signs in on this machine.
      queryClient.clear();
      setNotice(message);
      setHasSession(false);
    },
    [bridge, queryClient],
  );

  const isSessionRejected = me.isError && isUnauthorized(me.error);
  useEffect(() => {
    // The server no longer accepts the stored token: forget it, so the next start does not try it again.
    if (isSessionRejected) void bridge.clearToken();
  }, [isSessionRejected, bridge]);

  const handleSignedIn = useCallback(
    async (result: SignInResult) => {
      await bridge.setToken(result.token);
      setNotice(null);
      setHasSession(true);
      // A rejected session's error must not outlive the new sign-in: fetch the profile afresh, with the new token.
      await queryClient.resetQueries({ queryKey: trpc.auth.me.queryKey() });
    },
    [bridge, queryClient, trpc],
  );

  if (hasSession === undefined) return <StatusScreen title="Opening Portico…" busy />;
  if (!hasSession || isSessionRejected) {
    return <SignInScreen notice={isSessionRejected ? SESSION_ENDED : notice} onSignedIn={handleSignedIn} />;
  }
  if (me.isPending) return <StatusScreen title="Loading your workspace…" busy />;
  if (me.isError) {
    return (
      <StatusScreen
        title="Portico could not load your account"
        message={describeClientError(me.error).message}
        action={{ label: 'Try again', run: () => void me.refetch() }}
      />
    );
  }
  return <SignedInScreen me={me.data} bridge={bridge} onSignedOut={endSession} />;
}
