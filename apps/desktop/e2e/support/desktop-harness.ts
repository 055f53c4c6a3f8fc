// Shared by the desktop renderer's browser tests: the real server on a fresh database serving the renderer's
// browser build at /desktop/, the key under which the browser stand-in of the bridge keeps the token, and a
// browser already signed in.
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import {
  openBrowser,
  repoRoot,
  requireBuild,
  startTestServer,
  type TestBrowser,
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

/**
 * A desktop-sized Chromium already signed in with `token` (as the browser bridge keeps it), on `hashPath`
 * (e.g. '/board'). A hash change alone is not a page load, so the page reloads to start with the stored token.
 */
export async function openSignedInDesktop(
  server: TestServer,
  token: string,
  hashPath: string,
): Promise<TestBrowser> {
  const browser = await openBrowser({ viewport: { width: 1440, height: 900 } });
  await browser.page.goto(`${server.url}/desktop/`);
  await browser.page.evaluate(
    `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)})`,
  );
  await browser.page.goto(`${server.url}/desktop/#${hashPath}`);
  await browser.page.reload();
  return browser;
}
