// Public surface of @portico/server: build the HTTP server, or boot the whole process.
export { buildServer, serverLimits, type BuildServerOptions } from './app';
export { readEnv, resolveEnv, type PorticoEnv } from './env';
export { createLogger } from './logger';
export { exitOnSignals, startPortico, type DemoCredentials, type Portico, type StartOptions } from './main';
export { sessionCookieName } from './session-cookie';
