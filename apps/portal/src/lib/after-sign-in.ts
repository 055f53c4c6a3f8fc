// Where a fresh sign-in lands: the appointment the link was about, else the list; stale signed-out answers go.
import { useTRPC } from '@portico/api-client';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';

export function useAfterSignIn(orgSlug: string): (taskId: string | null) => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const go = async (taskId: string | null) => {
    await queryClient.invalidateQueries({ queryKey: trpc.portal.pathKey() });
    if (taskId) {
      await navigate({ to: '/$orgSlug/appointments/$taskId', params: { orgSlug, taskId }, replace: true });
    } else {
      await navigate({ to: '/$orgSlug', params: { orgSlug }, replace: true });
    }
  };
  return (taskId) => {
    void go(taskId);
  };
}
