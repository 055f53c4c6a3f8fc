// Shared by the desktop renderer's browser tests: the real server on a fresh database serving the renderer's
// browser build at /desktop/, and the key under which the browser stand-in of the bridge keeps the token.
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import {
  repoRoot,
  requireBuild,
  startTestServer,
  type TestServer,
} from '../../../portal/e2e/support/browser-harness';

/** sessionStorage key of the browser bridge's token (apps/desktop/src/renderer/src/bridge.ts). */
export const TOKEN_KEY = 'portico.desktop.sessionToken';

/** The renderer is built for a plain browser (the Electron binary cannot run here) and served by the server. */
export async function startDesktopTestServer(options: { withJobs?: boolean } = {}): Promise<TestServer> {
  const rendererDist = requireBuild(
    path.join(repoRoot, 'apps/desktop/dist-renderer'),
    'pnpm --filter @portico/desktop build:renderer',
  );
  return startTestServer({
    ...(options.withJobs ? { withJobs: true } : {}),
    configure: async (app) => {
      await app.register(fastifyStatic, { root: rendererDist, prefix: '/desktop/', decorateReply: false });
    },
  });
}
