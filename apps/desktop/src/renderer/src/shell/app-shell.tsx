// The signed-in frame around every screen: the title bar (organization, user, sign out), the navigation, a
// banner while the server cannot be reached, and the current screen.
import { describeClientError } from '@portico/api-client';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouteContext } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { LiveUpdates } from './live-updates';
import { OpenTaskListener } from './open-task-listener';

const roleLabels = { admin: 'Admin', dispatcher: 'Dispatcher' } as const;

const navigation = [
  { to: '/tasks', label: 'Tasks', shortcut: '1' },
  { to: '/board', label: 'Dispatch board', shortcut: '2' },
  { to: '/windows', label: 'Appointment windows', shortcut: '3' },
  { to: '/customers', label: 'Customers', shortcut: '4' },
  { to: '/notifications', label: 'Notification log', shortcut: '5' },
  { to: '/settings', label: 'Settings', shortcut: '6' },
] as const;

/** Only admins see (and can jump to) the Admin area. */
const adminNavigation = { to: '/admin', label: 'Admin', shortcut: '7' } as const;

function navigationFor(role: 'admin' | 'dispatcher') {
  return role === 'admin' ? [...navigation, adminNavigation] : [...navigation];
}

export function AppShell() {
  const { me, signOut } = useRouteContext({ from: '__root__' });
  const [isSigningOut, setIsSigningOut] = useState(false);
  const isOffline = useConnectionLost();
  return (
    <div className="app-frame">
      <header className="top-bar">
        <div className="wordmark">
          <span className="wordmark-mark" aria-hidden="true" />
          Portico
          <span className="top-bar-org">{me.organization.name}</span>
        </div>
        <div className="top-bar-user">
          <span className="avatar" aria-hidden="true">
            {initials(me.user.name)}
          </span>
          <span>
            <span className="top-bar-name">{me.user.name}</span>
            <span className="top-bar-role">{roleLabels[me.user.role]}</span>
          </span>
          <button
            type="button"
            className="button button-secondary"
            disabled={isSigningOut}
            onClick={() => {
              setIsSigningOut(true);
              void signOut().finally(() => setIsSigningOut(false));
            }}
          >
            {isSigningOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </header>
      {isOffline ? (
        <div className="connection-banner" role="status">
          The server cannot be reached. Portico keeps trying; nothing you typed is lost.
        </div>
      ) : null}
      <div className="app-body">
        <nav className="side-nav" aria-label="Main">
          <ul>
            {navigationFor(me.user.role).map((item) => (
              <li key={item.to}>
                <Link to={item.to} className="side-nav-link" activeProps={{ 'aria-current': 'page' }}>
                  {item.label}
                  <kbd aria-hidden="true">Alt+{item.shortcut}</kbd>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main className="workspace" id="main">
          <Outlet />
        </main>
      </div>
      <NavigationShortcuts role={me.user.role} />
      <LiveUpdates />
      <OpenTaskListener />
    </div>
  );
}

/** Alt+1…7 jump between the main screens (Alt+7, Admin, for admins only). */
function NavigationShortcuts({ role }: { role: 'admin' | 'dispatcher' }) {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const item = navigationFor(role).find((n) => n.shortcut === event.key);
      if (!item) return;
      event.preventDefault();
      void navigate({ to: item.to });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, role]);
  return null;
}

/**
 * True while the server cannot be reached: a query failed without an answer from the server (network), until
 * one succeeds again. Queries retry on their own (api-client's retry policy), and failed saves keep their form.
 */
function useConnectionLost(): boolean {
  const queryClient = useQueryClient();
  const [isLost, setIsLost] = useState(false);
  useEffect(() => {
    const cache = queryClient.getQueryCache();
    return cache.subscribe((event) => {
      if (event.type !== 'updated') return;
      const { state } = event.query;
      if (state.status === 'error' && describeClientError(state.error).code === null) setIsLost(true);
      else if (state.status === 'success' && state.fetchStatus === 'idle') setIsLost(false);
    });
  }, [queryClient]);
  useEffect(() => {
    const offline = () => setIsLost(true);
    window.addEventListener('offline', offline);
    return () => window.removeEventListener('offline', offline);
  }, []);
  return isLost;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters
    .map((part) => part?.[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 2);
}
