// Owns staff invitation links: minting one (only its SHA-256 stored; older links of the person stop working),
// reading one for the invitation page, and accepting it (the person sets a password and the account becomes
// active). Both public steps are throttled per IP so tokens cannot be guessed at speed.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { AppError, type Clock } from '@portico/core';
import { recordAudit } from '@portico/core/audit/record-audit';
import { schema, type Db, type DbOrTx } from '@portico/db';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { getRandomValues } from 'node:crypto';
import { hashPassword } from './password';
import { normalizeIp, releaseAttempt, reserveAttempt, type ThrottlePolicy } from './throttle';

const { staffInvites, staffUsers, organizations } = schema;

/** 32 bytes = 256 bits from the CSPRNG, 43 base64url characters: the link is emailed, never typed. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** One answer for unknown, expired, used and withdrawn links: the page tells a stranger nothing more. */
export const STAFF_INVITE_UNUSABLE =
  'This invitation link has expired or was already used. Ask your admin to send a new one.';

/**
 * 20 unusable tokens per IP in 15 minutes, then 15 minutes locked: a person mistyping or reopening an old link
 * never meets it, and guessing 256-bit tokens at 80 an hour is hopeless. Working links give their try back.
 * (The window stays within the hour housekeeping keeps throttle rows for.)
 */
export const staffInviteThrottlePolicy = {
  perIp: { maxFailures: 20, windowSeconds: 900, lockSeconds: 900 },
} as const satisfies Record<string, ThrottlePolicy>;

export const staffInviteThrottleKey = (ip: string) => `staff-invite:ip:${normalizeIp(ip)}`;

export function hashStaffInviteToken(token: string): Uint8Array {
  return sha256(new TextEncoder().encode(token));
}

export type StaffInviteLookup = {
  organizationName: string;
  name: string;
  email: string;
  role: 'admin' | 'dispatcher';
};

export type NewStaffInvite = { token: string; expiresAt: Date };

/**
 * Mints a fresh invitation for an invited staff user, consuming every older unconsumed one, and stores only the
 * token's hash. Returns null (nothing written) when the user is no longer invited. The caller puts `token` in the
 * email it sends and keeps it nowhere else.
 */
export async function mintStaffInvite(
  db: Db,
  input: { organizationId: string; staffUserId: string; now: Date; lifetimeHours: number },
): Promise<NewStaffInvite | null> {
  return db.transaction(async (tx) => {
    // Locked so an accept at this moment either finishes first (no new link) or waits for this one.
    const [user] = await tx
      .select({ status: staffUsers.status })
      .from(staffUsers)
      .where(and(eq(staffUsers.id, input.staffUserId), eq(staffUsers.organizationId, input.organizationId)))
      .for('update');
    if (user?.status !== 'invited') return null;
    await tx
      .update(staffInvites)
      .set({ consumedAt: input.now })
      .where(and(eq(staffInvites.staffUserId, input.staffUserId), isNull(staffInvites.consumedAt)));
    const bytes = new Uint8Array(TOKEN_BYTES);
    getRandomValues(bytes);
    const token = encodeBase64urlNoPadding(bytes);
    const expiresAt = new Date(input.now.getTime() + input.lifetimeHours * 3_600_000);
    await tx.insert(staffInvites).values({
      organizationId: input.organizationId,
      staffUserId: input.staffUserId,
      tokenHash: hashStaffInviteToken(token),
      expiresAt,
      createdAt: input.now,
    });
    return { token, expiresAt };
  });
}

type InviteReading = StaffInviteLookup & {
  inviteId: string;
  staffUserId: string;
  organizationId: string;
};

/** The invitation a token opens while it works: unconsumed, unexpired, and its person still invited. */
async function readInvite(
  db: DbOrTx,
  input: { token: string; now: Date; lock?: boolean },
): Promise<InviteReading | null> {
  if (!TOKEN_SHAPE.test(input.token)) return null;
  const query = db
    .select({
      inviteId: staffInvites.id,
      expiresAt: staffInvites.expiresAt,
      consumedAt: staffInvites.consumedAt,
      staffUserId: staffUsers.id,
      status: staffUsers.status,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      organizationId: organizations.id,
      organizationName: organizations.name,
    })
    .from(staffInvites)
    .innerJoin(
      staffUsers,
      and(
        eq(staffUsers.id, staffInvites.staffUserId),
        eq(staffUsers.organizationId, staffInvites.organizationId),
      ),
    )
    .innerJoin(organizations, eq(organizations.id, staffInvites.organizationId))
    .where(eq(staffInvites.tokenHash, hashStaffInviteToken(input.token)))
    .limit(1);
  const [row] = input.lock ? await query.for('update') : await query;
  if (!row || row.consumedAt || row.status !== 'invited') return null;
  if (row.expiresAt.getTime() <= input.now.getTime()) return null;
  return {
    inviteId: row.inviteId,
    staffUserId: row.staffUserId,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    name: row.name,
    email: row.email,
    role: row.role,
  };
}

const unusable = () => new AppError('NOT_FOUND', STAFF_INVITE_UNUSABLE, { field: 'token' });

function tooManyTries(retryAfterSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppError(
    'TOO_MANY_REQUESTS',
    `Too many invitation links were tried from this network. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    { retryAfterSeconds },
  );
}

export type StaffInviteDeps = { db: Db; clock: Clock };

/** Counts a try against the IP before the token is looked at; refuses when the IP is locked. */
async function reserveTry(deps: StaffInviteDeps, ip: string): Promise<string> {
  const key = staffInviteThrottleKey(ip);
  const decision = await reserveAttempt(deps.db, key, staffInviteThrottlePolicy.perIp, deps.clock.now());
  if (!decision.allowed) throw tooManyTries(decision.retryAfterSeconds);
  return key;
}

/** What the invitation page shows. Reading changes nothing (mail scanners open links). */
export async function lookUpStaffInvite(
  deps: StaffInviteDeps,
  input: { token: string; ip: string },
): Promise<StaffInviteLookup> {
  const key = await reserveTry(deps, input.ip);
  const reading = await readInvite(deps.db, { token: input.token, now: deps.clock.now() });
  if (!reading) throw unusable();
  await releaseAttempt(deps.db, key, staffInviteThrottlePolicy.perIp);
  return {
    organizationName: reading.organizationName,
    name: reading.name,
    email: reading.email,
    role: reading.role,
  };
}

/**
 * Sets the invited person's password and activates the account, in one transaction with the invitation locked:
 * of two accepts at once, one wins and the other is told the link was used. The audit row's actor is the staff
 * user themselves (they set their own password; no admin is signed in).
 */
export async function acceptStaffInvite(
  deps: StaffInviteDeps,
  input: { token: string; password: string; ip: string },
): Promise<{ email: string; organizationName: string }> {
  const key = await reserveTry(deps, input.ip);
  // A dead link is refused before argon2 runs, so guessing costs the server nothing extra.
  if (!(await readInvite(deps.db, { token: input.token, now: deps.clock.now() }))) throw unusable();
  // Hashed outside the transaction: argon2 takes tens of milliseconds and needs no row held.
  const passwordHash = await hashPassword(input.password);
  const result = await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const reading = await readInvite(tx, { token: input.token, now, lock: true });
    if (!reading) throw unusable();
    const [user] = await tx
      .update(staffUsers)
      .set({ status: 'active', passwordHash, version: sql`${staffUsers.version} + 1`, updatedAt: now })
      .where(and(eq(staffUsers.id, reading.staffUserId), eq(staffUsers.status, 'invited')))
      .returning({ id: staffUsers.id, role: staffUsers.role, email: staffUsers.email });
    if (!user) throw unusable();
    await tx.update(staffInvites).set({ consumedAt: now }).where(eq(staffInvites.id, reading.inviteId));
    // Any other link of the person (there should be none) stops working too.
    await tx
      .update(staffInvites)
      .set({ consumedAt: now })
      .where(
        and(
          eq(staffInvites.staffUserId, reading.staffUserId),
          isNull(staffInvites.consumedAt),
          ne(staffInvites.id, reading.inviteId),
        ),
      );
    await recordAudit(
      {
        db: tx,
        clock: deps.clock,
        organizationId: reading.organizationId,
        actor: { type: 'staff', id: user.id, role: user.role },
      },
      {
        entityType: 'staff_user',
        entityId: user.id,
        action: 'accept_invite',
        before: { status: 'invited' },
        after: { status: 'active' },
      },
    );
    return { email: user.email, organizationName: reading.organizationName };
  });
  await releaseAttempt(deps.db, key, staffInviteThrottlePolicy.perIp);
  return result;
}
