// Keeps the staff session token: in memory always, on disk only encrypted by the OS keychain (safeStorage).
import { readFile, rm, writeFile } from 'node:fs/promises';

/** The part of Electron's safeStorage this store needs; injected so it can be tested without Electron. */
export type TokenCipher = {
  /** True only when encryption is backed by the OS (Keychain, DPAPI, libsecret/kwallet), not plain text. */
  isSecure: () => Promise<boolean>;
  encrypt: (plainText: string) => Promise<Buffer>;
  decrypt: (encrypted: Buffer) => Promise<string>;
};

export type TokenStore = {
  get: () => Promise<string | null>;
  set: (token: string) => Promise<void>;
  clear: () => Promise<void>;
};

export function createTokenStore({
  filePath,
  cipher,
}: {
  filePath: string;
  cipher: TokenCipher;
}): TokenStore {
  // undefined: the disk has not been read yet; null: known to hold no token.
  let cached: string | null | undefined;

  async function readFromDisk(): Promise<string | null> {
    if (!(await cipher.isSecure())) return null;
    let encrypted: Buffer;
    try {
      encrypted = await readFile(filePath);
    } catch {
      return null;
    }
    try {
      return await cipher.decrypt(encrypted);
    } catch {
      // Written under another OS account or keychain: useless now, and the user simply signs in again.
      await rm(filePath, { force: true });
      return null;
    }
  }

  return {
    async get() {
      cached ??= await readFromDisk();
      return cached;
    },
    async set(token) {
      cached = token;
      // Without OS-backed encryption the token lives only as long as the app: never on disk in the clear.
      if (await cipher.isSecure()) {
        await writeFile(filePath, await cipher.encrypt(token), { mode: 0o600 });
      } else {
        await rm(filePath, { force: true });
      }
    },
    async clear() {
      cached = null;
      await rm(filePath, { force: true });
    },
  };
}
