// Owns periodic clean-up of state that expires: sessions past either expiry, sign-in throttle rows whose
// window and lock are over, and link tokens long past their expiry. Runs hourly in worker processes.
import { deleteExpiredSessions, deleteStaleThrottleRows } from '@portico/auth';
import type { Clock } from '@portico/core';
import { schema, type Db } from '@portico/db';
import { lt } from 'drizzle-orm';

/** Expired links stay a while so "this link has expired" can still be told apart from "no such link". */
const LINK_TOKEN_KEEP_DAYS = 30;

export async function runHousekeeping(db: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  await deleteExpiredSessions(db, now);
  await deleteStaleThrottleRows(db, now);
  const linkFloor = new Date(now.getTime() - LINK_TOKEN_KEEP_DAYS * 86_400_000);
  await db.delete(schema.linkTokens).where(lt(schema.linkTokens.expiresAt, linkFloor));
}
