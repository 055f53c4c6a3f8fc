// Routes of one task's page (owned by this folder; registered once in router.tsx).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';
import { TaskPageScreen } from './task-page-screen';
import '../notifications/notifications.css';
import './task-page.css';

export const taskPageRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tasks/$taskId',
  component: TaskPageRouteScreen,
});

function TaskPageRouteScreen() {
  const { taskId } = taskPageRoute.useParams();
  // keyed so that moving to another task starts with fresh state (open panels, reason forms)
  return <TaskPageScreen key={taskId} taskId={taskId} />;
}

export const taskPageRoutes = [taskPageRoute];
