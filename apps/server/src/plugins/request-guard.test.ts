// The CSRF rule as a pure decision, for the shapes the HTTP tests do not spell out.
import { describe, expect, it } from 'vitest';
import { checkRequest } from './request-guard';

const allowed = new Set(['https://portal.example.com', 'http://localhost:5173', 'app://portico']);
const decide = (method: string, headers: Record<string, string>) =>
  checkRequest({ method, headers }, allowed)?.status ?? 'ok';

describe('checkRequest', () => {
  it('lets safe methods through whatever they carry', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(decide(method, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).toBe('ok');
    }
  });

  it('accepts JSON with parameters and any casing', () => {
    expect(decide('POST', { 'content-type': 'Application/JSON; charset=utf-8' })).toBe('ok');
    expect(decide('PATCH', { 'content-type': 'application/json-patch+json' })).toBe(415);
    expect(decide('DELETE', {})).toBe(415);
  });

  it('treats every non-safe method alike', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(decide(method, { origin: 'https://evil.example', 'content-type': 'application/json' })).toBe(
        403,
      );
    }
  });

  it('refuses Origin: null (sandboxed frames, file pages) for cookie requests', () => {
    expect(decide('POST', { origin: 'null', cookie: 'a=b', 'content-type': 'application/json' })).toBe(403);
  });

  it('accepts same-origin and user-initiated fetch metadata', () => {
    for (const site of ['same-origin', 'none']) {
      expect(decide('POST', { 'sec-fetch-site': site, 'content-type': 'application/json' })).toBe('ok');
    }
  });

  it('accepts cross-site fetch metadata only with an allowed Origin (trusted origins and the desktop app)', () => {
    const json = { 'content-type': 'application/json' };
    for (const site of ['cross-site', 'same-site']) {
      for (const origin of ['app://portico', 'http://localhost:5173']) {
        expect(decide('POST', { ...json, 'sec-fetch-site': site, origin }), `${site} ${origin}`).toBe('ok');
      }
      for (const origin of [
        'https://evil.example',
        'null',
        'app://elsewhere',
        'https://sub.portal.example.com',
      ]) {
        expect(decide('POST', { ...json, 'sec-fetch-site': site, origin }), `${site} ${origin}`).toBe(403);
      }
      // No Origin to vouch for the page: the cross-site signal alone refuses it.
      expect(decide('POST', { ...json, 'sec-fetch-site': site }), site).toBe(403);
      expect(decide('POST', { ...json, 'sec-fetch-site': site, cookie: 'a=b' }), site).toBe(403);
    }
  });

  it('exempts only a real bearer token without cookies from the origin check', () => {
    const json = { 'content-type': 'application/json', origin: 'https://evil.example' };
    expect(decide('POST', { ...json, authorization: 'Bearer abc.def' })).toBe('ok');
    expect(decide('POST', { ...json, authorization: 'Bearer ' })).toBe(403);
    expect(decide('POST', { ...json, authorization: 'Basic dXNlcjpwYXNz' })).toBe(403);
    expect(decide('POST', { ...json, authorization: 'Bearer abc.def', cookie: 'x=1' })).toBe(403);
  });
});
