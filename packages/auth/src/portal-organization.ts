// Owns finding the organization a portal address names (its slug), with what portal sign-in needs of it.
import { AppError } from '@portico/core';
import { schema, type DbOrTx } from '@portico/db';
import { eq } from 'drizzle-orm';

const { organizations } = schema;

const portalOrganizationColumns = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  logoFileId: organizations.logoFileId,
  primaryColor: organizations.primaryColor,
  accentColor: organizations.accentColor,
  labels: organizations.labels,
  loginMode: organizations.loginMode,
  officePhone: organizations.officePhone,
  linkLifetimeHours: organizations.linkLifetimeHours,
  portalSessionIdleDays: organizations.portalSessionIdleDays,
  portalSessionAbsoluteDays: organizations.portalSessionAbsoluteDays,
};

export type PortalOrganizationRow = {
  id: string;
  slug: string;
  name: string;
  logoFileId: string | null;
  primaryColor: string;
  accentColor: string;
  labels: Record<string, string>;
  loginMode: 'otp' | 'link';
  officePhone: string | null;
  linkLifetimeHours: number;
  portalSessionIdleDays: number;
  portalSessionAbsoluteDays: number;
};

export const UNKNOWN_PORTAL_ADDRESS = 'This portal address does not exist.';

/** The organization of a portal address; NOT_FOUND for a slug no organization has. */
export async function findPortalOrganization(db: DbOrTx, slug: string): Promise<PortalOrganizationRow> {
  const [row] = await db
    .select(portalOrganizationColumns)
    .from(organizations)
    .where(eq(organizations.slug, slug))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', UNKNOWN_PORTAL_ADDRESS);
  return row;
}
