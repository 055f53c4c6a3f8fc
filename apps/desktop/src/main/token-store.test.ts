import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenStore, type TokenCipher } from './token-store';

const TOKEN = 'abcdefghijklmnopqrstuvwx.abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst';

/** Stands in for safeStorage: a reversible transform, so the file provably never holds the token as is. */
function fakeCipher(isSecure = true): TokenCipher {
  return {
    isSecure: () => Promise.resolve(isSecure),
    encrypt: (plain) => Promise.resolve(Buffer.from(`enc:${[...plain].reverse().join('')}`)),
    decrypt: (encrypted) => {
      const text = encrypted.toString();
      if (!text.startsWith('enc:')) return Promise.reject(new Error('cannot decrypt'));
      return Promise.resolve([...text.slice(4)].reverse().join(''));
    },
  };
}

let dir: string;
let filePath: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-token-store-'));
  filePath = path.join(dir, 'session.bin');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('token store', () => {
  it('keeps the token encrypted on disk, readable by the next start of the app', async () => {
    await createTokenStore({ filePath, cipher: fakeCipher() }).set(TOKEN);
    expect(fs.readFileSync(filePath, 'utf8')).not.toContain(TOKEN);
    expect(await createTokenStore({ filePath, cipher: fakeCipher() }).get()).toBe(TOKEN);
  });

  it('forgets the token on clear, on disk too', async () => {
    const store = createTokenStore({ filePath, cipher: fakeCipher() });
    await store.set(TOKEN);
    await store.clear();
    expect(await store.get()).toBeNull();
    expect(fs.existsSync(filePath)).toBe(false);
    expect(await createTokenStore({ filePath, cipher: fakeCipher() }).get()).toBeNull();
  });

  it('never writes the token when the OS offers no real encryption', async () => {
    const store = createTokenStore({ filePath, cipher: fakeCipher(false) });
    await store.set(TOKEN);
    expect(await store.get()).toBe(TOKEN);
    expect(fs.existsSync(filePath)).toBe(false);
    expect(await createTokenStore({ filePath, cipher: fakeCipher(false) }).get()).toBeNull();
  });

  it('drops a file it cannot decrypt (another account, a reset keychain) and answers no token', async () => {
    fs.writeFileSync(filePath, 'garbage');
    expect(await createTokenStore({ filePath, cipher: fakeCipher() }).get()).toBeNull();
    expect(fs.existsSync(filePath)).toBe(false);
  });
});
