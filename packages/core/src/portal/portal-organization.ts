// Shapes an organization row as the portal shows it before and after sign-in: branding, merged wording,
// how sign-in works and the office phone.
import { mergePortalLabels } from '@portico/validators/portal-labels';
import type { PortalOrganization } from '@portico/validators/portal';
import type { OrganizationRow } from '../organization/organization-row';

export type PortalOrganizationFacts = Pick<
  OrganizationRow,
  'slug' | 'name' | 'primaryColor' | 'accentColor' | 'labels' | 'loginMode' | 'officePhone'
>;

export function toPortalOrganization(row: PortalOrganizationFacts): PortalOrganization {
  return {
    slug: row.slug,
    name: row.name,
    // logos are files, which arrive with a later issue
    logoUrl: null,
    primaryColor: row.primaryColor,
    accentColor: row.accentColor,
    labels: mergePortalLabels(row.labels),
    loginMode: row.loginMode,
    officePhone: row.officePhone,
  };
}
