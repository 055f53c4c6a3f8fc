// Routes of the Appointment windows area (owned by this folder; registered once in router.tsx).
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';

export const windowsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/windows',
  // its own chunk, loaded when first opened (the app starts on the task list)
  component: lazyRouteComponent(() => import('./windows-screen'), 'WindowsScreen'),
});

export const windowsRoutes = [windowsRoute];
