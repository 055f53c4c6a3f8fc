// Routes of the Settings area (owned by this folder; registered once in router.tsx): the server address,
// the session, and the app's version.
import { useTRPC } from '@portico/api-client';
import { useQuery } from '@tanstack/react-query';
import { createRoute, useRouteContext } from '@tanstack/react-router';
import { rootRoute } from '../../shell/root-route';
import { appInfoQueryKey, ServerUrlForm } from './server-url-form';
import './settings.css';

export const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  component: SettingsScreen,
});

function SettingsScreen() {
  const { bridge } = useRouteContext({ from: '__root__' });
  return (
    <div className="settings">
      <h1 id="settings-title">Settings</h1>
      <section className="panel settings-section" aria-labelledby="settings-server-title">
        <h2 id="settings-server-title">Server</h2>
        <ServerUrlForm bridge={bridge} />
      </section>
      <SessionSection />
      <AboutSection />
    </div>
  );
}

function SessionSection() {
  const { bridge, me: signedIn } = useRouteContext({ from: '__root__' });
  const trpc = useTRPC();
  // Fresh: the idle expiry moves forward as the session is used.
  const me = useQuery(trpc.auth.me.queryOptions());
  const appInfo = useQuery({ queryKey: appInfoQueryKey, queryFn: () => bridge.getAppInfo() });
  const session = (me.data ?? signedIn).session;
  // dateStyle/timeStyle cannot name the zone: the parts are spelled out so the zone shows.
  const format = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: signedIn.organization.timeZone,
    timeZoneName: 'short',
  });
  const storage = !appInfo.data
    ? '…'
    : appInfo.data.runtime === 'browser'
      ? 'In this browser tab only; closing the tab signs you out.'
      : appInfo.data.isTokenEncrypted
        ? 'Encrypted by the system keychain, on this computer only.'
        : 'In memory only (this computer has no keychain Portico can use): quitting signs you out.';
  return (
    <section className="panel settings-section" aria-labelledby="settings-session-title">
      <h2 id="settings-session-title">Session</h2>
      <dl className="settings-list">
        <dt>Signed in as</dt>
        <dd>
          {signedIn.user.name} ({signedIn.user.email})
        </dd>
        <dt>Organization</dt>
        <dd>{signedIn.organization.name}</dd>
        <dt>Ends if unused until</dt>
        <dd>{format.format(session.idleExpiresAt)}</dd>
        <dt>Ends at the latest</dt>
        <dd>{format.format(session.absoluteExpiresAt)}</dd>
        <dt>Session kept</dt>
        <dd>{storage}</dd>
      </dl>
    </section>
  );
}

function AboutSection() {
  const { bridge } = useRouteContext({ from: '__root__' });
  const appInfo = useQuery({ queryKey: appInfoQueryKey, queryFn: () => bridge.getAppInfo() });
  const version = !appInfo.data
    ? '…'
    : appInfo.data.runtime === 'browser'
      ? 'Browser preview (the desktop app’s screens in a browser tab)'
      : (appInfo.data.version ?? 'unknown');
  return (
    <section className="panel settings-section" aria-labelledby="settings-about-title">
      <h2 id="settings-about-title">About</h2>
      <dl className="settings-list">
        <dt>Version</dt>
        <dd data-testid="app-version">{version}</dd>
      </dl>
    </section>
  );
}

export const settingsRoutes = [settingsRoute];
