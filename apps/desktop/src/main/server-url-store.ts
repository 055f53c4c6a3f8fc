// Which Portico server the app talks to: the environment's PORTICO_SERVER_URL, else the one saved from the
// settings screen (a JSON file in the app's data folder), else http://localhost:3000.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { serverUrlSchema } from '../shared/ipc-payloads';

export const DEFAULT_SERVER_URL = 'http://localhost:3000';

const savedSettingsSchema = z.object({ serverUrl: serverUrlSchema });

export type ServerUrlStore = {
  /** An origin, e.g. https://portico.example.com. */
  get: () => string;
  /** True when the environment chose the server: the saved setting cannot change it then. */
  isFromEnvironment: () => boolean;
  /** Saves a server address (already an origin, validated by the caller's schema). */
  set: (serverUrl: string) => Promise<void>;
};

export function createServerUrlStore({
  filePath,
  environmentUrl,
}: {
  filePath: string;
  /** From readConfig: an origin, or null when PORTICO_SERVER_URL is unset. */
  environmentUrl: string | null;
}): ServerUrlStore {
  let saved = readSaved(filePath);
  return {
    get: () => environmentUrl ?? saved ?? DEFAULT_SERVER_URL,
    isFromEnvironment: () => environmentUrl !== null,
    async set(serverUrl) {
      if (environmentUrl !== null) {
        throw new Error('The server is set by PORTICO_SERVER_URL; change or unset it and restart Portico.');
      }
      const origin = serverUrlSchema.parse(serverUrl);
      await mkdir(path.dirname(filePath), { recursive: true });
      const temporary = `${filePath}.tmp`;
      await writeFile(temporary, JSON.stringify({ serverUrl: origin }, null, 2));
      await rename(temporary, filePath);
      saved = origin;
    },
  };
}

/** The saved server, or null when there is none or the file is not one this version can trust. */
function readSaved(filePath: string): string | null {
  try {
    const parsed = savedSettingsSchema.safeParse(JSON.parse(readFileSync(filePath, 'utf8')));
    return parsed.success ? parsed.data.serverUrl : null;
  } catch {
    return null;
  }
}
