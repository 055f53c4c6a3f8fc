// Routes of the Dispatch board area (owned by this folder; registered once in router.tsx).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';

export const boardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/board',
  component: BoardScreen,
});

function BoardScreen() {
  return (
    <section className="panel" aria-labelledby="board-title">
      <h1 id="board-title">Dispatch board</h1>
    </section>
  );
}

export const boardRoutes = [boardRoute];
