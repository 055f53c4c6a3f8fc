// The tRPC context: what every procedure may read about the request, built once per request.
import type { Clock } from '@portico/core';
import type { Db } from '@portico/db';
import type { PgBoss } from 'pg-boss';

export type RequestMeta = {
  ip: string;
  userAgent: string | null;
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
};

export type CreateContextDeps = Omit<ApiContext, 'sessionToken' | 'request'>;
