// Routes of the Appointment windows area (owned by this folder; registered once in router.tsx).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';

export const windowsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/windows',
  component: WindowsScreen,
});

function WindowsScreen() {
  return (
    <section className="panel" aria-labelledby="windows-title">
      <h1 id="windows-title">Appointment windows</h1>
    </section>
  );
}

export const windowsRoutes = [windowsRoute];
