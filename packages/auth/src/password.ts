// Password hashing with argon2id at OWASP's minimum parameters, and a verify that never throws.
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// The package's enums are ambient `const enum`s, which isolatedModules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. */
export const passwordHashOptions = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options;

// NIST 800-63B asks for Unicode normalization so the same password typed on another keyboard still matches.
function normalize(password: string): string {
  return password.normalize('NFKC');
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalize(password), passwordHashOptions);
}

// Hashed once, on first use, with the current parameters: verifying against it costs what a real verify
// costs, so an unknown email (or an unreadable stored hash) is not told apart by timing.
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(32).toString('base64url'), passwordHashOptions);
  return dummyHash;
}

/** Spends the time of one verify and answers false; for sign-ins whose account does not exist. */
export async function verifyDummyPassword(password: string): Promise<false> {
  await verify(await getDummyHash(), normalize(password));
  return false;
}

/** True when the password matches; false (never a throw) for a wrong password or a malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, normalize(password));
  } catch {
    return verifyDummyPassword(password);
  }
}

/** True when a stored hash was made with other parameters than today's, so the next sign-in rehashes it. */
export function needsRehash(storedHash: string): boolean {
  try {
    const o = parseOptions(storedHash);
    return (
      o.algorithm !== passwordHashOptions.algorithm ||
      o.memoryCost !== passwordHashOptions.memoryCost ||
      o.timeCost !== passwordHashOptions.timeCost ||
      o.parallelism !== passwordHashOptions.parallelism
    );
  } catch {
    return true;
  }
}
