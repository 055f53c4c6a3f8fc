// The renderer on its own, built for a plain browser (dist-renderer/), plus the renderer settings Electron's build shares.
import react from '@vitejs/plugin-react';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

export const rendererRoot = fileURLToPath(new URL('./src/renderer', import.meta.url));

/**
 * Puts the Content-Security-Policy in index.html as its first element, so it covers every script that follows.
 * A meta policy is the one that also applies to the app://portico page Electron loads. Development adds a nonce for
 * the inline React Refresh preamble and the dev server's websocket; production allows no inline code at all.
 */
export function contentSecurityPolicy(): Plugin {
  const nonce = randomBytes(16).toString('base64');
  let isDevServer = false;
  return {
    name: 'portico:content-security-policy',
    config(_config, { command }) {
      isDevServer = command === 'serve';
      return isDevServer ? { html: { cspNonce: nonce } } : {};
    },
    transformIndexHtml: {
      order: 'post',
      handler() {
        const script = isDevServer ? `'self' 'nonce-${nonce}'` : "'self'";
        const style = isDevServer ? `'self' 'nonce-${nonce}'` : "'self'";
        // The server is configurable, so any TLS origin may be called; plain http only on this machine.
        const connect = ["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*'];
        if (isDevServer) connect.push('ws://localhost:*');
        const policy = [
          "default-src 'none'",
          `script-src ${script}`,
          `style-src ${style}`,
          // Inline style attributes only (no <style> elements, no scripts): the email preview's sandboxed srcdoc
          // frame inherits this policy, and a branded email is styled by attributes, as mail clients require.
          "style-src-attr 'unsafe-inline'",
          // the organization's logo comes from the server (/files/<id>); blob: and data: preview a picked file
          `img-src 'self' data: blob: https: http://localhost:* http://127.0.0.1:*`,
          "font-src 'self'",
          `connect-src ${connect.join(' ')}`,
          "base-uri 'none'",
          "form-action 'none'",
          "object-src 'none'",
        ].join('; ');
        return [
          {
            tag: 'meta',
            attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

export const rendererPlugins = (): Plugin[] => [...react(), contentSecurityPolicy()];

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: the build works wherever it is served from (a test server's /desktop/, a file).
  base: './',
  plugins: rendererPlugins(),
  build: {
    outDir: fileURLToPath(new URL('./dist-renderer', import.meta.url)),
    emptyOutDir: true,
  },
});
