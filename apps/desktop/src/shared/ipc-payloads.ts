// The zod schemas main checks every IPC payload against before acting on it (the settings screen reuses the
// server address rule, so the form and main refuse the same things with the same words).
import { z } from 'zod';

/** A session token as the server issues it (id.secret, base32); anything else is refused before storage. */
export const sessionTokenSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z2-7]+\.[a-z2-7]+$/, { message: 'Not a session token.' });

/** Hosts that may be reached over plain http: this machine only (the renderer's CSP allows no other). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * The address of a Portico server, reduced to its origin (https://portico.example.com). Plain http only for
 * this machine, because a session token must never cross a network in the clear; no user name, path, query
 * or fragment, so what is saved is exactly what is called.
 */
export const serverUrlSchema = z
  .string()
  .trim()
  .min(1, { message: 'Enter the server’s address.' })
  .max(2048, { message: 'That address is too long.' })
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Enter a full address, like https://portico.example.com.' });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'Use an https address, like https://portico.example.com.' });
      return z.NEVER;
    }
    if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Use https for a server on another machine (plain http only for localhost).',
      });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'Leave the user name and password out of the address.' });
      return z.NEVER;
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
      ctx.addIssue({
        code: 'custom',
        message: `Enter only the server’s address, without a path: ${url.origin}`,
      });
      return z.NEVER;
    }
    return url.origin;
  });

export const noPayloadSchema = z.tuple([]);
export const setTokenPayloadSchema = z.tuple([sessionTokenSchema]);
export const setServerUrlPayloadSchema = z.tuple([serverUrlSchema]);

/** A native notification: short plain text, and optionally the task its click opens. */
export const notificationSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  body: z.string().max(500),
  taskId: z.uuid().optional(),
});
export const notifyPayloadSchema = z.tuple([notificationSchema]);

export type DesktopNotification = z.infer<typeof notificationSchema>;

/** What the settings screen shows about the app itself. */
export type AppInfo = {
  /** 'browser': the renderer on its own in a browser tab (tests, a quick look), with the browser bridge. */
  runtime: 'electron' | 'browser';
  /** The app's version; null in a browser. */
  version: string | null;
  /** Whether the session token is kept encrypted by the OS keychain (false: it lasts until the app quits). */
  isTokenEncrypted: boolean;
  /** True when PORTICO_SERVER_URL was set: the environment, not the saved setting, chose the server. */
  isServerUrlFromEnvironment: boolean;
};

/** The screens the application menu's Go menu may send the renderer to. */
export const menuDestinations = [
  '/tasks',
  '/board',
  '/windows',
  '/customers',
  '/notifications',
  '/settings',
] as const;
export type MenuDestination = (typeof menuDestinations)[number];
