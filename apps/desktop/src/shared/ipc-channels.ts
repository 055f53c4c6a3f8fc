// IPC channel names shared by main and preload; free of dependencies so the sandboxed preload stays tiny.
export const ipcChannels = {
  getServerUrl: 'portico:get-server-url',
  getToken: 'portico:get-token',
  setToken: 'portico:set-token',
  clearToken: 'portico:clear-token',
} as const;

export type IpcChannel = (typeof ipcChannels)[keyof typeof ipcChannels];
