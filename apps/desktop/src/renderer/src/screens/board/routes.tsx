// Routes of the Dispatch board area (owned by this folder; registered once in router.tsx).
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';

export const boardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/board',
  // its own chunk, loaded when first opened (the app starts on the task list)
  component: lazyRouteComponent(() => import('./board-screen'), 'BoardScreen'),
});

export const boardRoutes = [boardRoute];
