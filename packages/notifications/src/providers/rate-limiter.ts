// Owns the per-channel send rate of one process: a token bucket that a provider's 429 can pause for everyone.
import { ProviderError, type SendResult } from '../contracts';

export type RateLimiter = {
  /** Resolves when this caller may send; callers are served first come, first served. */
  acquire: () => Promise<void>;
  /** Nobody sends for this long (a 429's Retry-After); then sending restarts at the rate, without a burst. */
  pauseFor: (seconds: number) => void;
  /** Lowers the rate to what the provider advertises; never above the configured rate. */
  limitTo: (ratePerSecond: number) => void;
  /** The rate in force now. */
  readonly ratePerSecond: number;
  /** Callers waiting in acquire(). */
  readonly waiting: number;
};

export type RateLimiterOptions = {
  ratePerSecond: number;
  /**
   * Sends allowed back to back after an idle spell. Default: a tenth of a second's worth (at least 1), so a
   * backlog drains evenly instead of in bursts a provider's per-second window would count against us.
   */
  burst?: number;
  /**
   * When set, acquire() refuses at once (retryable ProviderError) if the caller would wait longer than this, so
   * the job goes back to the queue instead of holding a worker. Unset: callers wait as long as it takes.
   */
  maxWaitMs?: number;
  /** Monotonic milliseconds; injectable for tests. */
  now?: () => number;
};

type Waiter = { resolve: () => void };

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const configuredRate = options.ratePerSecond;
  if (!(configuredRate > 0) || !Number.isFinite(configuredRate)) {
    throw new Error(`A send rate must be a positive number per second (got ${configuredRate}).`);
  }
  const burst = Math.max(1, options.burst ?? Math.floor(configuredRate / 10));
  const now = options.now ?? (() => performance.now());

  let rate = configuredRate;
  let tokens = burst;
  let refilledAt = now();
  let pausedUntil = -Infinity;
  const waiters: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function refill(t: number): void {
    if (t <= refilledAt) return;
    tokens = Math.min(burst, tokens + ((t - refilledAt) * rate) / 1000);
    refilledAt = t;
  }

  /** Milliseconds until the waiter at `position` (0 = head) may send, if nothing else changes. */
  function waitFor(t: number, position: number): number {
    refill(t);
    const start = Math.max(t, pausedUntil);
    const available = t < pausedUntil ? Math.min(tokens, 1) : tokens;
    const missing = Math.max(0, position + 1 - available);
    return start - t + (missing * 1000) / rate;
  }

  function arm(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiters.length === 0) return;
    // At least 1 ms: float rounding can leave 0.9999 tokens, and a 0 ms loop would spin.
    timer = setTimeout(pump, Math.max(1, Math.ceil(waitFor(now(), 0))));
  }

  function pump(): void {
    timer = null;
    const t = now();
    if (t >= pausedUntil) {
      refill(t);
      while (waiters.length > 0 && tokens >= 1) {
        tokens -= 1;
        waiters.shift()!.resolve();
      }
    }
    arm();
  }

  return {
    acquire(): Promise<void> {
      const t = now();
      if (waiters.length === 0 && t >= pausedUntil) {
        refill(t);
        if (tokens >= 1) {
          tokens -= 1;
          return Promise.resolve();
        }
      }
      if (options.maxWaitMs !== undefined) {
        const wait = waitFor(t, waiters.length);
        if (wait > options.maxWaitMs) {
          return Promise.reject(
            new ProviderError(
              `Sending is held back by the configured rate (${rate}/s) for about ${Math.ceil(wait / 1000)} s.`,
              {
                retryable: true,
                retryAfterSeconds: Math.ceil(wait / 1000),
                providerCode: 'local_rate_limit',
              },
            ),
          );
        }
      }
      return new Promise<void>((resolve) => {
        waiters.push({ resolve });
        if (!timer) arm();
      });
    },
    pauseFor(seconds: number): void {
      if (!(seconds > 0)) return;
      const t = now();
      const until = t + seconds * 1000;
      if (until <= pausedUntil) return;
      pausedUntil = until;
      // One send when the pause ends, then the rate: a full bucket would answer a 429 with a burst.
      tokens = 1;
      refilledAt = until;
      arm();
    },
    limitTo(ratePerSecond: number): void {
      if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) return;
      const next = Math.min(configuredRate, ratePerSecond);
      if (next === rate) return;
      refill(now());
      rate = next;
      arm();
    },
    get ratePerSecond() {
      return rate;
    },
    get waiting() {
      return waiters.length;
    },
  };
}

/**
 * A sender that waits for the limiter before each call, and pauses the whole channel when the provider answers
 * with a Retry-After (a 429 seen by one job slows every job of this process, not just the one that got it).
 */
export function withRateLimit<M>(
  sender: { send: (message: M) => Promise<SendResult> },
  limiter: RateLimiter,
): { send: (message: M) => Promise<SendResult> } {
  return {
    async send(message: M): Promise<SendResult> {
      await limiter.acquire();
      try {
        return await sender.send(message);
      } catch (error) {
        if (error instanceof ProviderError && error.retryable && error.retryAfterSeconds) {
          limiter.pauseFor(error.retryAfterSeconds);
        }
        throw error;
      }
    },
  };
}
