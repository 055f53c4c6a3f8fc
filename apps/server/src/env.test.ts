// The server's environment: defaults derived from other variables, and refusals naming the variable.
import { describe, expect, it } from 'vitest';
import { DESKTOP_APP_ORIGIN, resolveEnv } from './env';

describe('resolveEnv', () => {
  it('defaults PUBLIC_ORIGIN to http://localhost:PORT and also trusts its 127.0.0.1 twin', () => {
    const env = resolveEnv({ PORT: '4100' });
    expect(env.PUBLIC_ORIGIN).toBe('http://localhost:4100');
    expect(env.allowedOrigins).toEqual(['http://localhost:4100', 'http://127.0.0.1:4100', 'app://portico']);
    expect(env.ROLE).toBe('all');
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('normalises configured origins and allows only those', () => {
    const env = resolveEnv({
      PUBLIC_ORIGIN: 'https://portal.example.com/',
      TRUSTED_ORIGINS: ' http://localhost:5173 , https://desk.example.com/path ',
    });
    expect(env.PUBLIC_ORIGIN).toBe('https://portal.example.com');
    expect(env.allowedOrigins).toEqual([
      'https://portal.example.com',
      'http://localhost:5173',
      'https://desk.example.com',
      'app://portico',
    ]);
  });

  it('always trusts the installed desktop app, without any setting', () => {
    expect(DESKTOP_APP_ORIGIN).toBe('app://portico');
    expect(resolveEnv({}).allowedOrigins).toContain(DESKTOP_APP_ORIGIN);
    // TRUSTED_ORIGINS itself stays http(s) only: the app's origin needs no setting and accepts no look-alike.
    expect(() => resolveEnv({ TRUSTED_ORIGINS: 'app://elsewhere' })).toThrow(/TRUSTED_ORIGINS/);
  });

  it('refuses a bad value with a message naming the variable', () => {
    expect(() => resolveEnv({ ROLE: 'everything' })).toThrow(/ROLE/);
    expect(() => resolveEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => resolveEnv({ TRUSTED_ORIGINS: 'ftp://files.example.com' })).toThrow(/TRUSTED_ORIGINS/);
  });

  it('reads boolean flags', () => {
    expect(resolveEnv({ TRUST_PROXY: 'true', LOG_PRETTY: '1' })).toMatchObject({
      TRUST_PROXY: true,
      LOG_PRETTY: true,
    });
    expect(resolveEnv({})).toMatchObject({ TRUST_PROXY: false, LOG_PRETTY: false, SEED_DEMO: false });
  });
});
