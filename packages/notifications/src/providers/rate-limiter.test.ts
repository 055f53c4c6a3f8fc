// The per-channel token bucket: a backlog drains at the configured rate, and a Retry-After pauses everyone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../contracts';
import { createRateLimiter, withRateLimit } from './rate-limiter';

/** Starts `count` acquires at once and records when (fake ms since start) each one was let through. */
function startBacklog(limiter: ReturnType<typeof createRateLimiter>, count: number, start: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) void limiter.acquire().then(() => times.push(Date.now() - start));
  return times;
}

describe('createRateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('drains a backlog at the configured rate, first come first served', async () => {
    const start = Date.now();
    const limiter = createRateLimiter({ ratePerSecond: 2, now: () => Date.now() });
    const times = startBacklog(limiter, 5, start);
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toEqual([0]);
    expect(limiter.waiting).toBe(4);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(times).toEqual([0, 500, 1000, 1500, 2000]);
    expect(limiter.waiting).toBe(0);
  });

  it('never lets more than rate + burst through in any second of a long backlog', async () => {
    const start = Date.now();
    const limiter = createRateLimiter({ ratePerSecond: 50, now: () => Date.now() });
    const times = startBacklog(limiter, 400, start);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(times).toHaveLength(400);
    for (let from = 0; from < 7_000; from += 100) {
      const inWindow = times.filter((t) => t >= from && t < from + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(50 + 5);
    }
    // and it is not slower than the rate either: 400 sends at 50/s take about 8 s
    expect(times.at(-1)!).toBeLessThanOrEqual(8_050);
  });

  it('lets a burst through after an idle spell, then holds the rate', async () => {
    const start = Date.now();
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 3, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(5_000);
    const times = startBacklog(limiter, 5, start);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(times).toEqual([5000, 5000, 5000, 5100, 5200]);
  });

  it('pauses every waiting sender for a Retry-After, then resumes at the rate without a burst', async () => {
    const start = Date.now();
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 5, now: () => Date.now() });
    limiter.pauseFor(3);
    const times = startBacklog(limiter, 4, start);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(times).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(times).toEqual([3000, 3100, 3200, 3300]);
  });

  it('a shorter pause does not cut a longer one short', async () => {
    const start = Date.now();
    const limiter = createRateLimiter({ ratePerSecond: 10, now: () => Date.now() });
    limiter.pauseFor(2);
    limiter.pauseFor(1);
    const times = startBacklog(limiter, 1, start);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(times).toEqual([]);
    await vi.advanceTimersByTimeAsync(600);
    expect(times).toEqual([2000]);
  });

  it('follows a lower advertised rate but never rises above the configured one', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 5, now: () => Date.now() });
    limiter.limitTo(2);
    expect(limiter.ratePerSecond).toBe(2);
    limiter.limitTo(50);
    expect(limiter.ratePerSecond).toBe(5);
  });

  it('refuses at once, as retryable, a caller that would wait past maxWaitMs', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, maxWaitMs: 2_500, now: () => Date.now() });
    await limiter.acquire();
    const second = limiter.acquire();
    const third = limiter.acquire();
    const fourth = limiter.acquire().catch((error: unknown) => error);
    const refused = await fourth;
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({
      retryable: true,
      providerCode: 'local_rate_limit',
      retryAfterSeconds: 3,
    });
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => createRateLimiter({ ratePerSecond: 0 })).toThrow(/positive/);
    expect(() => createRateLimiter({ ratePerSecond: Number.NaN })).toThrow(/positive/);
  });
});

describe('withRateLimit', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("pauses the whole channel when one send gets a provider's Retry-After", async () => {
    const start = Date.now();
    const limiter = createRateLimiter({ ratePerSecond: 100, now: () => Date.now() });
    let calls = 0;
    const sent: number[] = [];
    const sender = withRateLimit(
      {
        send: async (n: number) => {
          calls += 1;
          if (n === 0) throw new ProviderError('throttled', { retryable: true, retryAfterSeconds: 4 });
          sent.push(Date.now() - start);
          return { providerMessageId: `m${n}` };
        },
      },
      limiter,
    );
    await expect(sender.send(0)).rejects.toMatchObject({ retryAfterSeconds: 4 });
    const later = [sender.send(1), sender.send(2)];
    await vi.advanceTimersByTimeAsync(3_900);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    await expect(Promise.all(later)).resolves.toEqual([
      { providerMessageId: 'm1' },
      { providerMessageId: 'm2' },
    ]);
    expect(sent).toEqual([4000, 4010]);
    expect(calls).toBe(3);
  });

  it('does not pause for a permanent error', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 100, now: () => Date.now() });
    const sender = withRateLimit(
      {
        send: async () => {
          throw new ProviderError('bad number', { retryable: false });
        },
      },
      limiter,
    );
    await expect(sender.send(1)).rejects.toMatchObject({ retryable: false });
    const next = limiter.acquire();
    await vi.advanceTimersByTimeAsync(10);
    await expect(next).resolves.toBeUndefined();
  });
});
