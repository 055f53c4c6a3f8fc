// Routes of the Appointment windows area (owned by this folder; registered once in router.tsx).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';
import { WindowsScreen } from './windows-screen';

export const windowsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/windows',
  component: WindowsScreen,
});

export const windowsRoutes = [windowsRoute];
