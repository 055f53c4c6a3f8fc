// Owns serving the built customer portal (apps/portal/dist) under /p/, with the SPA fallback to index.html.
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';

export const defaultPortalDist = path.resolve(import.meta.dirname, '../../../portal/dist');

export type PortalPluginOptions = {
  /** Folder holding the portal's index.html and assets/; null serves the "not built" answer. */
  distDir: string | null;
};

const NOT_BUILT = 'The portal is not built: run pnpm --filter @portico/portal build\n';

/** Registered with prefix /p: every route below is under /p/. */
export const portalPlugin: FastifyPluginAsync<PortalPluginOptions> = async (app, options) => {
  const root = options.distDir ? path.resolve(options.distDir) : null;
  if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
    app.log.warn(
      { distDir: root },
      'portal build not found; /p/ answers 503 until it is built and the server restarted',
    );
    const notBuilt = async (_req: unknown, reply: FastifyReply) =>
      reply.code(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
    app.get('/', notBuilt);
    app.get('/*', notBuilt);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    wildcard: true,
    // Vite fingerprints everything under assets/, so those can be cached for good; index.html must not be.
    setHeaders: (reply, filePath) => {
      const isAsset = filePath.startsWith(path.join(root, 'assets') + path.sep);
      reply.header('cache-control', isAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // A client-side route (/p/tasks/123) is not a file: answer the app shell and let the router take over.
  // Missing files that look like files (a stale /p/assets/x.js) stay a real 404.
  app.setNotFoundHandler(async (request, reply) => {
    const isPageRequest =
      (request.method === 'GET' || request.method === 'HEAD') &&
      path.extname(request.url.split('?')[0]!) === '';
    if (!isPageRequest) {
      return reply
        .code(404)
        .send({ statusCode: 404, error: 'Not Found', message: `No file at ${request.url.split('?')[0]}.` });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  });
};
