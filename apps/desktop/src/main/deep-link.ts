// `portico://` links: the one shape the app accepts (portico://task/<uuid>) and where to find one in argv.
import { z } from 'zod';

export const DEEP_LINK_SCHEME = 'portico';

export type DeepLink = { kind: 'task'; taskId: string };

// The whole link, strictly: no user, port, query or fragment, one optional trailing slash (Windows adds one).
const TASK_LINK = /^portico:\/\/task\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

const deepLinkSchema = z
  .string()
  .max(100)
  .transform((value, ctx): DeepLink => {
    const match = TASK_LINK.exec(value);
    const taskId = z.uuid().safeParse(match?.[1]?.toLowerCase());
    if (!taskId.success) {
      ctx.addIssue({ code: 'custom', message: 'Not a Portico task link.' });
      return z.NEVER;
    }
    return { kind: 'task', taskId: taskId.data };
  });

/** The task a `portico://task/<uuid>` link names, or null for anything else (never throws). */
export function parseDeepLink(value: unknown): DeepLink | null {
  const parsed = deepLinkSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Windows and Linux start the app (or a second instance of it) with the link as a command-line argument,
 * among Chromium's own switches: the first argument that is a valid link wins.
 */
export function findDeepLinkInArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return null;
}
