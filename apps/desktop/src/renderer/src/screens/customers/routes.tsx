// Routes of the Customers area (owned by this folder; registered once in router.tsx).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';

export const customersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customers',
  component: CustomersScreen,
});

function CustomersScreen() {
  return (
    <section className="panel" aria-labelledby="customers-title">
      <h1 id="customers-title">Customers</h1>
    </section>
  );
}

export const customersRoutes = [customersRoute];
