import { describe, expect, it } from 'vitest';
import { createAppUrlCheck, isAllowedExternalUrl } from './navigation';

describe('isAllowedExternalUrl', () => {
  it('lets https pages, phone numbers and email addresses out to the system', () => {
    expect(isAllowedExternalUrl('https://example.com/help')).toBe(true);
    expect(isAllowedExternalUrl('tel:+15125550100')).toBe(true);
    expect(isAllowedExternalUrl('mailto:office@example.com')).toBe(true);
  });

  it('keeps everything else in (plain http, files, scripts, other apps’ schemes, garbage)', () => {
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-settings:',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('createAppUrlCheck', () => {
  it('in production, accepts only the bundled index.html', () => {
    const isAppUrl = createAppUrlCheck({
      rendererDevUrl: null,
      rendererIndexUrl: 'file:///opt/portico/out/renderer/index.html',
    });
    expect(isAppUrl('file:///opt/portico/out/renderer/index.html#/tasks')).toBe(true);
    expect(isAppUrl('file:///opt/portico/out/renderer/other.html')).toBe(false);
    expect(isAppUrl('https://portico.example.com/')).toBe(false);
  });

  it('in production, accepts only app://portico/index.html, with any hash or query', () => {
    const isAppUrl = createAppUrlCheck({
      rendererDevUrl: null,
      rendererIndexUrl: 'app://portico/index.html',
    });
    expect(isAppUrl('app://portico/index.html')).toBe(true);
    expect(isAppUrl('app://portico/index.html#/tasks/abc')).toBe(true);
    expect(isAppUrl('app://portico/index.html?server=x')).toBe(true);
    expect(isAppUrl('app://portico/assets/%2e%2e/index.html')).toBe(true); // the parser folds it to /index.html
    for (const url of [
      'app://portico/other.html',
      'app://portico/',
      'app://evil/index.html',
      'app://portico.evil/index.html',
      'app:///index.html',
      'file:///index.html',
      'file:///opt/portico/out/renderer/index.html',
      'portico://portico/index.html',
      'https://portico/index.html',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('in development, accepts the dev server’s origin only', () => {
    const isAppUrl = createAppUrlCheck({
      rendererDevUrl: 'http://localhost:5173',
      rendererIndexUrl: 'file:///x/index.html',
    });
    expect(isAppUrl('http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/')).toBe(false);
    expect(isAppUrl('file:///x/index.html')).toBe(false);
    expect(isAppUrl('app://portico/index.html')).toBe(false);
  });
});
