// Owns minting the access link an invite carries: the contact's portal user (created as an invited contact when
// they have none) and a fresh link token whose hash alone is stored.
import { createLinkToken } from '@portico/auth';
import { schema, type DbOrTx } from '@portico/db';
import { and, eq } from 'drizzle-orm';
import { accessLink, type OrganizationFacts } from './notification-content';

export type PortalUserRef = { id: string; status: 'invited' | 'active' | 'disabled' };

/** The contact's portal user, created (role contact, status invited) when the contact has none yet. */
export async function ensurePortalUser(
  db: DbOrTx,
  input: { organizationId: string; contactId: string; now: Date },
): Promise<PortalUserRef | null> {
  const { portalUsers, contacts } = schema;
  const find = async () => {
    const [user] = await db
      .select({ id: portalUsers.id, status: portalUsers.status })
      .from(portalUsers)
      .where(
        and(eq(portalUsers.contactId, input.contactId), eq(portalUsers.organizationId, input.organizationId)),
      );
    return user ?? null;
  };
  const existing = await find();
  if (existing) return existing;
  const [contact] = await db
    .select({ customerId: contacts.customerId })
    .from(contacts)
    .where(and(eq(contacts.id, input.contactId), eq(contacts.organizationId, input.organizationId)));
  if (!contact) return null;
  // Two deliveries to one contact may race here: the unique contact index lets one insert win.
  await db
    .insert(portalUsers)
    .values({
      organizationId: input.organizationId,
      customerId: contact.customerId,
      contactId: input.contactId,
      role: 'contact',
      status: 'invited',
      invitedAt: input.now,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoNothing({ target: portalUsers.contactId });
  return find();
}

export type MintedLink =
  { kind: 'link'; link: string; portalUserId: string; expiresAt: Date } | { kind: 'refused'; reason: string };

/**
 * A one-recipient access link: `${publicOrigin}/p/${slug}/access/${token}`, valid for the organization's link
 * lifetime, bound to the task when there is one. Only the provider ever sees the token.
 */
export async function mintAccessLink(
  db: DbOrTx,
  input: {
    organization: OrganizationFacts;
    contactId: string;
    contactName: string;
    taskId: string | null;
    now: Date;
    publicOrigin: string;
  },
): Promise<MintedLink> {
  const user = await ensurePortalUser(db, {
    organizationId: input.organization.id,
    contactId: input.contactId,
    now: input.now,
  });
  if (!user) return { kind: 'refused', reason: `${input.contactName}'s contact record no longer exists.` };
  if (user.status === 'disabled') {
    return {
      kind: 'refused',
      reason: `${input.contactName}'s portal access is disabled, so no invite link was sent.`,
    };
  }
  const expiresAt = new Date(input.now.getTime() + input.organization.linkLifetimeHours * 3_600_000);
  const { token } = await createLinkToken(db, {
    organizationId: input.organization.id,
    portalUserId: user.id,
    purpose: 'invite',
    taskId: input.taskId,
    now: input.now,
    expiresAt,
  });
  return {
    kind: 'link',
    link: accessLink(input.publicOrigin, input.organization.slug, token),
    portalUserId: user.id,
    expiresAt,
  };
}
