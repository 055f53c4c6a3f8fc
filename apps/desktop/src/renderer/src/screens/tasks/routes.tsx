// Routes of the Tasks area (owned by this folder; registered once in router.tsx): the list, with its filters
// in the URL, the new-task form and the edit form of one task.
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useCallback } from 'react';
import { rootRoute } from '../../shell/root-route';
import { parseTaskListSearch, taskListQueryOptions, type TaskListSearch } from './task-list-search';
import { TaskEditScreen } from './task-edit-screen';
import { TaskFormScreen } from './task-form-screen';
import { TaskListScreen } from './task-list-screen';
import './tasks.css';

export const tasksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tasks',
  validateSearch: (raw: Record<string, unknown>): TaskListSearch => parseTaskListSearch(raw),
  loaderDeps: ({ search }) => search,
  // Starts the first page as soon as the route matches, before the screen renders; not awaited, so the
  // screen (filters, loading row) shows at once.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchInfiniteQuery(taskListQueryOptions(context.trpc, deps));
  },
  component: TasksScreen,
});

function TasksScreen() {
  const search = tasksRoute.useSearch();
  const navigate = useNavigate({ from: '/tasks' });
  const setSearch = useCallback(
    (change: Partial<TaskListSearch>) => {
      // replace: each filter click is not a step the back button should walk through
      void navigate({ search: (prev) => parseTaskListSearch({ ...prev, ...change }), replace: true });
    },
    [navigate],
  );
  return <TaskListScreen search={search} setSearch={setSearch} />;
}

export const newTaskRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tasks/new',
  component: TaskFormScreen,
});

export const editTaskRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tasks/$taskId/edit',
  component: EditTaskScreen,
});

function EditTaskScreen() {
  const { taskId } = editTaskRoute.useParams();
  // keyed so that another task's form starts from that task's values
  return <TaskEditScreen key={taskId} taskId={taskId} />;
}

export const tasksRoutes = [tasksRoute, newTaskRoute, editTaskRoute];
