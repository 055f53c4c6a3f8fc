// Reading Retry-After: seconds or an HTTP date, rounded up, bounded, and null when unreadable.
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './shared';

describe('parseRetryAfter', () => {
  it('reads delta-seconds and rounds fractions up', () => {
    expect(parseRetryAfter('2')).toBe(2);
    expect(parseRetryAfter(' 0.2 ')).toBe(1);
    expect(parseRetryAfter('0')).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(parseRetryAfter('Tue, 10 Mar 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Tue, 10 Mar 2026 11:59:00 GMT', now)).toBe(0);
  });

  it('caps a very long wait at an hour and ignores what it cannot read', () => {
    expect(parseRetryAfter('86400')).toBe(3600);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});
