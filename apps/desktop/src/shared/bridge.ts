// The shape of `window.desktop`: everything the renderer may ask of the main process, and nothing more.
import type { AppInfo, DesktopNotification, MenuDestination } from './ipc-payloads';

export type { AppInfo, DesktopNotification, MenuDestination };

export type DesktopBridge = {
  /** Origin of the Portico server this app talks to, e.g. https://portico.example.com. */
  getServerUrl: () => Promise<string>;
  getToken: () => Promise<string | null>;
  setToken: (token: string) => Promise<void>;
  clearToken: () => Promise<void>;
  /**
   * Points the app at another server (the settings screen); main validates and remembers it, and forgets the
   * session token (it belongs to the old server). The caller reloads the page afterwards.
   */
  setServerUrl: (url: string) => Promise<void>;
  /** A native notification; clicking it opens the task when one is named. */
  notify: (input: DesktopNotification) => Promise<void>;
  /** Version and how the app keeps its secrets, for the settings screen. */
  getAppInfo: () => Promise<AppInfo>;
  /** `portico://task/<id>` links and notification clicks: the task to open. Returns an unsubscribe. */
  onOpenTask: (listener: (taskId: string) => void) => () => void;
  /** The application menu's Go menu: the screen to show. Returns an unsubscribe. */
  onNavigate: (listener: (to: MenuDestination) => void) => () => void;
};
