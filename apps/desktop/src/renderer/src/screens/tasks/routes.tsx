// Routes of the Tasks area (owned by this folder; registered once in router.tsx).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';

export const tasksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tasks',
  component: TasksScreen,
});

function TasksScreen() {
  return (
    <section className="panel" aria-labelledby="tasks-title">
      <h1 id="tasks-title">Tasks</h1>
    </section>
  );
}

export const tasksRoutes = [tasksRoute];
