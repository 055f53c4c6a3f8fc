// Owns signing in with a one-time code: sending (or re-sending) a code for this browser's login challenge, and
// checking a code typed in this browser (tries per code, per account and per IP counted before comparing).
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { AppError, enqueueJob, type CoreContext } from '@portico/core';
import { schema, type DbOrTx } from '@portico/db';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { bindingHashHex, readBindingHash } from './portal-binding';
import {
  channelsOnFile,
  CODE_LIFETIME_MS,
  CODE_RESEND_COOLDOWN_MS,
  hashCode,
  MAX_CODE_ATTEMPTS,
  placeholderCodeHash,
} from './portal-codes';
import type { PortalAccessDeps } from './portal-link-sign-in';
import { findPortalOrganization } from './portal-organization';
import { openPortalSession, PORTAL_ACCESS_OFF, type PortalRequestMeta } from './portal-session';
import {
  countDecoyTry,
  portalThrottleKeys,
  portalThrottlePolicy,
  reserveSend,
  tooManyCodeTries,
  tooManySends,
} from './portal-throttle';
import { releaseAttempt, reserveAttempt, resetThrottleKey } from './throttle';
import type { NewSession } from './sessions';

const { portalLoginChallenges, oneTimeCodes, portalUsers, contacts, customers } = schema;

export const SIGN_IN_TIMED_OUT = 'Your sign-in has timed out. Open your link again or ask for a new code.';
export const CODE_EXPIRED = 'That code has expired. Ask for a new one.';
export const CODE_TRIED_TOO_OFTEN = 'That code has been tried too many times. Ask for a new one.';
export const CODE_USED = 'That code has already been used. Ask for a new one.';

function wrongCode(triesLeft: number): AppError {
  return new AppError(
    'BAD_REQUEST',
    `That code is not right. ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`,
    { field: 'code' },
  );
}

const systemContext = (db: DbOrTx, deps: PortalAccessDeps, organizationId: string): CoreContext => ({
  db,
  clock: deps.clock,
  organizationId,
  actor: { type: 'system', id: null },
});

/**
 * Stores a code row for a challenge (its code is made up by the `portal-code` job at send time), supersedes the
 * challenge's earlier codes and enqueues the send, all in the caller's transaction.
 */
export async function createPendingCode(
  ctx: CoreContext,
  input: {
    challengeId: string;
    portalUserId: string;
    browserBindingHash: Uint8Array;
    channel: 'sms' | 'email';
    destination: string;
  },
): Promise<{ codeId: string; expiresAt: Date }> {
  const now = ctx.clock.now();
  await ctx.db
    .update(oneTimeCodes)
    .set({ expiresAt: now })
    .where(
      and(
        eq(oneTimeCodes.challengeId, input.challengeId),
        eq(oneTimeCodes.organizationId, ctx.organizationId),
        isNull(oneTimeCodes.consumedAt),
        gt(oneTimeCodes.expiresAt, now),
      ),
    );
  const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
  const [row] = await ctx.db
    .insert(oneTimeCodes)
    .values({
      organizationId: ctx.organizationId,
      portalUserId: input.portalUserId,
      challengeId: input.challengeId,
      codeHash: placeholderCodeHash(),
      browserBindingHash: input.browserBindingHash,
      channel: input.channel,
      destination: input.destination,
      expiresAt,
      createdAt: now,
    })
    .returning({ id: oneTimeCodes.id });
  if (!row) throw new Error('one-time code not stored');
  await enqueueJob(ctx, 'portal-code', { organizationId: ctx.organizationId, codeId: row.id });
  return { codeId: row.id, expiresAt };
}

export type SendCodeResult = {
  sentTo: { channel: 'sms' | 'email'; masked: string };
  expiresAt: Date;
  resendAfter: Date;
};

/**
 * Sends (or re-sends) a code for this browser's live login challenge through a channel the contact has on file.
 * Re-sends wait out a cooldown; every send counts against the recipient's, the IP's and the organization's limits.
 */
export async function sendPortalCode(
  deps: PortalAccessDeps,
  input: { orgSlug: string; channel: 'sms' | 'email'; preAuth: string | null; ip: string },
): Promise<SendCodeResult> {
  const organization = await findPortalOrganization(deps.db, input.orgSlug);
  const binding = readBindingHash(input.preAuth);
  if (!binding) throw new AppError('UNAUTHORIZED', SIGN_IN_TIMED_OUT);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // Locked: two clicks on "Send" take their turn, so the cooldown holds.
    const [challenge] = await tx
      .select({ id: portalLoginChallenges.id, portalUserId: portalLoginChallenges.portalUserId })
      .from(portalLoginChallenges)
      .where(
        and(
          eq(portalLoginChallenges.organizationId, organization.id),
          eq(portalLoginChallenges.browserBindingHash, binding),
          gt(portalLoginChallenges.expiresAt, now),
        ),
      )
      .orderBy(desc(portalLoginChallenges.createdAt))
      .limit(1)
      .for('update');
    if (!challenge) throw new AppError('UNAUTHORIZED', SIGN_IN_TIMED_OUT);

    const [holder] = await tx
      .select({
        status: portalUsers.status,
        phone: contacts.phone,
        email: contacts.email,
        smsOptOut: contacts.smsOptOut,
        contactArchivedAt: contacts.archivedAt,
        customerArchivedAt: customers.archivedAt,
      })
      .from(portalUsers)
      .innerJoin(
        contacts,
        and(eq(contacts.id, portalUsers.contactId), eq(contacts.organizationId, organization.id)),
      )
      .innerJoin(
        customers,
        and(eq(customers.id, portalUsers.customerId), eq(customers.organizationId, organization.id)),
      )
      .where(
        and(eq(portalUsers.id, challenge.portalUserId), eq(portalUsers.organizationId, organization.id)),
      );
    if (!holder || holder.status === 'disabled' || holder.contactArchivedAt || holder.customerArchivedAt) {
      throw new AppError('UNAUTHORIZED', PORTAL_ACCESS_OFF);
    }
    const target = channelsOnFile(holder).find((c) => c.channel === input.channel);
    if (!target) {
      throw new AppError(
        'BAD_REQUEST',
        input.channel === 'sms'
          ? 'We cannot text you a code. Choose email instead.'
          : 'We have no email address on file for you. Choose text message instead.',
        { field: 'channel' },
      );
    }

    const [last] = await tx
      .select({ createdAt: oneTimeCodes.createdAt })
      .from(oneTimeCodes)
      .where(
        and(eq(oneTimeCodes.challengeId, challenge.id), eq(oneTimeCodes.organizationId, organization.id)),
      )
      .orderBy(desc(oneTimeCodes.createdAt))
      .limit(1);
    const waitMs = last ? last.createdAt.getTime() + CODE_RESEND_COOLDOWN_MS - now.getTime() : 0;
    if (waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `Wait ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'second' : 'seconds'} before asking for another code.`,
        { retryAfterSeconds },
      );
    }

    const allowance = await reserveSend(tx, {
      destination: target.destination,
      organizationId: organization.id,
      ip: input.ip,
      now,
    });
    if (!allowance.allowed) throw tooManySends(allowance.retryAfterSeconds);

    const { expiresAt } = await createPendingCode(systemContext(tx, deps, organization.id), {
      challengeId: challenge.id,
      portalUserId: challenge.portalUserId,
      browserBindingHash: binding,
      channel: target.channel,
      destination: target.destination,
    });
    return {
      sentTo: { channel: target.channel, masked: target.masked },
      expiresAt,
      resendAfter: new Date(now.getTime() + CODE_RESEND_COOLDOWN_MS),
    };
  });
}

export type VerifyCodeResult = { taskId: string | null; session: NewSession };

/**
 * Checks a code typed in this browser against the newest code sent for it. The account's and the IP's
 * failure counters are charged before comparing (a locked account is refused whatever the code), and so is the
 * code's own try counter, so at most 5 tries of a code are ever compared, even in parallel. A right code is used
 * up, the challenge deleted, the session opened; the account's failure count starts over.
 */
export async function verifyPortalCode(
  deps: PortalAccessDeps,
  input: { orgSlug: string; code: string; preAuth: string | null; request: PortalRequestMeta },
): Promise<VerifyCodeResult> {
  const organization = await findPortalOrganization(deps.db, input.orgSlug);
  const binding = readBindingHash(input.preAuth);
  if (!binding) throw new AppError('UNAUTHORIZED', SIGN_IN_TIMED_OUT);
  const now = deps.clock.now();
  const db = deps.db;

  const [newest] = await db
    .select({
      id: oneTimeCodes.id,
      portalUserId: oneTimeCodes.portalUserId,
      challengeId: oneTimeCodes.challengeId,
      attempts: oneTimeCodes.attempts,
      expiresAt: oneTimeCodes.expiresAt,
      consumedAt: oneTimeCodes.consumedAt,
    })
    .from(oneTimeCodes)
    .where(
      and(eq(oneTimeCodes.organizationId, organization.id), eq(oneTimeCodes.browserBindingHash, binding)),
    )
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1);

  const ipKey = portalThrottleKeys.verifyIp(input.request.ip);
  const ipPolicy = portalThrottlePolicy.verifyPerIp;
  if (!newest) return refuseDecoy(db, { binding, ipKey, now });
  if (newest.consumedAt) throw new AppError('BAD_REQUEST', CODE_USED, { field: 'code' });
  if (newest.attempts >= MAX_CODE_ATTEMPTS) {
    throw new AppError('BAD_REQUEST', CODE_TRIED_TOO_OFTEN, { field: 'code' });
  }
  if (newest.expiresAt.getTime() <= now.getTime()) {
    throw new AppError('BAD_REQUEST', CODE_EXPIRED, { field: 'code' });
  }

  const accountKey = portalThrottleKeys.verifyAccount(newest.portalUserId);
  const accountPolicy = portalThrottlePolicy.verifyPerAccount;
  const account = await reserveAttempt(db, accountKey, accountPolicy, now);
  // A refused try on a locked account is not charged to the IP (one person retrying their own account).
  if (!account.allowed) throw tooManyCodeTries(account.retryAfterSeconds);
  const ip = await reserveAttempt(db, ipKey, ipPolicy, now);
  if (!ip.allowed) {
    await releaseAttempt(db, accountKey, accountPolicy);
    throw tooManyCodeTries(ip.retryAfterSeconds);
  }

  const [tried] = await db
    .update(oneTimeCodes)
    .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
    .where(
      and(
        eq(oneTimeCodes.id, newest.id),
        isNull(oneTimeCodes.consumedAt),
        lt(oneTimeCodes.attempts, MAX_CODE_ATTEMPTS),
        gt(oneTimeCodes.expiresAt, now),
      ),
    )
    .returning({ attempts: oneTimeCodes.attempts, codeHash: oneTimeCodes.codeHash });
  if (!tried) {
    // The code died between reading and trying (parallel tries used it up): nothing was compared.
    await releaseAttempt(db, accountKey, accountPolicy);
    await releaseAttempt(db, ipKey, ipPolicy);
    throw new AppError('BAD_REQUEST', CODE_TRIED_TOO_OFTEN, { field: 'code' });
  }
  if (!constantTimeEqual(hashCode(newest.id, input.code), tried.codeHash)) {
    const triesLeft = MAX_CODE_ATTEMPTS - tried.attempts;
    if (triesLeft <= 0) throw new AppError('BAD_REQUEST', CODE_TRIED_TOO_OFTEN, { field: 'code' });
    throw wrongCode(triesLeft);
  }

  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(oneTimeCodes)
      .set({ consumedAt: now })
      .where(and(eq(oneTimeCodes.id, newest.id), isNull(oneTimeCodes.consumedAt)))
      .returning({ id: oneTimeCodes.id });
    if (!used) throw new AppError('BAD_REQUEST', CODE_USED, { field: 'code' });
    let taskId: string | null = null;
    if (newest.challengeId) {
      const [challenge] = await tx
        .select({ taskId: portalLoginChallenges.taskId })
        .from(portalLoginChallenges)
        .where(eq(portalLoginChallenges.id, newest.challengeId));
      taskId = challenge?.taskId ?? null;
    }
    // The sign-in is done: this browser's challenges (and with them their codes) go.
    await tx
      .delete(portalLoginChallenges)
      .where(
        and(
          eq(portalLoginChallenges.organizationId, organization.id),
          eq(portalLoginChallenges.browserBindingHash, binding),
        ),
      );
    const session = await openPortalSession(tx, {
      organization,
      portalUserId: newest.portalUserId,
      now,
      request: input.request,
    });
    await resetThrottleKey(tx, accountKey);
    await releaseAttempt(tx, ipKey, ipPolicy);
    return { taskId, session };
  });
}

/**
 * No code was ever sent to this browser (the contact asked for is not on file, or its job has not run yet):
 * answer exactly as a wrong code would, counting tries per browser, so the answers cannot tell the two apart.
 */
async function refuseDecoy(
  db: DbOrTx,
  input: { binding: Uint8Array; ipKey: string; now: Date },
): Promise<never> {
  const decoy = await countDecoyTry(db, bindingHashHex(input.binding), input.now);
  // Like a real code: once dead (expired, or its 5 tries spent) it answers so without charging anything.
  if (input.now.getTime() - decoy.startedAt.getTime() >= CODE_LIFETIME_MS) {
    throw new AppError('BAD_REQUEST', CODE_EXPIRED, { field: 'code' });
  }
  if (decoy.tries > MAX_CODE_ATTEMPTS) {
    throw new AppError('BAD_REQUEST', CODE_TRIED_TOO_OFTEN, { field: 'code' });
  }
  const ip = await reserveAttempt(db, input.ipKey, portalThrottlePolicy.verifyPerIp, input.now);
  if (!ip.allowed) throw tooManyCodeTries(ip.retryAfterSeconds);
  const triesLeft = MAX_CODE_ATTEMPTS - decoy.tries;
  if (triesLeft <= 0) throw new AppError('BAD_REQUEST', CODE_TRIED_TOO_OFTEN, { field: 'code' });
  throw wrongCode(triesLeft);
}
