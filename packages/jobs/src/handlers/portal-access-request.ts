// Answers "send me a new code or link" in the background, so the request's answer and timing never depend on
// whether the contact is on file: finds the organization's contact with that phone number or email address, and
// sends a sign-in code bound to the asking browser (OTP organizations) or a sign-in link (link-only ones) through
// that same channel, within the per-recipient and per-organization send limits. Unknown contacts get nothing.
import { createLinkToken, createPendingCode, reserveSend } from '@portico/auth';
import type { CoreContext } from '@portico/core';
import { schema } from '@portico/db';
import { ProviderError, renderEmailHtml, toSmsFriendlyText } from '@portico/notifications';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { accessLink, brandingOf, loadOrganization, type OrganizationFacts } from '../notification-content';
import { ensurePortalUser } from '../portal-links';
import type { JobHandler, WorkerDeps } from '../worker-deps';

const HEX_HASH = /^[0-9a-f]{64}$/;

type Candidate = {
  contactId: string;
  phone: string | null;
  email: string | null;
  smsOptOut: boolean;
};

/**
 * The contact the person most likely is: several contacts (of different customers) may share a number or an
 * address; one already signing in wins, then one with a portal user, then the oldest.
 */
async function findCandidates(
  deps: Pick<WorkerDeps, 'db'>,
  input: { organizationId: string; channel: 'sms' | 'email'; contact: string },
): Promise<(Candidate & { portalStatus: 'invited' | 'active' | 'disabled' | null })[]> {
  const { contacts, customers, portalUsers } = schema;
  return deps.db
    .select({
      contactId: contacts.id,
      phone: contacts.phone,
      email: contacts.email,
      smsOptOut: contacts.smsOptOut,
      portalStatus: portalUsers.status,
    })
    .from(contacts)
    .innerJoin(
      customers,
      and(eq(customers.id, contacts.customerId), eq(customers.organizationId, input.organizationId)),
    )
    .leftJoin(
      portalUsers,
      and(eq(portalUsers.contactId, contacts.id), eq(portalUsers.organizationId, input.organizationId)),
    )
    .where(
      and(
        eq(contacts.organizationId, input.organizationId),
        isNull(contacts.archivedAt),
        isNull(customers.archivedAt),
        input.channel === 'sms'
          ? eq(contacts.phone, input.contact)
          : eq(sql`lower(${contacts.email})`, input.contact),
      ),
    )
    .orderBy(
      sql`case ${portalUsers.status} when 'active' then 0 when 'invited' then 1 else 2 end`,
      desc(portalUsers.lastSignInAt),
      asc(contacts.createdAt),
    )
    .limit(10);
}

function describeLifetime(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days`;
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

async function sendLoginLink(
  deps: WorkerDeps,
  input: {
    organization: OrganizationFacts;
    portalUserId: string;
    channel: 'sms' | 'email';
    destination: string;
  },
): Promise<void> {
  const { organization } = input;
  const now = deps.clock.now();
  const { token } = await createLinkToken(deps.db, {
    organizationId: organization.id,
    portalUserId: input.portalUserId,
    purpose: 'login',
    now,
    expiresAt: new Date(now.getTime() + organization.linkLifetimeHours * 3_600_000),
  });
  const link = accessLink(deps.publicOrigin, organization.slug, token);
  const name = organization.name.trim();
  const lifetime = describeLifetime(organization.linkLifetimeHours);
  const idempotencyKey = `portal-link:${input.portalUserId}:${randomUUID()}`;
  if (input.channel === 'sms') {
    await deps.providers.sms.send({
      to: input.destination,
      body: toSmsFriendlyText(`Sign in to ${name}: ${link}\nThis link expires in ${lifetime}.`),
      idempotencyKey,
    });
    return;
  }
  const subject = `Your sign-in link for ${name}`;
  const text =
    `Here is your link to sign in to ${name}:\n\n${link}\n\n` +
    `It expires in ${lifetime}. If you did not ask for it, you can ignore this email.`;
  await deps.providers.email.send({
    to: input.destination,
    subject,
    text,
    html: renderEmailHtml({ subject, text, branding: brandingOf(organization, deps.publicOrigin) }),
    idempotencyKey,
  });
}

/** The portal user to send to and where: the first candidate who may sign in and can receive on that channel. */
async function findRecipient(
  deps: WorkerDeps,
  input: { organizationId: string; channel: 'sms' | 'email'; contact: string; now: Date },
): Promise<{ portalUserId: string; destination: string } | null> {
  for (const candidate of await findCandidates(deps, input)) {
    if (candidate.portalStatus === 'disabled') continue;
    const destination = input.channel === 'sms' ? candidate.phone : candidate.email;
    if (!destination || (input.channel === 'sms' && candidate.smsOptOut)) continue;
    const user = await ensurePortalUser(deps.db, {
      organizationId: input.organizationId,
      contactId: candidate.contactId,
      now: input.now,
    });
    if (!user || user.status === 'disabled') continue;
    return { portalUserId: user.id, destination };
  }
  return null;
}

export const portalAccessRequestHandler: JobHandler<'portal-access-request'> = async (job, deps) => {
  const { organizationId, bindingHash, contact } = job.data;
  if (!HEX_HASH.test(bindingHash)) return;
  const organization = await loadOrganization(deps.db, organizationId);
  if (!organization) return;
  const [policy] = await deps.db
    .select({ loginMode: schema.organizations.loginMode })
    .from(schema.organizations)
    .where(eq(schema.organizations.id, organizationId));
  if (!policy) return;
  const channel: 'sms' | 'email' = contact.includes('@') ? 'email' : 'sms';
  const now = deps.clock.now();

  const found = await findRecipient(deps, { organizationId, channel, contact, now });
  // Nobody on file (or nobody who may sign in): nothing is sent, and nothing tells the asker so.
  if (!found) {
    deps.log.info({ jobId: job.id, organizationId }, 'portal-access-request: no matching contact');
    return;
  }

  if (policy.loginMode === 'link') {
    const allowance = await reserveSend(deps.db, {
      destination: found.destination,
      organizationId,
      ip: null,
      now,
    });
    if (!allowance.allowed) {
      deps.log.info({ jobId: job.id, organizationId }, 'portal-access-request: send limit reached');
      return;
    }
    try {
      await sendLoginLink(deps, { organization, channel, ...found });
    } catch (error) {
      if (error instanceof ProviderError && !error.retryable) {
        deps.log.warn({ jobId: job.id, error: error.message }, 'portal-access-request: the provider refused');
        return;
      }
      throw error;
    }
    return;
  }

  // OTP: a challenge bound to the asking browser with its one code, sent by the `portal-code` job. The
  // challenge is created already expired: its expiry says until when codes may be sent for it, and nothing more
  // may be (a re-send through sendCode would tell the asker whether the contact is on file); the person asks
  // again instead. Its code lives its own 5 minutes.
  const browserBindingHash = new Uint8Array(Buffer.from(bindingHash, 'hex'));
  await deps.db.transaction(async (tx) => {
    const allowance = await reserveSend(tx, {
      destination: found.destination,
      organizationId,
      ip: null,
      now,
    });
    if (!allowance.allowed) {
      deps.log.info({ jobId: job.id, organizationId }, 'portal-access-request: send limit reached');
      return;
    }
    const { portalLoginChallenges } = schema;
    await tx
      .delete(portalLoginChallenges)
      .where(
        and(
          eq(portalLoginChallenges.organizationId, organizationId),
          eq(portalLoginChallenges.browserBindingHash, browserBindingHash),
        ),
      );
    const [challenge] = await tx
      .insert(portalLoginChallenges)
      .values({
        organizationId,
        portalUserId: found.portalUserId,
        browserBindingHash,
        taskId: null,
        expiresAt: now,
        createdAt: now,
      })
      .returning({ id: portalLoginChallenges.id });
    if (!challenge) throw new Error('login challenge not stored');
    const ctx: CoreContext = {
      db: tx,
      clock: deps.clock,
      organizationId,
      actor: { type: 'system', id: null },
    };
    await createPendingCode(ctx, {
      challengeId: challenge.id,
      portalUserId: found.portalUserId,
      browserBindingHash,
      channel,
      destination: found.destination,
    });
  });
};
