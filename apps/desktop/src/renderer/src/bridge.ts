// The renderer's way to the main process: Electron's `window.desktop`, or a stand-in when run in a browser.
import type { DesktopBridge } from '../../shared/bridge';

const TOKEN_KEY = 'portico.desktop.sessionToken';

/** sessionStorage, or memory where storage is refused (some privacy settings throw on access). */
function createTabStorage(): { get: () => string | null; set: (v: string) => void; remove: () => void } {
  let memory: string | null = null;
  const attempt = <T>(run: () => T, fallback: () => T): T => {
    try {
      return run();
    } catch {
      return fallback();
    }
  };
  return {
    get: () =>
      attempt(
        () => window.sessionStorage.getItem(TOKEN_KEY),
        () => memory,
      ),
    set: (value) =>
      attempt(
        () => window.sessionStorage.setItem(TOKEN_KEY, value),
        () => {
          memory = value;
        },
      ),
    remove: () =>
      attempt(
        () => window.sessionStorage.removeItem(TOKEN_KEY),
        () => {
          memory = null;
        },
      ),
  };
}

/** `?server=https://portico.example.com` points the page at another server; otherwise its own origin. */
function resolveServerUrl(): string {
  const requested = new URLSearchParams(window.location.search).get('server');
  if (requested) {
    try {
      const url = new URL(requested);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
    } catch {
      // A malformed parameter falls back to this page's own server.
    }
  }
  return window.location.origin;
}

const openTaskListeners = new Set<(taskId: string) => void>();

/**
 * Outside Electron (browser tests, a quick look in a browser) the token lives only in this tab, like a
 * session cookie would; inside Electron, main keeps it in the OS keychain.
 */
export function createBrowserBridge(): DesktopBridge {
  const storage = createTabStorage();
  const serverUrl = resolveServerUrl();
  return {
    getServerUrl: () => Promise.resolve(serverUrl),
    getToken: () => Promise.resolve(storage.get()),
    setToken: (token) => Promise.resolve(storage.set(token)),
    clearToken: () => Promise.resolve(storage.remove()),
    // A browser page cannot change which server served it; the settings screen says so.
    setServerUrl: () => Promise.reject(new Error('In a browser, the server is the one this page came from.')),
    notify: (input) => {
      // The browser's own notifications where the person allowed them; otherwise the in-app toast suffices.
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        const shown = new Notification(input.title, { body: input.body });
        if (input.taskId) {
          const taskId = input.taskId;
          shown.onclick = () => openTaskListeners.forEach((listener) => listener(taskId));
        }
      }
      return Promise.resolve();
    },
    getAppInfo: () =>
      Promise.resolve({
        runtime: 'browser',
        version: null,
        isTokenEncrypted: false,
        isServerUrlFromEnvironment: false,
      }),
    onOpenTask: (listener) => {
      openTaskListeners.add(listener);
      return () => openTaskListeners.delete(listener);
    },
    // A browser tab has no application menu: nothing ever navigates from outside the page.
    onNavigate: () => () => undefined,
  };
}

export function getBridge(): DesktopBridge {
  return window.desktop ?? createBrowserBridge();
}
