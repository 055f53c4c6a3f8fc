// Owns the CSRF rule: one global onRequest hook that decides which state-changing requests may reach a route.
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export type RequestGuardOptions = {
  /** Origins whose pages may send state-changing requests: the public origin, TRUSTED_ORIGINS, the desktop app. */
  allowedOrigins: string[];
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The rule, for every method other than GET/HEAD/OPTIONS (queries are GETs and have no side effects):
 *
 * 1. The body must be declared `application/json`, else 415. A browser can send text/plain,
 *    x-www-form-urlencoded and multipart/form-data (and no Content-Type at all) across sites without a
 *    CORS preflight, and tRPC 11 accepts FormData and octet-stream on mutations; JSON cannot be sent
 *    cross-site without a preflight, which this server never grants to an untrusted origin.
 * 2. A request that may carry ambient credentials (a Cookie header, or no bearer token at all: sign-in
 *    itself is a mutation) must come from a page of an allowed origin, else 403: an `Origin` header, when
 *    present, must be one of the allowed origins, and `Sec-Fetch-Site: cross-site|same-site` (a sibling
 *    subdomain is not us) is refused unless that Origin is allowed. An allowed origin other than our own
 *    (TRUSTED_ORIGINS, the desktop app's app://portico) is by definition another site, so fetch metadata
 *    alone would lock every one of them out of sign-in; the browser sets Origin itself and a page cannot
 *    forge it, so an allowed Origin is the stronger proof. Without an Origin, the cross-site signal is all
 *    there is, and it refuses. Clients that send neither (curl, server-to-server) cannot hold a victim's
 *    cookies, so they pass.
 * 3. `Authorization: Bearer` with no Cookie header may come from any origin (the desktop app): the
 *    token is not ambient, a forged page cannot attach it, so there is nothing to forge. Rule 1 still
 *    applies to it.
 */
export function checkRequest(
  request: Pick<FastifyRequest, 'method' | 'headers'>,
  allowedOrigins: ReadonlySet<string>,
): { status: 403 | 415; code: string; message: string } | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const headers = request.headers;
  const isBearerOnly = /^Bearer\s+\S/i.test(headers.authorization ?? '') && headers.cookie === undefined;
  if (!isBearerOnly) {
    const origin = headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return {
        status: 403,
        code: 'CROSS_SITE_REQUEST',
        message: `Requests from ${origin} cannot change data.`,
      };
    }
    const site = headers['sec-fetch-site'];
    if ((site === 'cross-site' || site === 'same-site') && origin === undefined) {
      return { status: 403, code: 'CROSS_SITE_REQUEST', message: 'Cross-site requests cannot change data.' };
    }
  }
  if (!isJson(headers['content-type'])) {
    return {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send the request body as JSON (Content-Type: application/json).',
    };
  }
  return null;
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export const requestGuardPlugin = fp<RequestGuardOptions>(
  async (app, options) => {
    const allowed = new Set(options.allowedOrigins);
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const refusal = checkRequest(request, allowed);
      if (!refusal) return;
      request.log.info(
        { origin: request.headers.origin, secFetchSite: request.headers['sec-fetch-site'] },
        refusal.code,
      );
      return reply.code(refusal.status).send({
        statusCode: refusal.status,
        code: refusal.code,
        error: refusal.status === 403 ? 'Forbidden' : 'Unsupported Media Type',
        message: refusal.message,
      });
    });
  },
  { name: 'portico-request-guard', fastify: '5.x' },
);
