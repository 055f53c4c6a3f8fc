import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverUrlSchema } from '../shared/ipc-payloads';
import { createServerUrlStore, DEFAULT_SERVER_URL } from './server-url-store';

let dir: string;
let filePath: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-server-url-'));
  filePath = path.join(dir, 'settings.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('server URL store', () => {
  it('starts on http://localhost:3000, and remembers a saved server across starts', async () => {
    const store = createServerUrlStore({ filePath, environmentUrl: null });
    expect(store.get()).toBe(DEFAULT_SERVER_URL);
    expect(store.isFromEnvironment()).toBe(false);
    await store.set('https://portico.example.com');
    expect(store.get()).toBe('https://portico.example.com');
    expect(createServerUrlStore({ filePath, environmentUrl: null }).get()).toBe(
      'https://portico.example.com',
    );
  });

  it('lets PORTICO_SERVER_URL win, and refuses to save over it', async () => {
    fs.writeFileSync(filePath, JSON.stringify({ serverUrl: 'https://saved.example.com' }));
    const store = createServerUrlStore({ filePath, environmentUrl: 'https://env.example.com' });
    expect(store.get()).toBe('https://env.example.com');
    expect(store.isFromEnvironment()).toBe(true);
    await expect(store.set('https://other.example.com')).rejects.toThrow(/PORTICO_SERVER_URL/);
    expect(JSON.parse(fs.readFileSync(filePath, 'utf8'))).toEqual({ serverUrl: 'https://saved.example.com' });
  });

  it('ignores a file it cannot trust (broken JSON, plain http to another machine)', () => {
    fs.writeFileSync(filePath, '{"serverUrl":');
    expect(createServerUrlStore({ filePath, environmentUrl: null }).get()).toBe(DEFAULT_SERVER_URL);
    fs.writeFileSync(filePath, JSON.stringify({ serverUrl: 'http://portico.example.com' }));
    expect(createServerUrlStore({ filePath, environmentUrl: null }).get()).toBe(DEFAULT_SERVER_URL);
  });

  it('refuses to save an address that is not a server origin', async () => {
    const store = createServerUrlStore({ filePath, environmentUrl: null });
    await expect(store.set('ftp://portico.example.com')).rejects.toThrow();
    expect(fs.existsSync(filePath)).toBe(false);
  });
});

describe('serverUrlSchema', () => {
  it('reduces an address to its origin', () => {
    expect(serverUrlSchema.parse(' https://Portico.Example.com/ ')).toBe('https://portico.example.com');
    expect(serverUrlSchema.parse('https://portico.example.com:8443')).toBe(
      'https://portico.example.com:8443',
    );
    expect(serverUrlSchema.parse('http://localhost:3000')).toBe('http://localhost:3000');
    expect(serverUrlSchema.parse('http://127.0.0.1:3000/')).toBe('http://127.0.0.1:3000');
  });

  it('refuses what would leak a token or call somewhere else than it says', () => {
    const messageOf = (value: unknown) => serverUrlSchema.safeParse(value).error?.issues[0]?.message;
    expect(messageOf('')).toBe('Enter the server’s address.');
    expect(messageOf('portico.example.com')).toMatch(/full address/);
    expect(messageOf('http://portico.example.com')).toMatch(/https for a server on another machine/);
    expect(messageOf('http://192.168.1.20:3000')).toMatch(/https for a server on another machine/);
    expect(messageOf('file:///etc/passwd')).toMatch(/https address/);
    expect(messageOf('javascript:alert(1)')).toMatch(/https address/);
    expect(messageOf('https://user:pass@portico.example.com')).toMatch(/user name/);
    expect(messageOf('https://portico.example.com/trpc')).toMatch(/without a path/);
    expect(messageOf('https://portico.example.com/?x=1')).toMatch(/without a path/);
    expect(messageOf(`https://${'a'.repeat(3000)}.com`)).toMatch(/too long/);
    expect(messageOf(42)).toBeDefined();
  });
});
