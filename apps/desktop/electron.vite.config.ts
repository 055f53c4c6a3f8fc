// electron-vite build of the three processes: main (ESM), preload (CommonJS for the sandbox), renderer.
import { defineConfig } from 'electron-vite';
import { rendererPlugins, rendererRoot } from './vite.renderer.config';

export default defineConfig({
  main: {
    build: {
      // Everything main uses (zod) is bundled into out/main, so the packaged app ships no node_modules at all.
      externalizeDeps: false,
      rolldownOptions: { input: { index: 'src/main/index.ts' } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only be a single CommonJS file: no ESM, and no require() of node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: 'src/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: rendererRoot,
    plugins: rendererPlugins(),
    build: {
      rolldownOptions: { input: { index: `${rendererRoot}/index.html` } },
    },
  },
});
