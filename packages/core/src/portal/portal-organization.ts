// Shapes an organization row as the portal shows it before and after sign-in: branding, merged wording,
// how sign-in works and the office phone.
import { mergePortalLabels } from '@portico/validators/portal-labels';
import type { PortalOrganization } from '@portico/validators/portal';
import type { OrganizationRow } from '../organization/organization-row';

export type PortalOrganizationFacts = Pick<
  OrganizationRow,
  'slug' | 'name' | 'logoFileId' | 'primaryColor' | 'accentColor' | 'labels' | 'loginMode' | 'officePhone'
>;

export function toPortalOrganization(row: PortalOrganizationFacts): PortalOrganization {
  return {
    slug: row.slug,
    name: row.name,
    // served by the same origin as the portal (GET /files/<id>)
    logoUrl: row.logoFileId ? `/files/${row.logoFileId}` : null,
    primaryColor: row.primaryColor,
    accentColor: row.accentColor,
    labels: mergePortalLabels(row.labels),
    loginMode: row.loginMode,
    officePhone: row.officePhone,
  };
}
