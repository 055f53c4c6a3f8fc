// The main process's configuration, read once from the environment: which server (if forced), which renderer.
import { z } from 'zod';
import { serverUrlSchema } from '../shared/ipc-payloads';

const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  /** Forces the Portico server (an IT-managed install, development); otherwise the settings screen chooses. */
  PORTICO_SERVER_URL: z.preprocess(unsetWhenEmpty, serverUrlSchema.optional()),
  /** Set by `electron-vite dev`: the renderer's dev server, served with hot reload. */
  ELECTRON_RENDERER_URL: z.preprocess(unsetWhenEmpty, z.url().optional()),
});

export type DesktopConfig = {
  /** An origin (no path, no trailing slash), or null when the environment leaves the choice to the settings. */
  serverUrl: string | null;
  rendererDevUrl: string | null;
};

export function readConfig(env: Record<string, string | undefined>): DesktopConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Portico desktop is misconfigured: ${z.prettifyError(parsed.error)}`);
  }
  return {
    serverUrl: parsed.data.PORTICO_SERVER_URL ?? null,
    rendererDevUrl: parsed.data.ELECTRON_RENDERER_URL ?? null,
  };
}
