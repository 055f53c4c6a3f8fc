// Owns the name of the portal's session cookie and reading a session token from a request.
import type { FastifyRequest } from 'fastify';

/**
 * `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and Path=/, so a sibling
 * subdomain cannot plant one (session fixation by cookie tossing). It needs https, so plain-http
 * development uses the bare name. Only the name matching the origin is read, never both.
 */
export function sessionCookieName(publicOrigin: string): string {
  return publicOrigin.startsWith('https:') ? '__Host-portico_session' : 'portico_session';
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
