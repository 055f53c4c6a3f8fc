// The signed-in app: the router with its screens, sign-out, and the session that ends gracefully (a sign-in
// dialog over the screen the person was on, so what they were typing is still there after signing in again).
import { describeClientError, isUnauthorized, useTRPC, type RouterOutputs } from '@portico/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import type { DesktopBridge } from '../../../shared/bridge';
import { createDesktopRouter } from '../router';
import { SignInScreen } from './sign-in-screen';

const SIGNED_OUT_LOCALLY =
  'You are signed out on this computer. The server could not be reached, so your session there ends on its own.';

export function SignedInScreen({
  me,
  bridge,
  onSignedOut,
}: {
  me: RouterOutputs['auth']['me'];
  bridge: DesktopBridge;
  onSignedOut: (notice: string | null) => Promise<void>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const signOutMutation = useMutation(trpc.auth.signOut.mutationOptions());
  const isSessionEnded = useSessionEnded();

  const router = useMemo(
    () =>
      createDesktopRouter({
        queryClient,
        trpc,
        bridge,
        me,
        signOut: async () => {
          let notice: string | null = null;
          try {
            await signOutMutation.mutateAsync();
          } catch (error) {
            // The token is forgotten on this computer either way; an already-ended session needs no word.
            if (describeClientError(error).code !== 'UNAUTHORIZED') notice = SIGNED_OUT_LOCALLY;
          }
          await onSignedOut(notice);
        },
      }),
    // one router per signed-in session; `me` changes only with a new session
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [me.user.id],
  );

  return (
    <>
      <RouterProvider router={router} />
      {isSessionEnded.value ? (
        <div className="session-overlay" role="dialog" aria-modal="true" aria-label="Sign in again">
          <SignInScreen
            notice="Your session has ended. Sign in again to continue — what you were doing is kept."
            defaultEmail={me.user.email}
            onSignedIn={async (result) => {
              if (result.user.id !== me.user.id) {
                // someone else signed in: nothing of the previous user may stay on screen
                await bridge.setToken(result.token);
                queryClient.clear();
                window.location.reload();
                return;
              }
              await bridge.setToken(result.token);
              isSessionEnded.clear();
              await queryClient.invalidateQueries();
            }}
          />
        </div>
      ) : null}
    </>
  );
}

/** Becomes true when any query or save is refused because the session ended; cleared after signing in again. */
function useSessionEnded(): { value: boolean; clear: () => void } {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(false);
  useEffect(() => {
    const fromQueries = queryClient.getQueryCache().subscribe((event) => {
      if (
        event.type === 'updated' &&
        event.query.state.status === 'error' &&
        isUnauthorized(event.query.state.error)
      )
        setValue(true);
    });
    const fromMutations = queryClient.getMutationCache().subscribe((event) => {
      if (
        event.type === 'updated' &&
        event.mutation.state.status === 'error' &&
        isUnauthorized(event.mutation.state.error)
      )
        setValue(true);
    });
    return () => {
      fromQueries();
      fromMutations();
    };
  }, [queryClient]);
  return { value, clear: () => setValue(false) };
}
