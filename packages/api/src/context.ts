// The tRPC context: what every procedure may read about the request, built once per request.
import type { Clock } from '@portico/core';
import type { LiveEventHub } from '@portico/core/live/live-event-hub';
import type { Db } from '@portico/db';
import type { PgBoss } from 'pg-boss';

export type RequestMeta = {
  ip: string;
  userAgent: string | null;
};

/**
 * The portal's cookies, as far as procedures may touch them: the pre-auth cookie's value as the browser sent it,
 * and what to set or clear on the answer. The HTTP bridge (apps/server plugins/trpc.ts) decides names and
 * attributes (HttpOnly, Secure, SameSite=Lax, __Host-) and writes Set-Cookie after the procedure ran.
 */
export type PortalCookieJar = {
  /** The pre-auth cookie (binds a sign-in in progress to this browser), null when absent. */
  readonly preAuth: string | null;
  /** The portal session cookie, expiring with the session's absolute lifetime. */
  setSession: (token: string, expiresAt: Date) => void;
  clearSession: () => void;
  setPreAuth: (value: string, expiresAt: Date) => void;
  clearPreAuth: () => void;
};

export type ApiContext = {
  db: Db;
  clock: Clock;
  /** The job system's producer (absent where jobs are not started, e.g. some tests). */
  boss: PgBoss | null;
  /** Session token from `Authorization: Bearer` (desktop) or the session cookie (portal). */
  sessionToken: string | null;
  request: RequestMeta;
  /** Origin Portico builds links from (configuration, never the Host header). */
  publicOrigin: string;
  portalCookies: PortalCookieJar;
  /** This process's live events (the HTTP server's); absent in createCaller tests, where live.events refuses. */
  live?: LiveEventHub | null;
};

export type CreateContextDeps = Omit<ApiContext, 'sessionToken' | 'request' | 'portalCookies'>;
