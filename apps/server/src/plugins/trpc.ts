// Owns serving the one tRPC router at /trpc: the per-request context (with the portal's cookie jar), writing the
// cookies procedures set, logging of server-side failures, and the process's live events (subscriptions).
//
// A small bridge instead of @trpc/server's fastify adapter, with tRPC's own resolveResponse doing all the
// protocol work (batching, methods, errors, server-sent events). The stock adapter also wires an
// AbortController and socket listeners per request and streams the finished web Response through Fastify; for
// the dispatcher's task list that plumbing cost more CPU than the procedure's own validation. So queries and
// mutations are read once and sent as a string; only a subscription's answer (text/event-stream) is streamed,
// and it needs no per-request AbortController: when the client leaves, Fastify cancels the body, which tRPC
// turns into the procedure's abort signal.
import { appRouter, type ApiContext } from '@portico/api';
import type { Clock } from '@portico/core';
import { createLiveEventHub, type LiveListen } from '@portico/core/live/live-event-hub';
import type { Db } from '@portico/db';
import type { JobSystem } from '@portico/jobs';
import { resolveResponse } from '@trpc/server/http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import {
  portalCookieNames,
  portalCookieOptions,
  readCookie,
  readSessionToken,
  type PortalCookieNames,
} from '../session-cookie';

export type TrpcPluginOptions = {
  db: Db;
  clock: Clock;
  jobs: JobSystem | null;
  publicOrigin: string;
};

function toFetchRequest(req: FastifyRequest): Request {
  const headers = new Headers();
  for (const name in req.headers) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://portico.internal${req.url}`, {
    method: req.method,
    headers,
    body: hasBody && typeof req.body === 'string' ? req.body : null,
  });
}

/** A cookie a procedure set (value + expiry) or cleared (null), written once the procedure has answered. */
type CookieChange = { value: string; expiresAt: Date } | null;

/**
 * The request's portal cookies for the context: the pre-auth value as sent, and the changes procedures ask for
 * (the last one per cookie wins, e.g. in a batch).
 */
function createCookieJar(req: FastifyRequest, names: PortalCookieNames) {
  const changes = new Map<string, CookieChange>();
  const jar: ApiContext['portalCookies'] = {
    preAuth: readCookie(req, names.preAuth),
    setSession: (token, expiresAt) => changes.set(names.session, { value: token, expiresAt }),
    clearSession: () => changes.set(names.session, null),
    setPreAuth: (value, expiresAt) => changes.set(names.preAuth, { value, expiresAt }),
    clearPreAuth: () => changes.set(names.preAuth, null),
  };
  const write = (reply: FastifyReply, now: Date) => {
    for (const [name, change] of changes) {
      void reply.setCookie(
        name,
        change?.value ?? '',
        portalCookieOptions(names.secure, change?.expiresAt ?? null, now),
      );
    }
  };
  return { jar, write };
}

/**
 * LISTEN through the pool's own postgres.js client: postgres.js runs every listen of a client on one dedicated
 * connection outside the pool, re-listens after a reconnect, and closes it with the pool.
 */
function listenThrough(db: Db): LiveListen {
  const client = (db as Db & { $client: { listen: LiveListen } }).$client;
  return (channel, onPayload) => client.listen(channel, onPayload);
}

export const trpcPlugin: FastifyPluginAsync<TrpcPluginOptions> = async (app, options) => {
  const live = createLiveEventHub({
    listen: listenThrough(options.db),
    onError: (error) => app.log.warn({ err: error }, 'ignored a malformed live event'),
  });
  const openStreams = new Set<ServerResponse>();
  // Open event streams would hold server.close() forever. Dropping them (rather than ending them cleanly)
  // makes clients reconnect, to another process behind the load balancer, instead of stopping for good.
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.destroy();
  });
  app.addHook('onClose', () => live.close());

  const cookieNames = portalCookieNames(options.publicOrigin);
  const cookieName = cookieNames.session;
  // tRPC parses JSON itself (and answers malformed JSON with its typed PARSE_ERROR)
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.all<{ Params: { path: string } }>('/trpc/:path', async (req, reply) => {
    const cookies = createCookieJar(req, cookieNames);
    const response = await resolveResponse({
      router: appRouter,
      req: toFetchRequest(req),
      path: req.params.path,
      error: null,
      createContext: (): Promise<ApiContext> =>
        Promise.resolve({
          db: options.db,
          clock: options.clock,
          boss: options.jobs?.boss ?? null,
          sessionToken: readSessionToken(req, cookieName),
          request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
          publicOrigin: options.publicOrigin,
          portalCookies: cookies.jar,
          live,
        }),
      // 4xx answers are the caller's business and already typed; only our own failures are worth a log line.
      onError: ({ error, path }) => {
        if (error.code !== 'INTERNAL_SERVER_ERROR') return;
        req.log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
      },
    });
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      void reply.header(name, value);
    });
    cookies.write(reply, options.clock.now());
    if (response.body && response.headers.get('content-type')?.startsWith('text/event-stream')) {
      return sendEventStream(req, reply, response.body, openStreams);
    }
    return reply.send(await response.text());
  });
};

/** Streams a subscription's server-sent events as tRPC writes them, for as long as the client stays. */
function sendEventStream(
  req: FastifyRequest,
  reply: FastifyReply,
  body: ReadableStream<Uint8Array>,
  openStreams: Set<ServerResponse>,
): FastifyReply {
  // The server's 10 s socket inactivity timeout is for requests; a quiet stream lives on tRPC's pings.
  req.raw.socket.setTimeout(0);
  const raw = reply.raw;
  openStreams.add(raw);
  raw.once('close', () => openStreams.delete(raw));
  return reply.send(body);
}
