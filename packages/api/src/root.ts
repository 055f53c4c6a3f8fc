// The one router: every procedure Portico serves, by domain. AppRouter is the whole contract.
import { activityRouter } from './routers/activity.router';
import { auditRouter } from './routers/audit.router';
import { authRouter } from './routers/auth.router';
import { contactsRouter } from './routers/contacts.router';
import { customFieldsRouter } from './routers/custom-fields.router';
import { customersRouter } from './routers/customers.router';
import { dispatchRouter } from './routers/dispatch.router';
import { liveRouter } from './routers/live.router';
import { notificationsRouter } from './routers/notifications.router';
import { organizationRouter } from './routers/organization.router';
import { portalAccessRouter } from './routers/portal-access.router';
import { portalRouter } from './routers/portal.router';
import { portalUsersRouter } from './routers/portal-users.router';
import { sitesRouter } from './routers/sites.router';
import { staffRouter } from './routers/staff.router';
import { tasksRouter } from './routers/tasks.router';
import { techniciansRouter } from './routers/technicians.router';
import { windowsRouter } from './routers/windows.router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  organization: organizationRouter,
  staff: staffRouter,
  technicians: techniciansRouter,
  customers: customersRouter,
  sites: sitesRouter,
  contacts: contactsRouter,
  windows: windowsRouter,
  tasks: tasksRouter,
  portalUsers: portalUsersRouter,
  notifications: notificationsRouter,
  portalAccess: portalAccessRouter,
  portal: portalRouter,
  activity: activityRouter,
  dispatch: dispatchRouter,
  live: liveRouter,
  customFields: customFieldsRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
