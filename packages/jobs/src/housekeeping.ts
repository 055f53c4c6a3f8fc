// Owns periodic clean-up of state that expires: sessions past either expiry, throttle rows (sign-in and portal)
// whose window and lock are over, link tokens long past their expiry, and portal login challenges and one-time
// codes that expired over a day ago. Runs hourly in worker processes.
import { deleteExpiredSessions, deleteSpentThrottleRows } from '@portico/auth';
import type { Clock } from '@portico/core';
import { schema, type Db } from '@portico/db';
import { lt } from 'drizzle-orm';

/** Expired links stay a while so "this link has expired" can still be told apart from "no such link". */
const LINK_TOKEN_KEEP_DAYS = 30;
/** Expired codes and challenges stay a day: enough to answer "that code has expired" and to look into a report. */
const SIGN_IN_KEEP_MS = 86_400_000;

export async function runHousekeeping(db: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  await deleteExpiredSessions(db, now);
  await deleteSpentThrottleRows(db, now);
  const linkFloor = new Date(now.getTime() - LINK_TOKEN_KEEP_DAYS * 86_400_000);
  await db.delete(schema.linkTokens).where(lt(schema.linkTokens.expiresAt, linkFloor));
  const signInFloor = new Date(now.getTime() - SIGN_IN_KEEP_MS);
  // challenges first: their codes go with them (on delete cascade)
  await db
    .delete(schema.portalLoginChallenges)
    .where(lt(schema.portalLoginChallenges.expiresAt, signInFloor));
  await db.delete(schema.oneTimeCodes).where(lt(schema.oneTimeCodes.expiresAt, signInFloor));
}
