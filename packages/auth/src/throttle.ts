// Sign-in throttling in PostgreSQL: failure counters per account and per IP, with a lock once a limit is hit.
//
// An attempt is counted BEFORE the password is checked ("reserved") and given back when it turns out not
// to be a failure. Counting first means that a burst of parallel guesses cannot all slip past the check
// while the first ones are still hashing: exactly `maxFailures` attempts per window reach argon2.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { schema, type DbOrTx } from '@portico/db';
import { eq, sql } from 'drizzle-orm';
import { isIPv4, isIPv6 } from 'node:net';

const { authThrottle } = schema;

export type ThrottlePolicy = {
  /** Failures allowed in one window; the failure that reaches it starts the lock. */
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
};

export const signInThrottlePolicy = {
  account: { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  ip: { maxFailures: 30, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
} as const satisfies Record<string, ThrottlePolicy>;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * The account key: a hash of the lower-cased email, so it exists for unknown emails too (no hint that an
 * account exists) and the throttle table holds no email address.
 */
export function accountThrottleKey(email: string): string {
  const normalized = email.trim().toLowerCase();
  return `signin:account:${encodeHexLowerCase(sha256(new TextEncoder().encode(normalized)))}`;
}

/** The IP key. IPv6 clients get a whole /64 each (one customer line), IPv4-mapped IPv6 counts as IPv4. */
export function ipThrottleKey(ip: string): string {
  return `signin:ip:${normalizeIp(ip)}`;
}

export function normalizeIp(ip: string): string {
  const trimmed = ip.trim().toLowerCase();
  if (isIPv4(trimmed)) return trimmed;
  const withoutZone = trimmed.split('%')[0] ?? '';
  if (!isIPv6(withoutZone)) return trimmed;
  const groups = expandIpv6(withoutZone);
  if (!groups) return trimmed;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

function expandIpv6(address: string): number[] | null {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (isIPv4(tail)) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  const groups =
    halves.length === 2 ? [...head, ...Array<number>(8 - head.length - rest.length).fill(0), ...rest] : head;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Counts one attempt against a key in a single atomic upsert (concurrent attempts each see the row the
 * previous one left). Allowed while the count stays within the limit; the attempt that reaches the limit
 * sets the lock, and a lock that has run out starts a fresh window.
 */
export async function reserveAttempt(
  db: DbOrTx,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
): Promise<ThrottleDecision> {
  const windowFloor = new Date(now.getTime() - policy.windowSeconds * 1000);
  const lockEnd = new Date(now.getTime() + policy.lockSeconds * 1000);
  // A lock still running keeps the window; an expired lock or an old window starts over.
  const startsOver = sql`coalesce(${authThrottle.lockedUntil} <= ${iso(now)}, ${authThrottle.windowStartedAt} <= ${iso(windowFloor)})`;
  const nextFailures = sql`(case when ${startsOver} then 1 else ${authThrottle.failures} + 1 end)`;
  const [row] = await db
    .insert(authThrottle)
    .values({ key, failures: 1, windowStartedAt: now, lockedUntil: policy.maxFailures <= 1 ? lockEnd : null })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: nextFailures,
        windowStartedAt: sql`case when ${startsOver} then ${iso(now)} else ${authThrottle.windowStartedAt} end`,
        lockedUntil: sql`case
          when ${authThrottle.lockedUntil} > ${iso(now)} then ${authThrottle.lockedUntil}
          when ${nextFailures} >= ${policy.maxFailures} then ${iso(lockEnd)}
          else null end`,
      },
    })
    .returning({ failures: authThrottle.failures, lockedUntil: authThrottle.lockedUntil });
  if (!row || row.failures <= policy.maxFailures) return { allowed: true };
  const lockedMs = (row.lockedUntil ?? lockEnd).getTime() - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(lockedMs / 1000)) };
}

/** Gives back an attempt that was not a failure; lifts the lock when that takes the count under the limit. */
export async function releaseAttempt(db: DbOrTx, key: string, policy: ThrottlePolicy): Promise<void> {
  await db
    .update(authThrottle)
    .set({
      failures: sql`greatest(${authThrottle.failures} - 1, 0)`,
      lockedUntil: sql`case when ${authThrottle.failures} - 1 < ${policy.maxFailures} then null else ${authThrottle.lockedUntil} end`,
    })
    .where(eq(authThrottle.key, key));
}

export async function resetThrottleKey(db: DbOrTx, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}

/**
 * Counts a sign-in attempt against the account and the IP; answers whether the password may be checked.
 * The same for existing and unknown emails. Every allowed attempt counts as a failure until
 * recordSignInSuccess gives it back.
 */
export async function reserveSignInAttempt(
  db: DbOrTx,
  input: { email: string; ip: string; now: Date },
): Promise<ThrottleDecision> {
  const accountKey = accountThrottleKey(input.email);
  const account = await reserveAttempt(db, accountKey, signInThrottlePolicy.account, input.now);
  // A refused attempt on a locked account is not charged to the IP, so one person retrying their own
  // locked account from an office does not lock out the whole office.
  if (!account.allowed) return account;
  const ip = await reserveAttempt(db, ipThrottleKey(input.ip), signInThrottlePolicy.ip, input.now);
  if (!ip.allowed) await releaseAttempt(db, accountKey, signInThrottlePolicy.account);
  return ip;
}

/** A successful sign-in: the account starts with a clean slate; the IP only gets its attempt back. */
export async function recordSignInSuccess(db: DbOrTx, input: { email: string; ip: string }): Promise<void> {
  await resetThrottleKey(db, accountThrottleKey(input.email));
  await releaseAttempt(db, ipThrottleKey(input.ip), signInThrottlePolicy.ip);
}

/** Housekeeping: rows whose window and lock are both over carry no information any more. */
export async function deleteStaleThrottleRows(db: DbOrTx, now: Date): Promise<void> {
  const longest = Math.max(
    ...Object.values(signInThrottlePolicy).map((p) => Math.max(p.windowSeconds, p.lockSeconds)),
  );
  const floor = new Date(now.getTime() - longest * 1000);
  await db
    .delete(authThrottle)
    .where(
      sql`${authThrottle.windowStartedAt} < ${iso(floor)} and (${authThrottle.lockedUntil} is null or ${authThrottle.lockedUntil} <= ${iso(now)})`,
    );
}
