// Owns GET /files/<id>: stored files (organization logos) served publicly — the portal shows the logo before
// sign-in, and ids are random uuids — with the detected content type, cached forever (rows are never changed),
// and SVGs locked down so that even opened directly they can run nothing and load nothing.
import { findStoredFile } from '@portico/core/files/find-stored-file';
import type { Db } from '@portico/db';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

export type FilesPluginOptions = { db: Db };

/** Scripts, plugins and external loads off; inline styles are how SVG editors write their output. */
export const svgContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

function notFound(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .header('content-type', 'text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .send('File was not found.');
}

export const filesPlugin: FastifyPluginAsync<FilesPluginOptions> = async (app, options) => {
  app.get<{ Params: { id: string } }>('/files/:id', async (request, reply) => {
    const file = await findStoredFile(options.db, request.params.id);
    if (!file) return notFound(reply);
    const etag = `"${Buffer.from(file.sha256).toString('hex')}"`;
    reply
      .header('content-type', file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', etag)
      // the portal (and the desktop renderer, another origin) embed it as an image
      .header('cross-origin-resource-policy', 'cross-origin');
    if (file.contentType === 'image/svg+xml') {
      reply.header('content-security-policy', svgContentSecurityPolicy);
    }
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag)) {
      return reply.code(304).send();
    }
    return reply
      .code(200)
      .header('content-length', file.byteSize)
      .send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
  });
};
