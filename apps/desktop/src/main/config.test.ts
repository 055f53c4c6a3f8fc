import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('leaves the server to the settings when PORTICO_SERVER_URL is unset or empty', () => {
    expect(readConfig({})).toEqual({ serverUrl: null, rendererDevUrl: null });
    expect(readConfig({ PORTICO_SERVER_URL: '' }).serverUrl).toBeNull();
  });

  it('reads a forced server as an origin, and the dev renderer', () => {
    expect(
      readConfig({
        PORTICO_SERVER_URL: 'https://portico.example.com/',
        ELECTRON_RENDERER_URL: 'http://localhost:5173',
      }),
    ).toEqual({ serverUrl: 'https://portico.example.com', rendererDevUrl: 'http://localhost:5173' });
  });

  it('stops with a message naming the variable when it is wrong', () => {
    expect(() => readConfig({ PORTICO_SERVER_URL: 'http://portico.example.com' })).toThrow(
      /PORTICO_SERVER_URL/,
    );
  });
});
