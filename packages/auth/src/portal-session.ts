// Owns opening and ending a portal session: the sign-in that every portal path ends with (a link, a code) and
// portal sign-out.
import { AppError } from '@portico/core';
import { schema, type DbOrTx } from '@portico/db';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { PortalOrganizationRow } from './portal-organization';
import {
  createSession,
  invalidateSession,
  portalLifetimes,
  validateSessionToken,
  type NewSession,
} from './sessions';

export const PORTAL_ACCESS_OFF =
  'Your access to this portal is turned off. Call the office if you think that is a mistake.';

export type PortalRequestMeta = { ip: string; userAgent: string | null };

/**
 * Signs a portal user in: an invited user becomes active (bumping the row version, since dispatchers see the
 * status), the sign-in time is recorded, and a fresh session is created. A user disabled meanwhile is refused.
 * Run it in the transaction that used up the link or code, so a refusal leaves both unused.
 */
export async function openPortalSession(
  tx: DbOrTx,
  input: {
    organization: Pick<PortalOrganizationRow, 'id' | 'portalSessionIdleDays' | 'portalSessionAbsoluteDays'>;
    portalUserId: string;
    now: Date;
    request: PortalRequestMeta;
  },
): Promise<NewSession> {
  const { portalUsers } = schema;
  const isInvited = sql`${portalUsers.status} = 'invited'`;
  const [user] = await tx
    .update(portalUsers)
    .set({
      status: sql`case when ${isInvited} then 'active'::portal_user_status else ${portalUsers.status} end`,
      version: sql`case when ${isInvited} then ${portalUsers.version} + 1 else ${portalUsers.version} end`,
      updatedAt: sql`case when ${isInvited} then ${input.now.toISOString()}::timestamptz else ${portalUsers.updatedAt} end`,
      lastSignInAt: input.now,
    })
    .where(
      and(
        eq(portalUsers.id, input.portalUserId),
        eq(portalUsers.organizationId, input.organization.id),
        ne(portalUsers.status, 'disabled'),
      ),
    )
    .returning({ id: portalUsers.id });
  if (!user) throw new AppError('UNAUTHORIZED', PORTAL_ACCESS_OFF);
  return createSession(tx, {
    subject: 'portal',
    organizationId: input.organization.id,
    userId: user.id,
    now: input.now,
    lifetimes: portalLifetimes(input.organization),
    userAgent: input.request.userAgent,
    ip: input.request.ip,
  });
}

/** Ends the portal session a token names, when it is a valid one (a staff token sent here ends nothing). */
export async function signOutPortal(db: DbOrTx, token: string | null, now: Date): Promise<void> {
  if (!token) return;
  const session = await validateSessionToken(db, token, now);
  if (session?.subject === 'portal') await invalidateSession(db, session.id);
}
