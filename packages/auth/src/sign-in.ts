// Staff sign-in: throttle, verify the password at a constant cost, and open a fresh session.
import { AppError, type Clock } from '@portico/core';
import { schema, type Db } from '@portico/db';
import { eq, sql } from 'drizzle-orm';
import { hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from './password';
import { createSession, staffLifetimes } from './sessions';
import { recordSignInSuccess, reserveSignInAttempt } from './throttle';

const { staffUsers, organizations } = schema;

export const INCORRECT_CREDENTIALS = 'Email or password is incorrect.';

export type SignInStaffInput = {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
};

export type SignInStaffResult = {
  token: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  user: { id: string; email: string; name: string; role: 'admin' | 'dispatcher' };
  organization: { id: string; name: string; slug: string };
};

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppError(
    'TOO_MANY_REQUESTS',
    `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    { retryAfterSeconds },
  );
}

/**
 * Signs a staff user in with email and password. Unknown email, wrong password, disabled user and invited user
 * (who has not set a password; their stored hash is of random bytes nobody knows) all answer the same
 * UNAUTHORIZED after the same argon2 work; a locked account or IP answers
 * TOO_MANY_REQUESTS before any password is looked at, whether the email exists or not.
 */
export async function signInStaff(db: Db, clock: Clock, input: SignInStaffInput): Promise<SignInStaffResult> {
  const email = input.email.trim().toLowerCase();
  const throttle = await reserveSignInAttempt(db, { email, ip: input.ip, now: clock.now() });
  if (!throttle.allowed) throw tooManyAttempts(throttle.retryAfterSeconds);

  const [found] = await db
    .select({ user: staffUsers, organization: organizations })
    .from(staffUsers)
    .innerJoin(organizations, eq(organizations.id, staffUsers.organizationId))
    .where(eq(sql`lower(${staffUsers.email})`, email))
    .limit(1);
  const isPasswordCorrect = found
    ? await verifyPassword(found.user.passwordHash, input.password)
    : await verifyDummyPassword(input.password);
  if (!found || !isPasswordCorrect || found.user.status !== 'active') {
    throw new AppError('UNAUTHORIZED', INCORRECT_CREDENTIALS);
  }

  const { user, organization } = found;
  // Hashed outside the transaction: argon2 takes tens of milliseconds and needs no row held.
  const newHash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  const now = clock.now();
  const session = await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ lastSignInAt: now, ...(newHash ? { passwordHash: newHash } : {}) })
      .where(eq(staffUsers.id, user.id));
    await recordSignInSuccess(tx, { email, ip: input.ip });
    return createSession(tx, {
      subject: 'staff',
      organizationId: organization.id,
      userId: user.id,
      now,
      lifetimes: staffLifetimes(organization),
      userAgent: input.userAgent,
      ip: input.ip,
    });
  });
  return {
    token: session.token,
    idleExpiresAt: session.idleExpiresAt,
    absoluteExpiresAt: session.absoluteExpiresAt,
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    organization: { id: organization.id, name: organization.name, slug: organization.slug },
  };
}
