// Routes of the Dispatch board area (owned by this folder; registered once in router.tsx).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';
import { BoardScreen } from './board-screen';

export const boardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/board',
  component: BoardScreen,
});

export const boardRoutes = [boardRoute];
