// Routes of the Notification log area (owned by this folder; registered once in router.tsx).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';

export const notificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/notifications',
  component: NotificationsScreen,
});

function NotificationsScreen() {
  return (
    <section className="panel" aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notification log</h1>
    </section>
  );
}

export const notificationsRoutes = [notificationsRoute];
