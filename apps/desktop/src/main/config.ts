// The main process's configuration, read once from the environment: which server, which renderer.
import { z } from 'zod';
import { serverUrlSchema } from '../shared/ipc-payloads';

const envSchema = z.object({
  /** The Portico server this app signs in to. */
  PORTICO_SERVER_URL: serverUrlSchema.default('http://localhost:3000'),
  /** Set by `electron-vite dev`: the renderer's dev server, served with hot reload. */
  ELECTRON_RENDERER_URL: z.url().optional(),
});

export type DesktopConfig = {
  /** An origin, e.g. https://portico.example.com (no path, no trailing slash). */
  serverUrl: string;
  rendererDevUrl: string | null;
};

export function readConfig(env: Record<string, string | undefined>): DesktopConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Portico desktop is misconfigured: ${z.prettifyError(parsed.error)}`);
  }
  return {
    serverUrl: new URL(parsed.data.PORTICO_SERVER_URL).origin,
    rendererDevUrl: parsed.data.ELECTRON_RENDERER_URL ?? null,
  };
}
