// The CSRF rule as a pure decision, for the shapes the HTTP tests do not spell out.
import { describe, expect, it } from 'vitest';
import { checkRequest } from './request-guard';

const allowed = new Set(['https://portal.example.com']);
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

  it('exempts only a real bearer token without cookies from the origin check', () => {
    const json = { 'content-type': 'application/json', origin: 'https://evil.example' };
    expect(decide('POST', { ...json, authorization: 'Bearer abc.def' })).toBe('ok');
    expect(decide('POST', { ...json, authorization: 'Bearer ' })).toBe(403);
    expect(decide('POST', { ...json, authorization: 'Basic dXNlcjpwYXNz' })).toBe(403);
    expect(decide('POST', { ...json, authorization: 'Bearer abc.def', cookie: 'x=1' })).toBe(403);
  });
});
