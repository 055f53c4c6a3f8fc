// Routes of the Notification log area (owned by this folder; registered once in router.tsx). The filters and
// the open entry live in the address (?type=…&entry=…), so going back and forth keeps them.
import { channels, notificationTypes } from '@portico/validators/common';
import { notificationStatuses } from '@portico/validators/notifications';
import { createRoute } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { rootRoute } from '../../shell/root-route';
import './notifications.css';

export type NotificationLogSearch = {
  type?: (typeof notificationTypes)[number] | undefined;
  channel?: (typeof channels)[number] | undefined;
  status?: (typeof notificationStatuses)[number] | undefined;
  /** Local dates in the organization's time zone, YYYY-MM-DD, both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  recipient?: string | undefined;
  /** The log entry open in the side panel. */
  entry?: string | undefined;
};

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function pick<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

function text(value: unknown, pattern?: RegExp): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return pattern && !pattern.test(value) ? undefined : value;
}

export function parseNotificationLogSearch(search: Record<string, unknown>): NotificationLogSearch {
  return {
    type: pick(search.type, notificationTypes),
    channel: pick(search.channel, channels),
    status: pick(search.status, notificationStatuses),
    from: text(search.from, datePattern),
    to: text(search.to, datePattern),
    recipient: text(search.recipient),
    entry: text(search.entry),
  };
}

// its own chunk, loaded when first opened (the app starts on the task list)
const NotificationLogScreen = lazy(() =>
  import('./notification-log-screen').then((m) => ({ default: m.NotificationLogScreen })),
);

export const notificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/notifications',
  validateSearch: parseNotificationLogSearch,
  component: NotificationsScreen,
});

function NotificationsScreen() {
  const search = notificationsRoute.useSearch();
  return (
    <Suspense fallback={<p className="muted">Loading the notification log…</p>}>
      <NotificationLogScreen search={search} />
    </Suspense>
  );
}

export const notificationsRoutes = [notificationsRoute];
