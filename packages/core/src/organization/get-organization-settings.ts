// Reads every setting of the caller's organization.
import type { OrganizationSettings } from '@portico/validators/organization';
import type { CoreContext } from '../context';
import { findOrganization, toOrganizationSettings } from './organization-row';

export async function getOrganizationSettings(ctx: CoreContext): Promise<OrganizationSettings> {
  return toOrganizationSettings(await findOrganization(ctx));
}
