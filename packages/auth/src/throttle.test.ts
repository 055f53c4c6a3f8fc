import { describe, expect, it } from 'vitest';
import { tooManyAttempts } from './sign-in';
import { accountThrottleKey, ipThrottleKey, normalizeIp } from './throttle';

describe('throttle keys', () => {
  it('derives the account key from the lower-cased email and never stores the email itself', () => {
    const key = accountThrottleKey('  Dana@Example.TEST ');
    expect(key).toBe(accountThrottleKey('dana@example.test'));
    expect(key).not.toContain('dana');
    expect(key).not.toBe(accountThrottleKey('dana2@example.test'));
  });

  it('keys IPv4 by address, IPv6 by its /64, and IPv4-mapped IPv6 as IPv4', () => {
    expect(normalizeIp('203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeIp('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(normalizeIp('2001:DB8:1:2:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(normalizeIp('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(normalizeIp('::1')).toBe('0:0:0:0::/64');
    expect(normalizeIp('not an ip')).toBe('not an ip');
    expect(ipThrottleKey('2001:db8:1:2::9')).toBe(ipThrottleKey('2001:db8:1:2:ffff::1'));
    expect(ipThrottleKey('2001:db8:1:3::9')).not.toBe(ipThrottleKey('2001:db8:1:2::9'));
  });
});

describe('the lock message', () => {
  it('rounds up to whole minutes and carries the seconds', () => {
    const e = tooManyAttempts(14 * 60 + 1);
    expect(e.code).toBe('TOO_MANY_REQUESTS');
    expect(e.message).toBe('Too many sign-in attempts. Try again in 15 minutes.');
    expect(e.retryAfterSeconds).toBe(14 * 60 + 1);
    expect(tooManyAttempts(20).message).toBe('Too many sign-in attempts. Try again in 1 minute.');
  });
});
