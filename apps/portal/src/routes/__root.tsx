// The portal's root: document head, then the matched page (each page family draws its own branded frame).
import { createRootRouteWithContext, HeadContent, Outlet } from '@tanstack/react-router';
import { NotFound } from '../components/route-states';
import { Shell } from '../components/shell';
import type { RouterContext } from '../router';

export const Route = createRootRouteWithContext<RouterContext>()({
  head: () => ({ meta: [{ title: 'Your appointments' }] }),
  component: RootLayout,
  notFoundComponent: () => (
    <Shell brand={<span className="brand-name">Appointments</span>}>
      <NotFound />
    </Shell>
  ),
});

function RootLayout() {
  return (
    <>
      <HeadContent />
      <Outlet />
    </>
  );
}
