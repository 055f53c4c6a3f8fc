// Owns the portal's cookies: their names and attributes (session and pre-auth), and reading a session token from
// a request.
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

/**
 * Whether the browser will keep a Secure cookie from this origin: https, and loopback http. Chromium and Firefox
 * treat http://localhost, 127.0.0.1 and [::1] as secure contexts for cookies (checked with Debian's Chromium: a
 * `__Host-` + Secure cookie set by http://127.0.0.1 is kept and sent back, the same cookie from a LAN address
 * over http is dropped), so local development runs with the production cookie names and attributes.
 */
export function isSecureCookieOrigin(publicOrigin: string): boolean {
  const url = new URL(publicOrigin);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export type PortalCookieNames = { session: string; preAuth: string; secure: boolean };

/**
 * `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and Path=/, so a sibling
 * subdomain cannot plant one (session fixation by cookie tossing). It needs Secure, so plain-http origins other
 * than loopback (a LAN address in development) use the bare names without Secure. Only the names matching the
 * origin are read, never both.
 */
export function portalCookieNames(publicOrigin: string): PortalCookieNames {
  const secure = isSecureCookieOrigin(publicOrigin);
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}portico_session`, preAuth: `${prefix}portico_preauth`, secure };
}

export function sessionCookieName(publicOrigin: string): string {
  return portalCookieNames(publicOrigin).session;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site subrequests; the CSRF rule covers the
 * rest), Path=/ and no Domain (host-only, as `__Host-` demands), expiring at `expiresAt` (Expires and Max-Age,
 * so a browser with a wrong clock still drops it in time). A null `expiresAt` clears the cookie.
 */
export function portalCookieOptions(
  secure: boolean,
  expiresAt: Date | null,
  now: Date,
): CookieSerializeOptions {
  const maxAge = expiresAt ? Math.max(0, Math.round((expiresAt.getTime() - now.getTime()) / 1000)) : 0;
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge,
    expires: expiresAt ?? new Date(0),
  };
}

/** The desktop app sends `Authorization: Bearer <token>`; the portal's browser sends the session cookie. */
export function readSessionToken(
  request: Pick<FastifyRequest, 'headers' | 'cookies'>,
  cookieName: string,
): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (match) return match[1]!;
  const cookie = request.cookies?.[cookieName];
  return cookie ? cookie : null;
}

export function readCookie(request: Pick<FastifyRequest, 'cookies'>, name: string): string | null {
  const value = request.cookies?.[name];
  return value ? value : null;
}
