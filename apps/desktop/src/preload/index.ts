// The preload script: exposes the one typed `window.desktop` bridge; no Node or Electron object crosses it.
import { contextBridge, ipcRenderer } from 'electron';
import type { AppInfo, DesktopBridge, MenuDestination } from '../shared/bridge';
import { ipcChannels, ipcEvents } from '../shared/ipc-channels';
import { createEventRelay } from '../shared/event-relay';

// main → renderer events are listened to from the start, so a deep link that launched the app is not lost.
const openTask = createEventRelay<string>({ holdUntilHeard: true });
const navigate = createEventRelay<MenuDestination>({ holdUntilHeard: false });
ipcRenderer.on(ipcEvents.openTask, (_event, taskId: unknown) => {
  if (typeof taskId === 'string') openTask.deliver(taskId);
});
ipcRenderer.on(ipcEvents.navigate, (_event, to: unknown) => {
  if (typeof to === 'string') navigate.deliver(to as MenuDestination);
});

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
  getAppInfo: () => ipcRenderer.invoke(ipcChannels.getAppInfo) as Promise<AppInfo>,
  // Wrapped so the renderer's function is the only thing handed to the relay (and never an IPC event object).
  onOpenTask: (listener) => openTask.subscribe((taskId) => listener(taskId)),
  onNavigate: (listener) => navigate.subscribe((to) => listener(to)),
};

contextBridge.exposeInMainWorld('desktop', bridge);
