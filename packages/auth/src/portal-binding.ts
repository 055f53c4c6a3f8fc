// Owns the pre-auth cookie's value: a CSPRNG secret that binds a portal sign-in in progress (its login challenge and
// codes) to one browser. Only its SHA-256 is stored, so a database reader cannot act as that browser.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { getRandomValues } from 'node:crypto';

/** 32 bytes = 256 bits from the CSPRNG, 52 base32 characters. */
const PRE_AUTH_BYTES = 32;
const PRE_AUTH_SHAPE = /^[a-z2-7]{52}$/;

/** As long as a login challenge: past it there is nothing the cookie could still bind. */
export const PRE_AUTH_LIFETIME_MS = 15 * 60_000;

export type PreAuthCookie = { value: string; expiresAt: Date };

export function createPreAuthValue(): string {
  const bytes = new Uint8Array(PRE_AUTH_BYTES);
  getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashPreAuthValue(value: string): Uint8Array {
  return sha256(new TextEncoder().encode(value));
}

/** The binding hash of the cookie a browser sent, or null when it sent none (or something we never issued). */
export function readBindingHash(preAuth: string | null | undefined): Uint8Array | null {
  return preAuth && PRE_AUTH_SHAPE.test(preAuth) ? hashPreAuthValue(preAuth) : null;
}

/**
 * The pre-auth cookie to (re)set when a sign-in starts: the browser's own value when it holds a well-formed one
 * (a second tab keeps the first tab's binding), else a fresh one; either way it lives another 15 minutes.
 */
export function renewPreAuth(preAuth: string | null | undefined, now: Date): PreAuthCookie {
  const value = preAuth && PRE_AUTH_SHAPE.test(preAuth) ? preAuth : createPreAuthValue();
  return { value, expiresAt: new Date(now.getTime() + PRE_AUTH_LIFETIME_MS) };
}

export function bindingHashHex(hash: Uint8Array): string {
  return encodeHexLowerCase(hash);
}
