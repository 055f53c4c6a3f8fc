// IPC channel names shared by main and preload; free of dependencies so the sandboxed preload stays tiny.

/** renderer → main requests (ipcRenderer.invoke); main answers each one after validating its payload. */
export const ipcChannels = {
  getServerUrl: 'portico:get-server-url',
  getToken: 'portico:get-token',
  setToken: 'portico:set-token',
  clearToken: 'portico:clear-token',
  setServerUrl: 'portico:set-server-url',
  notify: 'portico:notify',
  getAppInfo: 'portico:get-app-info',
} as const;

/** main → renderer events (webContents.send). */
export const ipcEvents = {
  /** Open this task (deep link, notification click). */
  openTask: 'portico:open-task',
  /** Show this screen (the application menu's Go menu). */
  navigate: 'portico:navigate',
} as const;

export type IpcChannel = (typeof ipcChannels)[keyof typeof ipcChannels];
export type IpcEvent = (typeof ipcEvents)[keyof typeof ipcEvents];
