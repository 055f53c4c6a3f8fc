import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { normalizeOptionalPhone, normalizePhone } from './phone';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('normalizePhone', () => {
  it.each([
    ['512 555 0142', '+15125550142'],
    ['(512) 555-0142', '+15125550142'],
    ['+1 512-555-0142', '+15125550142'],
    ['1 512 555 0142', '+15125550142'],
    ['  5125550142  ', '+15125550142'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('turns %j into %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it.each(['555-0142', '123', 'call me', '+1 012 555 0142', '9'.repeat(41)])(
    'refuses %j with an example',
    (raw) => {
      const error = refusal(() => normalizePhone(raw, { field: 'contact.phone' }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.field).toBe('contact.phone');
      expect(error.message).toBe('Enter a valid phone number, e.g. +1 512 555 0142.');
    },
  );

  it('names the phone field by default', () => {
    expect(refusal(() => normalizePhone('abc')).field).toBe('phone');
  });
});

describe('normalizeOptionalPhone', () => {
  it('keeps "not given" apart from "cleared"', () => {
    expect(normalizeOptionalPhone(undefined)).toBeUndefined();
    expect(normalizeOptionalPhone(null)).toBeNull();
    expect(normalizeOptionalPhone('  ')).toBeNull();
    expect(normalizeOptionalPhone('512 555 0142')).toBe('+15125550142');
  });
});
