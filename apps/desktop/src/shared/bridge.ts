// The shape of `window.desktop`: everything the renderer may ask of the main process, and nothing more.
export type DesktopBridge = {
  /** Origin of the Portico server this app talks to, e.g. https://portico.example.com. */
  getServerUrl: () => Promise<string>;
  getToken: () => Promise<string | null>;
  setToken: (token: string) => Promise<void>;
  clearToken: () => Promise<void>;
  /** Points the app at another server (the settings screen); main validates and remembers it. */
  setServerUrl: (url: string) => Promise<void>;
  /** A native notification; clicking it opens the task when one is named. */
  notify: (input: { title: string; body: string; taskId?: string }) => Promise<void>;
  /** `portico://task/<id>` links and notification clicks: the task to open. Returns an unsubscribe. */
  onOpenTask: (listener: (taskId: string) => void) => () => void;
};
