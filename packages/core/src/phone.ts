// Phone numbers: the one place a typed number becomes E.164 (default country US) or is refused.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { AppError } from './errors';

export const PHONE_EXAMPLE_MESSAGE = 'Enter a valid phone number, e.g. +1 512 555 0142.';

/** Returns the number in E.164 (+15125550142), or throws BAD_REQUEST naming `field`. */
export function normalizePhone(
  raw: string,
  options: { field?: string; defaultCountry?: CountryCode } = {},
): string {
  const field = options.field ?? 'phone';
  const parsed =
    raw.length <= 40 ? parsePhoneNumberFromString(raw.trim(), options.defaultCountry ?? 'US') : undefined;
  if (!parsed || !parsed.isValid()) throw new AppError('BAD_REQUEST', PHONE_EXAMPLE_MESSAGE, { field });
  return parsed.number;
}

/**
 * For optional inputs: undefined stays undefined (field not given), null or blank becomes null (cleared),
 * anything else is normalized.
 */
export function normalizeOptionalPhone(
  raw: string | null | undefined,
  options: { field?: string; defaultCountry?: CountryCode } = {},
): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw.trim() === '') return null;
  return normalizePhone(raw, options);
}
