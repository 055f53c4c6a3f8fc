// Builds the customer portal into dist/, which the server serves at /p/.
import { tanstackRouter } from '@tanstack/router-plugin/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/p/',
  // The router plugin generates src/routeTree.gen.ts, so it must run before React's transform.
  plugins: [tanstackRouter({ target: 'react', autoCodeSplitting: true }), react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    // `vite dev` on its own: forward API calls to a server started with `pnpm dev`.
    proxy: { '/trpc': 'http://localhost:3000' },
  },
});
