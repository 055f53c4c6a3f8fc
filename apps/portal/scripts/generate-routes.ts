// Writes src/routeTree.gen.ts without a build, so `tsc` can check the portal in a fresh checkout.
import { Generator, getConfig } from '@tanstack/router-generator';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The same options as tanstackRouter() in vite.config.ts, so a later build writes the identical file.
const config = getConfig({ target: 'react', autoCodeSplitting: true }, root);
await new Generator({ config, root }).run();
