// Owns signing in with a portal link (invite or login): reading a link without using it (mail scanners open
// links), and the explicit Continue step that signs in (link-only organizations) or uses the link up and opens a
// login challenge bound to this browser (OTP organizations).
import { AppError, type Clock } from '@portico/core';
import { schema, type Db, type DbOrTx } from '@portico/db';
import { and, eq, isNull } from 'drizzle-orm';
import { renewPreAuth, hashPreAuthValue, type PreAuthCookie } from './portal-binding';
import { CHALLENGE_LIFETIME_MS, channelsOnFile } from './portal-codes';
import { findPortalOrganization, type PortalOrganizationRow } from './portal-organization';
import { openPortalSession, type PortalRequestMeta } from './portal-session';
import { hashLinkToken, LINK_TOKEN_SHAPE } from './link-tokens';
import type { NewSession } from './sessions';

export type PortalAccessDeps = { db: Db; clock: Clock };

type LinkHolder = {
  linkId: string;
  taskId: string | null;
  portalUserId: string;
  contact: { name: string; phone: string | null; email: string | null; smsOptOut: boolean };
};

type LinkReading = { state: 'valid'; holder: LinkHolder } | { state: 'expired' | 'used' | 'invalid' };

/**
 * What a link is worth now. Unknown tokens, another organization's links, and links of a disabled portal user
 * or an archived contact or customer are all just `invalid`: the page says no more than that.
 */
async function readLink(
  db: DbOrTx,
  input: { organizationId: string; token: string; now: Date; lock?: boolean },
): Promise<LinkReading> {
  if (!LINK_TOKEN_SHAPE.test(input.token)) return { state: 'invalid' };
  const { linkTokens, portalUsers, contacts, customers } = schema;
  const query = db
    .select({
      linkId: linkTokens.id,
      taskId: linkTokens.taskId,
      expiresAt: linkTokens.expiresAt,
      consumedAt: linkTokens.consumedAt,
      portalUserId: portalUsers.id,
      status: portalUsers.status,
      contact: {
        name: contacts.name,
        phone: contacts.phone,
        email: contacts.email,
        smsOptOut: contacts.smsOptOut,
        archivedAt: contacts.archivedAt,
      },
      customerArchivedAt: customers.archivedAt,
    })
    .from(linkTokens)
    .innerJoin(
      portalUsers,
      and(eq(portalUsers.id, linkTokens.portalUserId), eq(portalUsers.organizationId, input.organizationId)),
    )
    .innerJoin(
      contacts,
      and(eq(contacts.id, portalUsers.contactId), eq(contacts.organizationId, input.organizationId)),
    )
    .innerJoin(
      customers,
      and(eq(customers.id, portalUsers.customerId), eq(customers.organizationId, input.organizationId)),
    )
    .where(
      and(
        eq(linkTokens.tokenHash, hashLinkToken(input.token)),
        eq(linkTokens.organizationId, input.organizationId),
      ),
    )
    .limit(1);
  const [row] = input.lock ? await query.for('update', { of: linkTokens }) : await query;
  if (!row || row.status === 'disabled' || row.contact.archivedAt || row.customerArchivedAt) {
    return { state: 'invalid' };
  }
  if (row.consumedAt) return { state: 'used' };
  if (row.expiresAt.getTime() <= input.now.getTime()) return { state: 'expired' };
  const { archivedAt: _archived, ...contact } = row.contact;
  return {
    state: 'valid',
    holder: { linkId: row.linkId, taskId: row.taskId, portalUserId: row.portalUserId, contact },
  };
}

/** "Pat Primary" → "Pat": the greeting on the Continue page. */
function firstNameOf(name: string): string | null {
  return name.trim().split(/\s+/)[0] || null;
}

export type LinkInspection =
  { state: 'valid'; firstName: string | null } | { state: 'expired' | 'used' | 'invalid' };

/** Reads a link without writing anything (no session, no consumption, no touch). */
export async function inspectPortalLink(
  deps: PortalAccessDeps,
  input: { orgSlug: string; token: string },
): Promise<LinkInspection> {
  const organization = await findPortalOrganization(deps.db, input.orgSlug);
  const reading = await readLink(deps.db, {
    organizationId: organization.id,
    token: input.token,
    now: deps.clock.now(),
  });
  if (reading.state !== 'valid') return { state: reading.state };
  return { state: 'valid', firstName: firstNameOf(reading.holder.contact.name) };
}

const linkRefusals = {
  expired: 'This link has expired. Ask for a new one below.',
  used: 'This link has already been used. Ask for a new one below.',
  invalid: 'This link does not work. Ask for a new one below.',
} as const;

function refuseLink(state: keyof typeof linkRefusals): AppError {
  return new AppError('BAD_REQUEST', linkRefusals[state], { field: 'token' });
}

export type ContinueWithLinkResult =
  | { next: 'signedIn'; taskId: string | null; session: NewSession }
  | {
      next: 'chooseChannel';
      channels: { channel: 'sms' | 'email'; masked: string }[];
      /** The pre-auth cookie to set: the challenge is bound to its hash. */
      preAuth: PreAuthCookie;
    };

/**
 * The Continue step. Link-only organizations: the link signs in for as long as it lives (it is not used up).
 * OTP organizations: the link is used up (once, even under concurrent clicks), and this browser gets a login
 * challenge for the link's portal user, bound to its pre-auth cookie; the person then picks where the code goes.
 * A link that does not work changes nothing.
 */
export async function continueWithLink(
  deps: PortalAccessDeps,
  input: { orgSlug: string; token: string; preAuth: string | null; request: PortalRequestMeta },
): Promise<ContinueWithLinkResult> {
  const organization = await findPortalOrganization(deps.db, input.orgSlug);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const reading = await readLink(tx, {
      organizationId: organization.id,
      token: input.token,
      now,
      lock: true,
    });
    if (reading.state !== 'valid') throw refuseLink(reading.state);
    const { holder } = reading;
    if (organization.loginMode === 'link') {
      const session = await openPortalSession(tx, {
        organization,
        portalUserId: holder.portalUserId,
        now,
        request: input.request,
      });
      return { next: 'signedIn', taskId: holder.taskId, session };
    }
    return openChallengeFromLink(tx, { organization, holder, now, preAuth: input.preAuth });
  });
}

async function openChallengeFromLink(
  tx: DbOrTx,
  input: { organization: PortalOrganizationRow; holder: LinkHolder; now: Date; preAuth: string | null },
): Promise<ContinueWithLinkResult> {
  const { linkTokens, portalLoginChallenges } = schema;
  const channels = channelsOnFile(input.holder.contact);
  if (channels.length === 0) {
    throw new AppError(
      'BAD_REQUEST',
      'We have no mobile number or email address on file to send you a sign-in code. Call the office to add one.',
    );
  }
  const [used] = await tx
    .update(linkTokens)
    .set({ consumedAt: input.now })
    .where(and(eq(linkTokens.id, input.holder.linkId), isNull(linkTokens.consumedAt)))
    .returning({ id: linkTokens.id });
  if (!used) throw refuseLink('used');

  const preAuth = renewPreAuth(input.preAuth, input.now);
  const browserBindingHash = hashPreAuthValue(preAuth.value);
  // One sign-in in progress per browser and organization: an older one (another link, another tab) gives way.
  await tx
    .delete(portalLoginChallenges)
    .where(
      and(
        eq(portalLoginChallenges.organizationId, input.organization.id),
        eq(portalLoginChallenges.browserBindingHash, browserBindingHash),
      ),
    );
  await tx.insert(portalLoginChallenges).values({
    organizationId: input.organization.id,
    portalUserId: input.holder.portalUserId,
    browserBindingHash,
    taskId: input.holder.taskId,
    expiresAt: new Date(input.now.getTime() + CHALLENGE_LIFETIME_MS),
    createdAt: input.now,
  });
  return {
    next: 'chooseChannel',
    channels: channels.map(({ channel, masked }) => ({ channel, masked })),
    preAuth,
  };
}
