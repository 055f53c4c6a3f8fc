// ESLint for the whole workspace: type-aware TypeScript rules, React hooks, and the import boundaries between layers.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = '**/*.{ts,tsx,mts,cts}';
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/e2e/**'];

/** Code that runs only on the server: a front end importing it would ship it (and its secrets' shape) to browsers. */
const SERVER_ONLY = [
  '@portico/db',
  '@portico/core',
  '@portico/auth',
  '@portico/jobs',
  '@portico/server',
  '@portico/notifications',
];

/**
 * Pure subpaths of server packages a front end may bundle: the template rules (variables, validation, SMS
 * segments) import nothing but date-fns, so the editor flags exactly what the server would refuse.
 */
const FRONT_END_ALLOWED = ['@portico/notifications/templates'];

const escapeRegex = (text) => text.replace(/[/.]/g, '\\$&');

const serverOnlyPatterns = (who, allowed = []) =>
  SERVER_ONLY.map((name) => {
    const message = `${who} may not import ${name}: it is server code. Go through @portico/api-client (and types from @portico/api).`;
    const exceptions = allowed.filter((a) => a.startsWith(`${name}/`)).map((a) => a.slice(name.length + 1));
    if (exceptions.length === 0) return { group: [name, `${name}/*`], message };
    // the package and every subpath except the allowed ones (a gitignore group cannot re-include under a match)
    return {
      regex: `^${escapeRegex(name)}(?:/(?!(?:${exceptions.map(escapeRegex).join('|')})$).*)?$`,
      message,
    };
  });

/** Only `import type` from the router package: the type is the contract, the code stays on the server. */
const apiTypesOnly = [
  {
    group: ['@portico/api', '@portico/api/*'],
    allowTypeImports: true,
    message:
      'Import only types from @portico/api (import type { AppRouter } ...); call procedures through @portico/api-client.',
  },
];

/** The patterns for "this folder may import only these packages", everything relative stays allowed. */
const onlyPackages = (allowed, message) => ({
  regex: `^(?!\\.{1,2}/|${allowed.map((p) => `${p.replace(/[/.]/g, '\\$&')}(?:$|/)`).join('|')})`,
  message,
});

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/dist-renderer/',
    '**/out/',
    'drizzle/',
    'test-output/',
    '.data/',
    '.tools/',
    '**/*.gen.ts',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'portico/type-aware',
    files: [TS],
    languageOptions: {
      parserOptions: {
        // Each file is checked with the tsconfig that owns it (apps/*/tsconfig.json, the renderer's, the root one).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // TypeScript already reports undefined names, with knowledge of every global the tsconfig declares.
      'no-undef': 'off',
    },
  },

  {
    name: 'portico/node-scripts',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  {
    name: 'portico/react',
    files: ['apps/portal/src/**/*.tsx', 'apps/desktop/src/renderer/**/*.tsx', 'packages/*/src/**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },

  // ---- import boundaries (one rule entry per folder: a later entry replaces an earlier one's options) ----
  {
    name: 'portico/boundaries/front-ends',
    files: ['apps/portal/src/**', 'apps/desktop/src/renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...serverOnlyPatterns('A front end', FRONT_END_ALLOWED),
            ...apiTypesOnly,
            {
              group: ['node:*', 'electron', 'electron/*'],
              message: 'Browser code has no Node or Electron; ask main through window.desktop.',
            },
            {
              group: ['@trpc/*'],
              message: 'Use @portico/api-client, which sets up tRPC the one way Portico does.',
            },
          ],
        },
      ],
      // The tsconfig includes Node types (AppRouter is read from server source), so name the Node globals here.
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', '__dirname', '__filename', 'require', 'global'].map((name) => ({
          name,
          message: `${name} does not exist in the browser.`,
        })),
      ],
    },
  },
  {
    name: 'portico/boundaries/api-client',
    files: ['packages/api-client/src/**'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [...serverOnlyPatterns('@portico/api-client (bundled into front ends)'), ...apiTypesOnly],
        },
      ],
    },
  },
  {
    name: 'portico/boundaries/desktop-main-and-preload',
    files: ['apps/desktop/src/main/**', 'apps/desktop/src/preload/**', 'apps/desktop/src/shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...serverOnlyPatterns('The desktop app'),
            ...apiTypesOnly,
            {
              group: ['**/renderer/**'],
              message: 'Main and preload never import renderer code; share through src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'portico/boundaries/desktop-preload',
    files: ['apps/desktop/src/preload/**'],
    rules: {
      // A sandboxed preload can require nothing but electron; anything else must be bundled in, so keep it tiny.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            onlyPackages(['electron'], 'The sandboxed preload imports only electron and ../shared.'),
          ],
        },
      ],
    },
  },
  {
    name: 'portico/boundaries/core',
    files: ['packages/core/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@trpc/*', 'fastify', '@fastify/*', 'react', 'react-dom', 'react/*', 'react-dom/*'],
              message:
                'core is transport- and UI-free: no tRPC, Fastify or React. Throw AppError; the api layer maps it.',
            },
            {
              group: ['@portico/api', '@portico/api/*', '@portico/auth', '@portico/auth/*'],
              message: 'core sits below api and auth; they import core, never the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'portico/boundaries/validators-and-config',
    files: ['packages/validators/src/**', 'packages/config/src/**'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            onlyPackages(['zod'], 'validators and config import only zod (they run in every runtime).'),
          ],
        },
      ],
    },
  },
);
