// The portal's frame: a neutral header until the organization's branding is known, the page, a footer.
import { createRootRouteWithContext, HeadContent, Outlet } from '@tanstack/react-router';
import { NotFound } from '../components/route-states';
import type { RouterContext } from '../router';

export const Route = createRootRouteWithContext<RouterContext>()({
  head: () => ({ meta: [{ title: 'Your appointments' }] }),
  component: RootLayout,
  notFoundComponent: NotFound,
});

function RootLayout() {
  return (
    <>
      <HeadContent />
      <div className="shell">
        <header className="shell-header">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Appointments</span>
        </header>
        <main className="shell-main" id="main">
          <Outlet />
        </main>
        <footer className="shell-footer">
          <p>Secure customer portal</p>
        </footer>
      </div>
    </>
  );
}
