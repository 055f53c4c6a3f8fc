// Owns what both live senders share: the default request timeout and reading a Retry-After header.

/** A provider call that has not answered after this long is abandoned and reported as retryable. */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 10_000;

/** A provider asking for more than an hour is treated as asking for an hour: the job retries, not sleeps. */
const MAX_RETRY_AFTER_SECONDS = 3600;

/**
 * Seconds from a Retry-After value: delta-seconds ("2", "0.5") or an HTTP date. Null when absent or unreadable.
 * Fractions round up, so a pause never ends before the provider's window does.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return clamp(Math.ceil(Number(trimmed)));
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return clamp(Math.ceil((at - nowMs) / 1000));
}

function clamp(seconds: number): number {
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, seconds));
}
