// Sessions as the Lucia guide teaches: token = id.secret, only SHA-256(secret) stored and compared in
// constant time, sliding idle expiry capped by an absolute lifetime, revocation by id or by user.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { schema, type DbOrTx } from '@portico/db';
import { and, eq, lt, or } from 'drizzle-orm';
import { getRandomValues } from 'node:crypto';

const { sessions, staffUsers, portalUsers, organizations } = schema;

/** Slide the idle expiry at most once a minute, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

export type SessionSubject = 'staff' | 'portal';

function randomString(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export type NewSession = {
  token: string;
  id: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
};

export type SessionLifetimes = { idleSeconds: number; absoluteSeconds: number };

export function staffLifetimes(org: {
  staffSessionIdleMinutes: number;
  staffSessionAbsoluteHours: number;
}): SessionLifetimes {
  return {
    idleSeconds: org.staffSessionIdleMinutes * 60,
    absoluteSeconds: org.staffSessionAbsoluteHours * 3600,
  };
}

export function portalLifetimes(org: {
  portalSessionIdleDays: number;
  portalSessionAbsoluteDays: number;
}): SessionLifetimes {
  return {
    idleSeconds: org.portalSessionIdleDays * 86_400,
    absoluteSeconds: org.portalSessionAbsoluteDays * 86_400,
  };
}

/** Creates a session with a fresh token (a new one at every sign-in: no fixation). */
export async function createSession(
  db: DbOrTx,
  input: {
    subject: SessionSubject;
    organizationId: string;
    userId: string;
    now: Date;
    lifetimes: SessionLifetimes;
    userAgent?: string | null;
    ip?: string | null;
  },
): Promise<NewSession> {
  const id = randomString(15); // 120 bits, the lookup key
  const secret = randomString(32); // 256 bits from the CSPRNG
  const absoluteExpiresAt = new Date(input.now.getTime() + input.lifetimes.absoluteSeconds * 1000);
  const idleExpiresAt = new Date(
    Math.min(input.now.getTime() + input.lifetimes.idleSeconds * 1000, absoluteExpiresAt.getTime()),
  );
  await db.insert(sessions).values({
    id,
    secretHash: hashSecret(secret),
    organizationId: input.organizationId,
    subject: input.subject,
    staffUserId: input.subject === 'staff' ? input.userId : null,
    portalUserId: input.subject === 'portal' ? input.userId : null,
    createdAt: input.now,
    lastActiveAt: input.now,
    idleExpiresAt,
    absoluteExpiresAt,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
    ip: input.ip ?? null,
  });
  return { token: `${id}.${secret}`, id, idleExpiresAt, absoluteExpiresAt };
}

export type ValidatedSession = {
  id: string;
  subject: SessionSubject;
  organizationId: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  staffUser: { id: string; email: string; name: string; role: 'admin' | 'dispatcher' } | null;
  portalUser: {
    id: string;
    customerId: string;
    contactId: string;
    role: 'contact' | 'account_admin';
  } | null;
};

const TOKEN_SHAPE = /^[a-z2-7]{24}\.[a-z2-7]{52}$/;

/** Returns the session for a token, or null when unknown, wrong, expired or its user is disabled. */
export async function validateSessionToken(
  db: DbOrTx,
  token: string,
  now: Date,
): Promise<ValidatedSession | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [id, secret] = token.split('.') as [string, string];
  const rows = await db
    .select({
      session: sessions,
      staff: {
        id: staffUsers.id,
        email: staffUsers.email,
        name: staffUsers.name,
        role: staffUsers.role,
        status: staffUsers.status,
      },
      portal: {
        id: portalUsers.id,
        customerId: portalUsers.customerId,
        contactId: portalUsers.contactId,
        role: portalUsers.role,
        status: portalUsers.status,
      },
      org: {
        staffSessionIdleMinutes: organizations.staffSessionIdleMinutes,
        staffSessionAbsoluteHours: organizations.staffSessionAbsoluteHours,
        portalSessionIdleDays: organizations.portalSessionIdleDays,
        portalSessionAbsoluteDays: organizations.portalSessionAbsoluteDays,
      },
    })
    .from(sessions)
    .innerJoin(organizations, eq(organizations.id, sessions.organizationId))
    .leftJoin(staffUsers, eq(staffUsers.id, sessions.staffUserId))
    .leftJoin(portalUsers, eq(portalUsers.id, sessions.portalUserId))
    .where(eq(sessions.id, id))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const { session } = row;
  if (!constantTimeEqual(hashSecret(secret), session.secretHash)) return null;
  const nowMs = now.getTime();
  const isDisabled =
    (session.subject === 'staff' && row.staff?.status !== 'active') ||
    (session.subject === 'portal' && (!row.portal || row.portal.status === 'disabled'));
  if (
    isDisabled ||
    nowMs >= session.idleExpiresAt.getTime() ||
    nowMs >= session.absoluteExpiresAt.getTime()
  ) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let idleExpiresAt = session.idleExpiresAt;
  if (nowMs - session.lastActiveAt.getTime() >= TOUCH_INTERVAL_MS) {
    const lifetimes = session.subject === 'staff' ? staffLifetimes(row.org) : portalLifetimes(row.org);
    idleExpiresAt = new Date(
      Math.min(nowMs + lifetimes.idleSeconds * 1000, session.absoluteExpiresAt.getTime()),
    );
    await db.update(sessions).set({ lastActiveAt: now, idleExpiresAt }).where(eq(sessions.id, id));
  }
  return {
    id,
    subject: session.subject,
    organizationId: session.organizationId,
    idleExpiresAt,
    absoluteExpiresAt: session.absoluteExpiresAt,
    staffUser:
      session.subject === 'staff' && row.staff
        ? { id: row.staff.id, email: row.staff.email, name: row.staff.name, role: row.staff.role }
        : null,
    portalUser:
      session.subject === 'portal' && row.portal
        ? {
            id: row.portal.id,
            customerId: row.portal.customerId,
            contactId: row.portal.contactId,
            role: row.portal.role,
          }
        : null,
  };
}

export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (sign-out everywhere, disabling a user). */
export async function invalidateUserSessions(
  db: DbOrTx,
  user: { staffUserId: string } | { portalUserId: string },
): Promise<void> {
  await db
    .delete(sessions)
    .where(
      'staffUserId' in user
        ? eq(sessions.staffUserId, user.staffUserId)
        : eq(sessions.portalUserId, user.portalUserId),
    );
}

/** Housekeeping: drop sessions past either expiry. */
export async function deleteExpiredSessions(db: DbOrTx, now: Date): Promise<void> {
  await db
    .delete(sessions)
    .where(and(or(lt(sessions.idleExpiresAt, now), lt(sessions.absoluteExpiresAt, now))));
}

/**
 * Sign-out: ends the session a token names, only when the token is valid (a guessed id alone ends
 * nothing). Answers whether a session was ended.
 */
export async function revokeSessionToken(db: DbOrTx, token: string, now: Date): Promise<boolean> {
  const session = await validateSessionToken(db, token, now);
  if (!session) return false;
  await invalidateSession(db, session.id);
  return true;
}
