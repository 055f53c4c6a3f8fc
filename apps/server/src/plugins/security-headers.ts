// Owns the response headers that protect browsers (helmet) and the CORS grant for trusted non-portal origins.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

export type SecurityHeadersOptions = {
  publicOrigin: string;
  /** Origins other than the public one that may call the API from a browser (a desktop renderer in dev). */
  corsOrigins: string[];
};

export const securityHeadersPlugin = fp<SecurityHeadersOptions>(
  async (app, options) => {
    const isHttps = options.publicOrigin.startsWith('https:');
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          // Branding logos may be hosted elsewhere; scripts and styles only come from the built portal.
          'img-src': ["'self'", 'data:', 'https:'],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
          // Over plain http (local development) upgrading would break every asset.
          'upgrade-insecure-requests': isHttps ? [] : null,
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      // HSTS on an http origin is ignored by browsers and only confuses a later https setup on localhost.
      strictTransportSecurity: isHttps ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    });
    if (options.corsOrigins.length > 0) {
      // Bearer-only: cookies never ride a cross-origin call, so the cookie-bearing CSRF rule stays simple.
      await app.register(cors, {
        origin: options.corsOrigins,
        credentials: false,
        methods: ['GET', 'HEAD', 'POST'],
        allowedHeaders: ['authorization', 'content-type', 'trpc-accept', 'x-trpc-source'],
        maxAge: 600,
      });
    }
  },
  { name: 'portico-security-headers', fastify: '5.x' },
);
