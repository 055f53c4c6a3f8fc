// Routes of the Customers area (owned by this folder; registered once in router.tsx).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';
import { CustomerPage } from './customer-page';
import { CustomersScreen } from './customers-list';

export const customersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customers',
  component: CustomersScreen,
});

export const customerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customers/$customerId',
  component: CustomerRouteScreen,
});

function CustomerRouteScreen() {
  const { customerId } = customerRoute.useParams();
  // Keyed so moving to another customer starts with fresh forms.
  return <CustomerPage key={customerId} customerId={customerId} />;
}

export const customersRoutes = [customersRoute, customerRoute];
