// Routes of the Admin area (owned by this folder; registered once in router.tsx). Only admins see it: the layout
// route sends anyone else back to the task list, and the API refuses the same calls to dispatchers. Each section's
// screen is its own chunk, loaded when first opened, so a dispatcher's app never downloads the admin screens.
import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';
import { AdminLayout } from './admin-layout';
import './admin.css';

export const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  beforeLoad: ({ context }) => {
    if (context.me.user.role !== 'admin') throw redirect({ to: '/tasks' });
  },
  component: AdminLayout,
});

const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/admin/branding' });
  },
});

const brandingRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/branding',
  component: lazyRouteComponent(() => import('./branding/branding-screen'), 'BrandingScreen'),
});

const labelsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/labels',
  component: lazyRouteComponent(() => import('./branding/labels-screen'), 'LabelsScreen'),
});

const notificationsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/notifications',
  component: lazyRouteComponent(
    () => import('./notifications/notification-settings-screen'),
    'NotificationSettingsScreen',
  ),
});

const policiesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/policies',
  component: lazyRouteComponent(() => import('./policies/policies-screen'), 'PoliciesScreen'),
});

const fieldsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/fields',
  component: lazyRouteComponent(() => import('./fields/custom-fields-screen'), 'CustomFieldsScreen'),
});

const staffRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/staff',
  component: lazyRouteComponent(() => import('./staff/staff-screen'), 'StaffScreen'),
});

const auditRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/audit',
  component: lazyRouteComponent(() => import('./audit/audit-screen'), 'AuditScreen'),
});

export const adminRoutes = [
  adminRoute.addChildren([
    adminIndexRoute,
    brandingRoute,
    labelsRoute,
    notificationsRoute,
    policiesRoute,
    fieldsRoute,
    staffRoute,
    auditRoute,
  ]),
];
