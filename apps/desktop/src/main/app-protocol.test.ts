// Which app:// URLs the installed app answers with a bundled file, and that nothing outside the bundle leaks.
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_ORIGIN, resolveAppFile } from './app-protocol';

const dir = '/opt/portico/resources/app.asar/out/renderer';
const resolve = (url: string) => resolveAppFile(dir, url);

describe('resolveAppFile', () => {
  it('serves index.html for the root and the index URL the window loads', () => {
    expect(APP_ORIGIN).toBe('app://portico');
    expect(resolve('app://portico/')).toBe(`${dir}/index.html`);
    expect(resolve('app://portico')).toBe(`${dir}/index.html`);
    expect(resolve(APP_INDEX_URL)).toBe(`${dir}/index.html`);
    expect(resolve('app://portico/index.html?x=1#/tasks/abc')).toBe(`${dir}/index.html`);
  });

  it('maps assets into the renderer folder, decoding escapes', () => {
    expect(resolve('app://portico/assets/index-AbC123.js')).toBe(`${dir}/assets/index-AbC123.js`);
    expect(resolve('app://portico/assets/my%20font.woff2')).toBe(`${dir}/assets/my font.woff2`);
  });

  it('keeps a URL that the parser folds (.., %2e%2e) inside the folder', () => {
    expect(resolve('app://portico/../../etc/passwd')).toBe(`${dir}/etc/passwd`);
    expect(resolve('app://portico/assets/%2e%2e/%2E%2E/index.html')).toBe(`${dir}/index.html`);
  });

  it('refuses traversal that only appears once decoded', () => {
    for (const url of [
      'app://portico/..%2f..%2fetc%2fpasswd',
      'app://portico/assets/..%2F..%2F..%2Fsecret',
      'app://portico/%2e%2e%2fsecret',
      'app://portico/..%5c..%5cwindows%5cwin.ini',
      'app://portico/assets%5c..%5c..%5csecret',
    ]) {
      expect(resolve(url), url).toBeNull();
    }
  });

  it('refuses absolute paths, empty and odd segments, NULs and malformed escapes', () => {
    for (const url of [
      'app://portico//etc/passwd',
      'app://portico/%2fetc%2fpasswd',
      'app://portico/C:/Windows/win.ini',
      'app://portico/C%3A%5CWindows%5Cwin.ini',
      'app://portico/assets/',
      'app://portico/assets/.%2findex.html',
      'app://portico/index.html%00.js',
      'app://portico/%E0%A4%A',
    ]) {
      expect(resolve(url), url).toBeNull();
    }
  });

  it('refuses other hosts, schemes and garbage', () => {
    for (const url of [
      'app://evil/index.html',
      'app://portico.evil/index.html',
      'app:///index.html',
      'file:///opt/portico/resources/app.asar/out/renderer/index.html',
      'https://portico/index.html',
      'portico://portico/index.html',
      'not a url',
    ]) {
      expect(resolve(url), url).toBeNull();
    }
  });
});
