// Replaces the organization's logo (admin): the bytes are checked (type from the bytes, size, SVG safety) before
// any database work, then stored and linked in one transaction with the audit row.
import type { LogoUploadInput, OrganizationSettings } from '@portico/validators/organization';
import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { checkLogo } from '../files/check-logo';
import { and, eq, schema, sql } from '../internal/db';
import { findOrganization, toOrganizationSettings } from './organization-row';
import { staleSettings } from './update-organization-settings';

export async function uploadLogo(ctx: CoreContext, input: LogoUploadInput): Promise<OrganizationSettings> {
  const logo = checkLogo(input.dataBase64);
  const sha256 = new Uint8Array(createHash('sha256').update(logo.bytes).digest());
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const row = await findOrganization(txCtx, { forUpdate: true });
    if (row.version !== input.version) throw staleSettings();
    const now = ctx.clock.now();
    const [file] = await tx
      .insert(schema.storedFiles)
      .values({
        organizationId: ctx.organizationId,
        purpose: 'logo',
        contentType: logo.contentType,
        byteSize: logo.bytes.length,
        sha256,
        data: logo.bytes,
        originalName: input.fileName === '' ? null : input.fileName,
        createdByStaffUserId: ctx.actor.type === 'staff' ? ctx.actor.id : null,
        createdAt: now,
      })
      .returning({ id: schema.storedFiles.id });
    return setLogoFile(txCtx, row, file!.id, 'upload_logo');
  });
}

/** Points the organization at a logo file (or none), bumping the version and auditing from/to. */
export async function setLogoFile(
  txCtx: CoreContext,
  row: Awaited<ReturnType<typeof findOrganization>>,
  logoFileId: string | null,
  action: 'upload_logo' | 'remove_logo',
): Promise<OrganizationSettings> {
  const { organizations } = schema;
  const [updated] = await txCtx.db
    .update(organizations)
    .set({ logoFileId, version: sql`${organizations.version} + 1`, updatedAt: txCtx.clock.now() })
    .where(and(eq(organizations.id, txCtx.organizationId), eq(organizations.version, row.version)))
    .returning();
  if (!updated) throw staleSettings();
  await recordAudit(txCtx, {
    entityType: 'organization',
    entityId: txCtx.organizationId,
    action,
    before: { logoFileId: row.logoFileId },
    after: { logoFileId: updated.logoFileId },
  });
  return toOrganizationSettings(updated);
}
