// The signed-in app's router: hash history (the renderer is an app://portico page in Electron), one route tree built
// from each area's routes.
import { createHashHistory, createRouter } from '@tanstack/react-router';
import { adminRoutes } from './screens/admin/routes';
import { boardRoutes } from './screens/board/routes';
import { customersRoutes } from './screens/customers/routes';
import { notificationsRoutes } from './screens/notifications/routes';
import { settingsRoutes } from './screens/settings/routes';
import { taskPageRoutes } from './screens/task-page/routes';
import { tasksRoutes } from './screens/tasks/routes';
import { windowsRoutes } from './screens/windows/routes';
import { indexRoute, rootRoute, type DesktopRouterContext } from './shell/root-route';

const routeTree = rootRoute.addChildren([
  indexRoute,
  ...tasksRoutes,
  ...taskPageRoutes,
  ...boardRoutes,
  ...windowsRoutes,
  ...customersRoutes,
  ...notificationsRoutes,
  ...settingsRoutes,
  ...adminRoutes,
]);

export function createDesktopRouter(context: DesktopRouterContext) {
  return createRouter({
    routeTree,
    history: createHashHistory(),
    context,
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createDesktopRouter>;
  }
}
