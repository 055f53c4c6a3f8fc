// Routes of the Admin area (owned by this folder; registered once in router.tsx). Only admins see it: the
// layout route sends anyone else back to the task list, and the API refuses the same calls to dispatchers.
import { createRoute, redirect } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';
import { AdminLayout } from './admin-layout';
import { AuditScreen } from './audit/audit-screen';
import { BrandingScreen } from './branding/branding-screen';
import { LabelsScreen } from './branding/labels-screen';
import { CustomFieldsScreen } from './fields/custom-fields-screen';
import { NotificationSettingsScreen } from './notifications/notification-settings-screen';
import { PoliciesScreen } from './policies/policies-screen';
import { StaffScreen } from './staff/staff-screen';
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
  component: BrandingScreen,
});

const labelsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/labels',
  component: LabelsScreen,
});

const notificationsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/notifications',
  component: NotificationSettingsScreen,
});

const policiesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/policies',
  component: PoliciesScreen,
});

const fieldsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/fields',
  component: CustomFieldsScreen,
});

const staffRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/staff',
  component: StaffScreen,
});

const auditRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/audit',
  component: AuditScreen,
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
