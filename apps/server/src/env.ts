// The one place Portico's server reads process.env: parses it with the config schema and resolves defaults.
import { parseEnv, serverEnvSchema, type ServerEnv } from '@portico/config';

/**
 * The installed desktop app's origin: Electron serves its renderer from the privileged `app://portico` scheme
 * (apps/desktop/src/main/app-protocol.ts), so every request it makes carries `Origin: app://portico`.
 *
 * Always trusted, with no setting, and that adds no CSRF exposure: a web page cannot send this Origin (the
 * browser sets it from the page's own origin, and no site can be served from a scheme only Electron knows),
 * and the app holds no ambient credential. Its calls are bearer-only (a token a forged page cannot attach),
 * except sign-in, whose token comes back in the response body, never as a cookie. CORS is granted to it
 * without credentials like every trusted origin.
 */
export const DESKTOP_APP_ORIGIN = 'app://portico';

export type PorticoEnv = Omit<ServerEnv, 'PUBLIC_ORIGIN'> & {
  /** Always set: defaults to http://localhost:PORT. Normalised to an origin (no path, no trailing slash). */
  PUBLIC_ORIGIN: string;
  /** Every origin allowed to send state-changing requests: PUBLIC_ORIGIN, TRUSTED_ORIGINS and the desktop app. */
  allowedOrigins: string[];
};

function toOrigin(value: string, name: string): string {
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must be an http(s) origin, like https://portal.example.com (got ${value}).`);
  }
  return url.origin;
}

/** Resolves an environment given as a plain record; pure, so tests and scripts can pass their own. */
export function resolveEnv(source: Record<string, string | undefined>): PorticoEnv {
  const parsed = parseEnv(serverEnvSchema, source);
  const isDefaultOrigin = !parsed.PUBLIC_ORIGIN;
  const publicOrigin = toOrigin(parsed.PUBLIC_ORIGIN ?? `http://localhost:${parsed.PORT}`, 'PUBLIC_ORIGIN');
  const trusted = parsed.TRUSTED_ORIGINS.map((o) => toOrigin(o, 'TRUSTED_ORIGINS'));
  // With the default origin, a developer may just as well open http://127.0.0.1:PORT: same machine, same server.
  const loopbackAliases = isDefaultOrigin ? [`http://127.0.0.1:${parsed.PORT}`] : [];
  return {
    ...parsed,
    PUBLIC_ORIGIN: publicOrigin,
    allowedOrigins: [...new Set([publicOrigin, ...loopbackAliases, ...trusted, DESKTOP_APP_ORIGIN])],
  };
}

export type ReadEnvOptions = {
  /** Used where process.env leaves a variable unset (e.g. `pnpm start` binds to 127.0.0.1). */
  defaults?: Record<string, string>;
  /** Win over process.env (e.g. the worker entry forces ROLE=worker). */
  overrides?: Record<string, string>;
};

/** Reads process.env: the only read of it in the server. */
export function readEnv(options: ReadEnvOptions = {}): PorticoEnv {
  const fromProcess = Object.fromEntries(
    Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ''),
  );
  return resolveEnv({ ...options.defaults, ...fromProcess, ...options.overrides });
}
