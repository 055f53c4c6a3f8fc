import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { ipcChannels } from '../shared/ipc-channels';
import { registerIpcHandlers } from './ipc';
import type { TokenStore } from './token-store';

const APP_URL = 'file:///opt/portico/resources/app/out/renderer/index.html';
const TOKEN = 'abcdefghijklmnopqrstuvwx.abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Registers the real handlers on a stand-in for ipcMain (importing electron is impossible outside Electron). */
function setUp() {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) };
  let stored: string | null = null;
  const tokenStore: TokenStore = {
    get: () => Promise.resolve(stored),
    set: (token) => Promise.resolve(void (stored = token)),
    clear: () => Promise.resolve(void (stored = null)),
  };
  registerIpcHandlers(ipcMain as unknown as IpcMain, {
    serverUrl: 'https://portico.example.com',
    tokenStore,
    isTrustedUrl: (url) => url === APP_URL,
  });
  const invoke = (channel: string, frameUrl: string, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: { url: frameUrl } } as IpcMainInvokeEvent, ...args);
  };
  return { invoke, handlers, getStored: () => stored };
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
  });

  it('refuses a page that is not the app, whatever it asks', async () => {
    const { invoke, getStored } = setUp();
    await invoke(ipcChannels.setToken, APP_URL, TOKEN);
    await expect(invoke(ipcChannels.getToken, 'https://evil.example/')).rejects.toThrow(
      /did not come from Portico/,
    );
    await expect(invoke(ipcChannels.clearToken, 'https://evil.example/')).rejects.toThrow(
      /did not come from Portico/,
    );
    expect(getStored()).toBe(TOKEN);
  });

  it('refuses payloads that are not a session token, and extra arguments', async () => {
    const { invoke, getStored } = setUp();
    await expect(invoke(ipcChannels.setToken, APP_URL, { token: TOKEN })).rejects.toThrow(/invalid payload/);
    await expect(invoke(ipcChannels.setToken, APP_URL, 'x'.repeat(500))).rejects.toThrow(/invalid payload/);
    await expect(invoke(ipcChannels.setToken, APP_URL, TOKEN, 'extra')).rejects.toThrow(/invalid payload/);
    await expect(invoke(ipcChannels.getToken, APP_URL, 'unexpected')).rejects.toThrow(/invalid payload/);
    expect(getStored()).toBeNull();
  });
});
