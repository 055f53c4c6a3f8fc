import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { ipcChannels } from '../shared/ipc-channels';
import type { DesktopNotification } from '../shared/ipc-payloads';
import { registerIpcHandlers } from './ipc';
import type { ServerUrlStore } from './server-url-store';
import type { TokenStore } from './token-store';

const APP_URL = 'file:///opt/portico/resources/app/out/renderer/index.html';
const TOKEN = 'abcdefghijklmnopqrstuvwx.abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst';
const TASK_ID = '0b9e3c52-5d1f-4c7a-9a47-2f8f0c3e6b1d';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Registers the real handlers on a stand-in for ipcMain (importing electron is impossible outside Electron). */
function setUp({ environmentUrl = null }: { environmentUrl?: string | null } = {}) {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler) };
  let stored: string | null = null;
  let serverUrl = 'https://portico.example.com';
  const notifications: DesktopNotification[] = [];
  const tokenStore: TokenStore = {
    get: () => Promise.resolve(stored),
    set: (token) => Promise.resolve(void (stored = token)),
    clear: () => Promise.resolve(void (stored = null)),
  };
  const serverUrlStore: ServerUrlStore = {
    get: () => environmentUrl ?? serverUrl,
    isFromEnvironment: () => environmentUrl !== null,
    set: (url) => Promise.resolve(void (serverUrl = url)),
  };
  registerIpcHandlers(ipcMain, {
    serverUrlStore,
    tokenStore,
    notifier: { notify: (n) => void notifications.push(n) },
    getAppInfo: () =>
      Promise.resolve({
        runtime: 'electron',
        version: '1.2.3',
        isTokenEncrypted: true,
        isServerUrlFromEnvironment: false,
      }),
    isTrustedUrl: (url) => url === APP_URL,
  });
  const invoke = (channel: string, frameUrl: string, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: { url: frameUrl } } as IpcMainInvokeEvent, ...args);
  };
  return { invoke, handlers, getStored: () => stored, getServerUrl: () => serverUrl, notifications };
}

describe('IPC handlers', () => {
  it('answers every channel the preload uses', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual(Object.values(ipcChannels).sort());
  });

  it('stores, returns and clears a well-formed token for the app’s own page', async () => {
    const { invoke, getStored } = setUp();
    await invoke(ipcChannels.setToken, APP_URL, TOKEN);
    expect(getStored()).toBe(TOKEN);
    expect(await invoke(ipcChannels.getToken, APP_URL)).toBe(TOKEN);
    await invoke(ipcChannels.clearToken, APP_URL);
    expect(await invoke(ipcChannels.getToken, APP_URL)).toBeNull();
    expect(await invoke(ipcChannels.getServerUrl, APP_URL)).toBe('https://portico.example.com');
    expect(await invoke(ipcChannels.getAppInfo, APP_URL)).toMatchObject({ version: '1.2.3' });
  });

  it('refuses a page that is not the app, whatever it asks', async () => {
    const { invoke, getStored, getServerUrl, notifications } = setUp();
    await invoke(ipcChannels.setToken, APP_URL, TOKEN);
    for (const [channel, ...args] of [
      [ipcChannels.getToken],
      [ipcChannels.clearToken],
      [ipcChannels.setToken, TOKEN],
      [ipcChannels.getServerUrl],
      [ipcChannels.setServerUrl, 'https://evil.example'],
      [ipcChannels.notify, { title: 'Hi', body: '' }],
      [ipcChannels.getAppInfo],
    ] as const) {
      await expect(invoke(channel, 'https://evil.example/', ...args), channel).rejects.toThrow(
        /did not come from Portico/,
      );
      await expect(invoke(channel, '', ...args), channel).rejects.toThrow(/did not come from Portico/);
    }
    expect(getStored()).toBe(TOKEN);
    expect(getServerUrl()).toBe('https://portico.example.com');
    expect(notifications).toEqual([]);
  });

  it('refuses payloads that are not a session token, and extra arguments', async () => {
    const { invoke, getStored } = setUp();
    await expect(invoke(ipcChannels.setToken, APP_URL, { token: TOKEN })).rejects.toThrow(/invalid payload/);
    await expect(invoke(ipcChannels.setToken, APP_URL, 'x'.repeat(500))).rejects.toThrow(/invalid payload/);
    await expect(invoke(ipcChannels.setToken, APP_URL, TOKEN, 'extra')).rejects.toThrow(/invalid payload/);
    await expect(invoke(ipcChannels.setToken, APP_URL)).rejects.toThrow(/invalid payload/);
    await expect(invoke(ipcChannels.getToken, APP_URL, 'unexpected')).rejects.toThrow(/invalid payload/);
    expect(getStored()).toBeNull();
  });

  it('changes the server, as an origin, and forgets the old server’s token', async () => {
    const { invoke, getStored, getServerUrl } = setUp();
    await invoke(ipcChannels.setToken, APP_URL, TOKEN);
    await invoke(ipcChannels.setServerUrl, APP_URL, 'https://portico.example.com/');
    expect(getStored()).toBe(TOKEN); // the same server: nothing changes
    await invoke(ipcChannels.setServerUrl, APP_URL, 'https://other.example.com/');
    expect(getServerUrl()).toBe('https://other.example.com');
    expect(getStored()).toBeNull();
  });

  it('refuses a server address that is not an https origin (or http on this machine), keeping the token', async () => {
    const { invoke, getStored, getServerUrl } = setUp();
    await invoke(ipcChannels.setToken, APP_URL, TOKEN);
    for (const args of [
      ['http://portico.example.com'],
      ['file:///etc/passwd'],
      ['https://portico.example.com/path'],
      [{ url: 'https://other.example.com' }],
      ['https://other.example.com', 'extra'],
      [],
    ]) {
      await expect(invoke(ipcChannels.setServerUrl, APP_URL, ...args), JSON.stringify(args)).rejects.toThrow(
        /invalid payload/,
      );
    }
    expect(getServerUrl()).toBe('https://portico.example.com');
    expect(getStored()).toBe(TOKEN);
  });

  it('refuses to change a server forced by PORTICO_SERVER_URL', async () => {
    const { invoke, getStored } = setUp({ environmentUrl: 'https://forced.example.com' });
    await invoke(ipcChannels.setToken, APP_URL, TOKEN);
    await expect(invoke(ipcChannels.setServerUrl, APP_URL, 'https://other.example.com')).rejects.toThrow(
      /PORTICO_SERVER_URL/,
    );
    expect(getStored()).toBe(TOKEN);
  });

  it('shows a well-formed notification and refuses any other', async () => {
    const { invoke, notifications } = setUp();
    await invoke(ipcChannels.notify, APP_URL, { title: 'Booked', body: 'Tue 8–12', taskId: TASK_ID });
    await invoke(ipcChannels.notify, APP_URL, { title: 'Hello', body: '' });
    for (const payload of [
      { title: '', body: 'x' },
      { title: 'x'.repeat(500), body: 'x' },
      { title: 'Booked', body: 'x'.repeat(5000) },
      { title: 'Booked', body: 'x', taskId: 'not-a-uuid' },
      { title: 'Booked', body: 'x', icon: '/etc/passwd' },
      'Booked',
      null,
    ]) {
      await expect(invoke(ipcChannels.notify, APP_URL, payload), JSON.stringify(payload)).rejects.toThrow(
        /invalid payload/,
      );
    }
    expect(notifications).toEqual([
      { title: 'Booked', body: 'Tue 8–12', taskId: TASK_ID },
      { title: 'Hello', body: '' },
    ]);
  });
});
