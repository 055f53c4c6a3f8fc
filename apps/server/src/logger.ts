// Owns the server's pino logger: levels, pretty output in development, and what must never be written to logs.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type LoggerOptions = {
  level: pino.LevelWithSilent;
  /** Human-readable lines for a terminal (development); JSON lines otherwise. */
  pretty?: boolean;
  /** Tests capture lines here instead of stdout. */
  destination?: pino.DestinationStream;
};

/**
 * Credentials never reach a log line: session headers, cookies, and any field called token or password,
 * wherever an error or a context object puts them.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'token',
  '*.token',
  '*.*.token',
  'sessionToken',
  '*.sessionToken',
  'password',
  '*.password',
  '*.*.password',
];

export function createLogger(options: LoggerOptions): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: redactPaths, censor: '[REDACTED]' },
    base: { service: 'portico' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino(base, pretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }));
  }
  return pino(base);
}

const SENSITIVE_QUERY_KEY = /token|code|secret|password|^input$/i;

/**
 * The URL as it is safe to log: query values that may carry credentials or personal data (magic-link
 * tokens, one-time codes, tRPC inputs) are replaced, the path stays for tracing.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...new Set(params.keys())]) {
    if (SENSITIVE_QUERY_KEY.test(key)) params.set(key, '[REDACTED]');
  }
  return `${url.slice(0, q)}?${params.toString()}`;
}
