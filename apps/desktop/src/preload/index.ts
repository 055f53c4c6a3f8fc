// The preload script: exposes the one typed `window.desktop` bridge; no Node or Electron object crosses it.
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopBridge } from '../shared/bridge';
import { ipcChannels } from '../shared/ipc-channels';

// Each function forwards plain values only; main validates every payload, so the preload stays dumb.
const bridge: DesktopBridge = {
  getServerUrl: () => ipcRenderer.invoke(ipcChannels.getServerUrl) as Promise<string>,
  getToken: () => ipcRenderer.invoke(ipcChannels.getToken) as Promise<string | null>,
  setToken: async (token) => {
    await ipcRenderer.invoke(ipcChannels.setToken, token);
  },
  clearToken: async () => {
    await ipcRenderer.invoke(ipcChannels.clearToken);
  },
  setServerUrl: async (url) => {
    await ipcRenderer.invoke(ipcChannels.setServerUrl, url);
  },
  notify: async (input) => {
    await ipcRenderer.invoke(ipcChannels.notify, input);
  },
  onOpenTask: (listener) => {
    const handler = (_event: unknown, taskId: unknown) => {
      if (typeof taskId === 'string') listener(taskId);
    };
    ipcRenderer.on(ipcChannels.openTask, handler);
    return () => {
      ipcRenderer.removeListener(ipcChannels.openTask, handler);
    };
  },
};

contextBridge.exposeInMainWorld('desktop', bridge);
