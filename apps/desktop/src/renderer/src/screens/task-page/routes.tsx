// Routes of one task's page (owned by this folder; registered once in router.tsx).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';

export const taskPageRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tasks/$taskId',
  component: TaskPageScreen,
});

function TaskPageScreen() {
  const { taskId } = taskPageRoute.useParams();
  return (
    <section className="panel" aria-labelledby="task-title">
      <h1 id="task-title">Task {taskId}</h1>
    </section>
  );
}

export const taskPageRoutes = [taskPageRoute];
