import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { containsPattern, parseCursor, phoneDigits } from './list-helpers';

describe('containsPattern', () => {
  it('matches %, _ and \\ literally', () => {
    expect(containsPattern('acme')).toBe('%acme%');
    expect(containsPattern('100%')).toBe('%100\\%%');
    expect(containsPattern('a_b')).toBe('%a\\_b%');
    expect(containsPattern('c:\\x')).toBe('%c:\\\\x%');
  });
});

describe('phoneDigits', () => {
  it('keeps the digits of phone-like searches only', () => {
    expect(phoneDigits('(512) 555-01')).toBe('51255501');
    expect(phoneDigits('+1 737')).toBe('1737');
    expect(phoneDigits('12')).toBeNull();
    expect(phoneDigits('Suite 100')).toBeNull();
  });
});

describe('parseCursor', () => {
  it('accepts an id or nothing, and refuses anything else on the cursor field', () => {
    expect(parseCursor(null)).toBeNull();
    expect(parseCursor('')).toBeNull();
    const id = '3f1c2a9e-0b7d-4c1e-9a55-1d2e3f4a5b6c';
    expect(parseCursor(id)).toBe(id);
    try {
      parseCursor('eyJuIjoiYWNtZSJ9');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).field).toBe('cursor');
      expect((error as AppError).code).toBe('BAD_REQUEST');
    }
  });
});
