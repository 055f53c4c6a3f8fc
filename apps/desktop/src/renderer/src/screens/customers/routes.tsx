// Routes of the Customers area (owned by this folder; registered once in router.tsx).
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { rootRoute } from '../../shell/root-route';

// the area's screens are their own chunk, loaded when first opened (the app starts on the task list)
const CustomerPage = lazy(() => import('./customer-page').then((m) => ({ default: m.CustomerPage })));

export const customersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customers',
  component: lazyRouteComponent(() => import('./customers-list'), 'CustomersScreen'),
});

export const customerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customers/$customerId',
  component: CustomerRouteScreen,
});

function CustomerRouteScreen() {
  const { customerId } = customerRoute.useParams();
  // Keyed so moving to another customer starts with fresh forms.
  return (
    <Suspense fallback={<p className="muted">Loading the customer…</p>}>
      <CustomerPage key={customerId} customerId={customerId} />
    </Suspense>
  );
}

export const customersRoutes = [customersRoute, customerRoute];
