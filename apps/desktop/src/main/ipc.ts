// Answers the preload bridge's requests: checks who is asking and what they sent before touching anything.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { ipcChannels } from '../shared/ipc-channels';
import {
  noPayloadSchema,
  notifyPayloadSchema,
  setServerUrlPayloadSchema,
  setTokenPayloadSchema,
  type AppInfo,
} from '../shared/ipc-payloads';
import type { Notifier } from './notifications';
import type { ServerUrlStore } from './server-url-store';
import type { TokenStore } from './token-store';

export type HandlerDeps = {
  serverUrlStore: ServerUrlStore;
  tokenStore: TokenStore;
  notifier: Notifier;
  getAppInfo: () => Promise<AppInfo>;
  /** True when the frame's URL is this app's own renderer (not a page it was navigated to). */
  isTrustedUrl: (url: string) => boolean;
};

export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, deps: HandlerDeps): void {
  function handle<S extends z.ZodType<unknown[]>>(
    channel: string,
    schema: S,
    run: (payload: z.output<S>) => Promise<unknown>,
  ): void {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!deps.isTrustedUrl(frameUrl)) throw new Error('Refused: the request did not come from Portico.');
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        // The first issue's words are the schema's own (safe to show); the values sent are never echoed.
        const reason = parsed.error.issues[0]?.message ?? 'invalid';
        throw new Error(`Refused: invalid payload on ${channel}: ${reason}`);
      }
      return run(parsed.data);
    });
  }

  handle(ipcChannels.getServerUrl, noPayloadSchema, () => Promise.resolve(deps.serverUrlStore.get()));
  handle(ipcChannels.getToken, noPayloadSchema, () => deps.tokenStore.get());
  handle(ipcChannels.setToken, setTokenPayloadSchema, ([token]) => deps.tokenStore.set(token));
  handle(ipcChannels.clearToken, noPayloadSchema, () => deps.tokenStore.clear());
  handle(ipcChannels.setServerUrl, setServerUrlPayloadSchema, async ([serverUrl]) => {
    if (serverUrl === deps.serverUrlStore.get()) return;
    if (deps.serverUrlStore.isFromEnvironment()) {
      throw new Error('The server is set by PORTICO_SERVER_URL; change or unset it and restart Portico.');
    }
    // A session token belongs to the server that issued it: never offer it to another one.
    await deps.tokenStore.clear();
    await deps.serverUrlStore.set(serverUrl);
  });
  handle(ipcChannels.notify, notifyPayloadSchema, ([notification]) => {
    deps.notifier.notify(notification);
    return Promise.resolve();
  });
  handle(ipcChannels.getAppInfo, noPayloadSchema, () => deps.getAppInfo());
}
