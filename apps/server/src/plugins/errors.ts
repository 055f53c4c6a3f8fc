// Owns how errors and unknown routes answer: JSON always, the caller's 4xx as is, our 5xx logged and opaque.
import type { FastifyError, FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';

export type ErrorBody = { statusCode: number; error: string; code?: string; message: string };

/** Called on the root instance (not as an encapsulated plugin) so every route inherits both handlers. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      const body: ErrorBody = {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message: 'Something went wrong on our side. Try again.',
      };
      return reply.code(status).send(body);
    }
    // Malformed JSON, a body over the limit, a bad content type: Fastify's message says what to fix.
    const body: ErrorBody = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      ...(error.code ? { code: error.code } : {}),
      message: error.message,
    };
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      statusCode: 404,
      error: 'Not Found',
      message: `No route for ${request.method} ${request.url.split('?')[0]}.`,
    };
    return reply.code(404).send(body);
  });
}
