// Sends a staff invitation: mints the link's token at send time (only its hash is stored, older links of the
// person stop working) and emails the link through the email provider. A person who is no longer invited gets
// nothing. The token never reaches a job payload, a log line or the database in clear.
import { mintStaffInvite } from '@portico/auth';
import { staffInviteLifetimeHours } from '@portico/core/staff/invite-staff-user';
import { schema } from '@portico/db';
import { ProviderError, renderEmailHtml, type RenderedMessage } from '@portico/notifications';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { brandingOf, loadOrganization, type OrganizationFacts } from '../notification-content';
import type { JobHandler } from '../worker-deps';

const { staffUsers } = schema;

/** The invitation page of the portal app: `${publicOrigin}/p/${slug}/staff-invite/${token}`. */
export function staffInviteLink(publicOrigin: string, slug: string, token: string): string {
  return `${publicOrigin}/p/${slug}/staff-invite/${token}`;
}

export function renderStaffInviteEmail(input: {
  organization: OrganizationFacts;
  inviterName: string | null;
  person: { name: string; role: 'admin' | 'dispatcher' };
  link: string;
  lifetimeHours: number;
  publicOrigin: string;
}): RenderedMessage {
  const organizationName = input.organization.name.trim();
  const inviter = input.inviterName?.trim() || null;
  const role = input.person.role === 'admin' ? 'an admin' : 'a dispatcher';
  const subject = `${inviter ?? 'Your admin'} invited you to ${organizationName} on Portico`;
  const text =
    `Hi ${input.person.name.trim()},\n\n` +
    `${inviter ?? 'An admin'} invited you to join ${organizationName} on Portico as ${role}. ` +
    `Portico is the desktop app ${organizationName} uses to schedule and dispatch its work.\n\n` +
    `Set your password to finish setting up your account:\n${input.link}\n\n` +
    `The link works for ${input.lifetimeHours} hours and only once. If it has run out, ask ${inviter ?? 'your admin'} to send a new invitation.\n\n` +
    'If you were not expecting this email, you can ignore it: no account is opened until a password is set.';
  const html = renderEmailHtml({
    subject,
    text,
    branding: brandingOf(input.organization, input.publicOrigin),
  });
  return { channel: 'email', subject, text, html, segments: null };
}

export const staffInviteHandler: JobHandler<'staff-invite'> = async (job, deps) => {
  const { organizationId, staffUserId, invitedBy } = job.data;
  const organization = await loadOrganization(deps.db, organizationId);
  const [person] = await deps.db
    .select({ email: staffUsers.email, name: staffUsers.name, role: staffUsers.role })
    .from(staffUsers)
    .where(and(eq(staffUsers.id, staffUserId), eq(staffUsers.organizationId, organizationId)));
  if (!organization || !person) {
    deps.log.info({ staffUserId }, 'staff-invite: the staff user no longer exists; skipped');
    return;
  }
  const [inviter] = invitedBy
    ? await deps.db
        .select({ name: staffUsers.name })
        .from(staffUsers)
        .where(and(eq(staffUsers.id, invitedBy), eq(staffUsers.organizationId, organizationId)))
    : [];

  const minted = await mintStaffInvite(deps.db, {
    organizationId,
    staffUserId,
    now: deps.clock.now(),
    lifetimeHours: staffInviteLifetimeHours,
  });
  if (!minted) {
    deps.log.info({ staffUserId }, 'staff-invite: already accepted or disabled; skipped');
    return;
  }
  const message = renderStaffInviteEmail({
    organization,
    inviterName: inviter?.name ?? null,
    person,
    link: staffInviteLink(deps.publicOrigin, organization.slug, minted.token),
    lifetimeHours: staffInviteLifetimeHours,
    publicOrigin: deps.publicOrigin,
  });
  try {
    await deps.providers.email.send({
      to: person.email,
      subject: message.subject ?? '',
      html: message.html ?? '',
      text: message.text,
      // A fresh key per minted link: a retry sends a new link (the previous one no longer works).
      idempotencyKey: `staff-invite:${staffUserId}:${randomUUID()}`,
    });
  } catch (error) {
    if (error instanceof ProviderError && !error.retryable) {
      deps.log.warn({ staffUserId, error: error.message }, 'staff-invite: the provider refused the email');
      return;
    }
    throw error;
  }
};
