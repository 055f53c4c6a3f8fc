// Removes the organization's logo (admin): the portal and emails fall back to the name. The stored file stays,
// since its URL may be cached; only the link to it goes.
import type { LogoRemoveInput, OrganizationSettings } from '@portico/validators/organization';
import type { CoreContext } from '../context';
import { findOrganization, toOrganizationSettings } from './organization-row';
import { staleSettings } from './update-organization-settings';
import { setLogoFile } from './upload-logo';

export async function removeLogo(ctx: CoreContext, input: LogoRemoveInput): Promise<OrganizationSettings> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const row = await findOrganization(txCtx, { forUpdate: true });
    if (row.version !== input.version) throw staleSettings();
    // nothing to remove: nothing changes, nothing is audited
    if (row.logoFileId === null) return toOrganizationSettings(row);
    return setLogoFile(txCtx, row, null, 'remove_logo');
  });
}
