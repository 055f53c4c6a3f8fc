import { describe, expect, it } from 'vitest';
import { formatLocalDate, formatPhone, formatWindow, telHref } from './format';

describe('portal formatting', () => {
  it('reads a local date without any time zone shifting it', () => {
    expect(formatLocalDate('2026-03-08')).toMatch(/Sunday.*March.*8/);
  });

  it("shows a window on the site's clock, across a DST change", () => {
    // 08:00-12:00 in Chicago on the day clocks spring forward is 13:00-17:00 UTC
    const text = formatWindow(
      new Date('2026-03-08T13:00:00Z'),
      new Date('2026-03-08T17:00:00Z'),
      'America/Chicago',
    );
    expect(text.replace(/\s/g, ' ')).toMatch(/8:00.*12:00/);
  });

  it('formats North American numbers for people and leaves others alone', () => {
    expect(formatPhone('+15125550100')).toBe('(512) 555-0100');
    expect(formatPhone('+44 20 7946 0018')).toBe('+44 20 7946 0018');
    expect(telHref('+1 (512) 555-0100')).toBe('tel:+15125550100');
  });
});
