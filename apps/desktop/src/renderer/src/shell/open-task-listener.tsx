// Follows what main sends the renderer: a task to open (portico:// link, notification click) and the
// application menu's Go menu. Mounted once in the signed-in shell.
import { useNavigate, useRouteContext } from '@tanstack/react-router';
import { useEffect } from 'react';
import { menuDestinations } from '../../../shared/ipc-payloads';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function OpenTaskListener() {
  const { bridge } = useRouteContext({ from: '__root__' });
  const navigate = useNavigate();

  useEffect(() => {
    const stopOpenTask = bridge.onOpenTask((taskId) => {
      // main validated the id already; the check keeps a stray value out of the URL all the same.
      if (UUID.test(taskId))
        void navigate({ to: '/tasks/$taskId', params: { taskId: taskId.toLowerCase() } });
    });
    const stopNavigate = bridge.onNavigate((to) => {
      if ((menuDestinations as readonly string[]).includes(to)) void navigate({ to });
    });
    return () => {
      stopOpenTask();
      stopNavigate();
    };
  }, [bridge, navigate]);

  return null;
}
