// The shape of `window.desktop`: everything the renderer may ask of the main process, and nothing more.
export type DesktopBridge = {
  /** Origin of the Portico server this app talks to, e.g. https://portico.example.com. */
  getServerUrl: () => Promise<string>;
  getToken: () => Promise<string | null>;
  setToken: (token: string) => Promise<void>;
  clearToken: () => Promise<void>;
};
