// Owns "send me a new code or link": the request a person makes after a link failed. The answer (and the work
// done before it) is the same whether or not the contact is on file; the lookup and the send happen in the
// `portal-access-request` job, bound to this browser's pre-auth cookie.
import { AppError, enqueueJob } from '@portico/core';
import { normalizePhone } from '@portico/core/phone';
import { schema } from '@portico/db';
import { and, eq } from 'drizzle-orm';
import { bindingHashHex, hashPreAuthValue, renewPreAuth, type PreAuthCookie } from './portal-binding';
import type { PortalAccessDeps } from './portal-link-sign-in';
import { findPortalOrganization } from './portal-organization';
import { portalThrottleKeys, portalThrottlePolicy, tooManyAccessRequests } from './portal-throttle';
import { reserveAttempt, resetThrottleKey } from './throttle';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A typed contact in the form contacts are stored in: a phone number in E.164 (US by default, like every phone
 * Portico stores), or a lower-cased email address. BAD_REQUEST (field `contact`) when it is neither.
 */
export function normalizeAccessContact(raw: string): { channel: 'sms' | 'email'; contact: string } {
  const value = raw.trim();
  if (value.includes('@')) {
    if (!EMAIL_SHAPE.test(value) || value.length > 254) {
      throw new AppError('BAD_REQUEST', 'Enter a valid email address, e.g. pat@example.com.', {
        field: 'contact',
      });
    }
    return { channel: 'email', contact: value.toLowerCase() };
  }
  try {
    return { channel: 'sms', contact: normalizePhone(value, { field: 'contact' }) };
  } catch {
    throw new AppError(
      'BAD_REQUEST',
      'Enter your mobile number (e.g. +1 512 555 0142) or your email address.',
      { field: 'contact' },
    );
  }
}

export type RequestAccessResult = {
  next: 'enterCode' | 'checkMessages';
  /** The pre-auth cookie to set: the code (if any) will be bound to it. */
  preAuth: PreAuthCookie;
};

/**
 * Asks for a new code (OTP organizations) or sign-in link (link-only organizations) for a phone number or email
 * address. Throttled per IP; everything else it does (forget this browser's earlier sign-in in progress, enqueue
 * the lookup) is the same for a contact on file and one that is not.
 */
export async function requestPortalAccess(
  deps: PortalAccessDeps,
  input: { orgSlug: string; contact: string; preAuth: string | null; ip: string },
): Promise<RequestAccessResult> {
  const organization = await findPortalOrganization(deps.db, input.orgSlug);
  const { contact } = normalizeAccessContact(input.contact);
  const now = deps.clock.now();
  const decision = await reserveAttempt(
    deps.db,
    portalThrottleKeys.accessRequestIp(input.ip),
    portalThrottlePolicy.accessRequestPerIp,
    now,
  );
  if (!decision.allowed) throw tooManyAccessRequests(decision.retryAfterSeconds);

  const preAuth = renewPreAuth(input.preAuth, now);
  const binding = hashPreAuthValue(preAuth.value);
  const bindingHash = bindingHashHex(binding);
  await deps.db.transaction(async (tx) => {
    // A new request starts a new sign-in: the old one's challenge and codes, and the decoy count, go.
    await tx
      .delete(schema.portalLoginChallenges)
      .where(
        and(
          eq(schema.portalLoginChallenges.organizationId, organization.id),
          eq(schema.portalLoginChallenges.browserBindingHash, binding),
        ),
      );
    await resetThrottleKey(tx, portalThrottleKeys.decoy(bindingHash));
    await enqueueJob(
      { db: tx, clock: deps.clock, organizationId: organization.id, actor: { type: 'system', id: null } },
      'portal-access-request',
      { organizationId: organization.id, bindingHash, contact },
    );
  });
  return { next: organization.loginMode === 'otp' ? 'enterCode' : 'checkMessages', preAuth };
}
