// The app:// scheme the installed app serves its renderer from, and which of its URLs map to which bundled file.
import path from 'node:path';

/**
 * A privileged standard scheme gives the renderer a real origin, `app://portico`, where a file:// page has
 * `Origin: null` (which no server can trust without trusting every local file). The server trusts this exact
 * origin by name (DESKTOP_APP_ORIGIN in apps/server/src/env.ts): change both together.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'portico';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * The bundled file an app:// URL stands for, or null (answered 404) for anything that is not plainly a file
 * inside rendererDir: another scheme or host, an encoded or literal `..`, an empty or `.` segment, a
 * backslash or a drive letter (absolute on Windows), a NUL, a malformed escape. `/` is index.html. The URL
 * parser already folds `..` and `%2e%2e`, but `%2f` and `%5c` only become separators once decoded, so the
 * decoded path is checked segment by segment and, last, must still resolve inside rendererDir.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // Non-special schemes keep `origin` as "null" in the URL parser: compare scheme and host themselves.
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (parsed.pathname === '/' || parsed.pathname === '') return path.join(rendererDir, 'index.html');

  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const segments = decoded.slice(1).split('/');
  const isPlainSegment = (segment: string) =>
    segment !== '' &&
    segment !== '.' &&
    segment !== '..' &&
    !segment.includes('\\') &&
    !segment.includes(':') &&
    !segment.includes('\0');
  if (!decoded.startsWith('/') || !segments.every(isPlainSegment)) return null;

  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...segments);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}
