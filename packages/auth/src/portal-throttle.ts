// Owns the limits of portal sign-in: how many codes and links may be sent (per recipient, per IP, per
// organization: SMS pumping costs real money), how many code tries an account and an IP get, and the decoy
// counter that makes "no code was sent" answer like a wrong code. Counters live in auth_throttle (throttle.ts).
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { AppError } from '@portico/core';
import { schema, type DbOrTx } from '@portico/db';
import { sql } from 'drizzle-orm';
import {
  normalizeIp,
  releaseAttempt,
  reserveAttempt,
  signInThrottlePolicy,
  type ThrottleDecision,
  type ThrottlePolicy,
} from './throttle';

const { authThrottle } = schema;

/**
 * Why these numbers:
 * - sendPerDestination 5 an hour: a person needs one code, maybe a re-send or two, per sign-in; five caps what
 *   anyone can make us send to one number or address (and how often a stranger can buzz someone's phone) at five
 *   messages an hour. Counted across organizations: it is the recipient being protected.
 * - sendPerIp 20 an hour: several customers behind one office or carrier NAT still get through; a script on one
 *   line cannot walk the contact list.
 * - sendPerOrganization 500 an hour: far above a field-service company's sign-ins in an hour (invites and
 *   reminders go through the notification pipeline, not here), and a hard ceiling on what SMS pumping through
 *   one portal can cost (500 premium-rate SMS an hour at worst instead of an unbounded number).
 * - accessRequestPerIp 10 an hour: "send me a new code or link" is typed by a person after a link failed.
 * - verifyPerAccount 10 wrong codes an hour, then locked for an hour: two codes' worth of tries (5 each); re-sending
 *   does not reset it, only a right code does, so guessing gets 10 tries an hour, ~240 a day against 10^6 codes,
 *   and the account locks long before 100 consecutive failures.
 * - verifyPerIp 30 tries in 15 minutes: one network guessing across many accounts.
 * Send limits lock for as long as their window, so the rate can never exceed the limit per window.
 */
export const portalThrottlePolicy = {
  sendPerDestination: { maxFailures: 5, windowSeconds: 3600, lockSeconds: 3600 },
  sendPerIp: { maxFailures: 20, windowSeconds: 3600, lockSeconds: 3600 },
  sendPerOrganization: { maxFailures: 500, windowSeconds: 3600, lockSeconds: 3600 },
  accessRequestPerIp: { maxFailures: 10, windowSeconds: 3600, lockSeconds: 3600 },
  verifyPerAccount: { maxFailures: 10, windowSeconds: 3600, lockSeconds: 3600 },
  verifyPerIp: { maxFailures: 30, windowSeconds: 900, lockSeconds: 900 },
} as const satisfies Record<string, ThrottlePolicy>;

const digest = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/** Keys hold hashes, never a phone number or email address. */
export const portalThrottleKeys = {
  sendDestination: (destination: string) => `portal:send:to:${digest(destination.trim().toLowerCase())}`,
  sendIp: (ip: string) => `portal:send:ip:${normalizeIp(ip)}`,
  sendOrganization: (organizationId: string) => `portal:send:org:${organizationId}`,
  accessRequestIp: (ip: string) => `portal:request:ip:${normalizeIp(ip)}`,
  verifyAccount: (portalUserId: string) => `portal:verify:account:${portalUserId}`,
  verifyIp: (ip: string) => `portal:verify:ip:${normalizeIp(ip)}`,
  decoy: (bindingHashHex: string) => `portal:verify:decoy:${bindingHashHex}`,
};

/**
 * Counts one send against the recipient, the asking IP (when a browser asked directly) and the organization.
 * Refused when any limit is spent; what was counted before the refusing key is given back.
 */
export async function reserveSend(
  db: DbOrTx,
  input: { destination: string; organizationId: string; ip: string | null; now: Date },
): Promise<ThrottleDecision> {
  const steps: [string, ThrottlePolicy][] = [
    [portalThrottleKeys.sendDestination(input.destination), portalThrottlePolicy.sendPerDestination],
    ...(input.ip
      ? ([[portalThrottleKeys.sendIp(input.ip), portalThrottlePolicy.sendPerIp]] as [
          string,
          ThrottlePolicy,
        ][])
      : []),
    [portalThrottleKeys.sendOrganization(input.organizationId), portalThrottlePolicy.sendPerOrganization],
  ];
  const counted: [string, ThrottlePolicy][] = [];
  for (const [key, policy] of steps) {
    const decision = await reserveAttempt(db, key, policy, input.now);
    if (!decision.allowed) {
      for (const [k, p] of counted) await releaseAttempt(db, k, p);
      return decision;
    }
    counted.push([key, policy]);
  }
  return { allowed: true };
}

const inMinutes = (seconds: number) => {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
};

export function tooManySends(retryAfterSeconds: number): AppError {
  return new AppError(
    'TOO_MANY_REQUESTS',
    `Too many codes have been sent. Try again in ${inMinutes(retryAfterSeconds)}.`,
    { retryAfterSeconds },
  );
}

export function tooManyCodeTries(retryAfterSeconds: number): AppError {
  return new AppError(
    'TOO_MANY_REQUESTS',
    `Too many wrong codes. For your security, sign-in is paused for ${inMinutes(retryAfterSeconds)}.`,
    { retryAfterSeconds },
  );
}

export function tooManyAccessRequests(retryAfterSeconds: number): AppError {
  return new AppError(
    'TOO_MANY_REQUESTS',
    `Too many requests from this network. Try again in ${inMinutes(retryAfterSeconds)}.`,
    { retryAfterSeconds },
  );
}

/**
 * A try at a code this browser was never sent (nobody was found for "send me a new code", or the job has not
 * run yet): counted per browser so the answers follow a real code's (N tries left, then too many tries, and
 * expired after the code lifetime), and a stranger cannot tell a contact on file from one that is not.
 */
export async function countDecoyTry(
  db: DbOrTx,
  bindingHashHex: string,
  now: Date,
): Promise<{ tries: number; startedAt: Date }> {
  const iso = sql`${now.toISOString()}::timestamptz`;
  // A counter older than an hour (housekeeping would have removed it) starts over, as a fresh request would.
  const isStale = sql`${authThrottle.windowStartedAt} < ${iso} - interval '1 hour'`;
  const [row] = await db
    .insert(authThrottle)
    .values({ key: portalThrottleKeys.decoy(bindingHashHex), failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: sql`case when ${isStale} then 1 else ${authThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${isStale} then ${iso} else ${authThrottle.windowStartedAt} end`,
      },
    })
    .returning({ failures: authThrottle.failures, windowStartedAt: authThrottle.windowStartedAt });
  return { tries: row?.failures ?? 1, startedAt: row?.windowStartedAt ?? now };
}

/**
 * Housekeeping for every throttle policy, sign-in and portal alike: a row whose window and lock are both over
 * carries no information any more. (throttle.ts's deleteStaleThrottleRows only knows the 15-minute sign-in
 * windows and would wipe the hour-long portal counters early.)
 */
export async function deleteSpentThrottleRows(db: DbOrTx, now: Date): Promise<void> {
  const policies: ThrottlePolicy[] = [
    ...Object.values(signInThrottlePolicy),
    ...Object.values(portalThrottlePolicy),
  ];
  const longest = Math.max(...policies.map((p) => Math.max(p.windowSeconds, p.lockSeconds)));
  const floor = new Date(now.getTime() - longest * 1000);
  await db
    .delete(authThrottle)
    .where(
      sql`${authThrottle.windowStartedAt} < ${floor.toISOString()}::timestamptz and (${authThrottle.lockedUntil} is null or ${authThrottle.lockedUntil} <= ${now.toISOString()}::timestamptz)`,
    );
}
