// IPC channel names shared by main and preload; free of dependencies so the sandboxed preload stays tiny.
export const ipcChannels = {
  getServerUrl: 'portico:get-server-url',
  getToken: 'portico:get-token',
  setToken: 'portico:set-token',
  clearToken: 'portico:clear-token',
  setServerUrl: 'portico:set-server-url',
  notify: 'portico:notify',
  /** main → renderer: open this task (deep link, notification click). */
  openTask: 'portico:open-task',
} as const;

export type IpcChannel = (typeof ipcChannels)[keyof typeof ipcChannels];
