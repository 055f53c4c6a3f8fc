// Answers the preload bridge's requests: checks who is asking and what they sent before touching anything.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { ipcChannels } from '../shared/ipc-channels';
import { noPayloadSchema, setTokenPayloadSchema } from '../shared/ipc-payloads';
import type { TokenStore } from './token-store';

type HandlerDeps = {
  serverUrl: string;
  tokenStore: TokenStore;
  /** True when the frame's URL is this app's own renderer (not a page it was navigated to). */
  isTrustedUrl: (url: string) => boolean;
};

export function registerIpcHandlers(ipcMain: IpcMain, deps: HandlerDeps): void {
  function handle<S extends z.ZodType<unknown[]>>(
    channel: string,
    schema: S,
    run: (payload: z.infer<S>) => Promise<unknown>,
  ): void {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!deps.isTrustedUrl(frameUrl)) throw new Error('Refused: the request did not come from Portico.');
      const parsed = schema.safeParse(args);
      if (!parsed.success) throw new Error(`Refused: invalid payload on ${channel}.`);
      return run(parsed.data);
    });
  }

  handle(ipcChannels.getServerUrl, noPayloadSchema, () => Promise.resolve(deps.serverUrl));
  handle(ipcChannels.getToken, noPayloadSchema, () => deps.tokenStore.get());
  handle(ipcChannels.setToken, setTokenPayloadSchema, ([token]) => deps.tokenStore.set(token));
  handle(ipcChannels.clearToken, noPayloadSchema, () => deps.tokenStore.clear());
}
