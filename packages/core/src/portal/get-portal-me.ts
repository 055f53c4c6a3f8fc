// Answers who is signed in to the portal: the organization (branding, wording), the portal user by their
// contact's name and role, and the customer account.
import type { PortalMe } from '@portico/validators/portal';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { and, eq, schema } from '../internal/db';
import { findOrganization } from '../organization/organization-row';
import { toPortalOrganization } from './portal-organization';
import { requirePortalActor } from './portal-scope';

export async function getPortalMe(ctx: CoreContext): Promise<PortalMe> {
  const actor = requirePortalActor(ctx);
  const { portalUsers: p, contacts: c, customers } = schema;
  const org = ctx.organizationId;
  const [[row], organization] = await Promise.all([
    ctx.db
      .select({
        id: p.id,
        role: p.role,
        name: c.name,
        customer: { id: customers.id, name: customers.name },
      })
      .from(p)
      .innerJoin(c, and(eq(c.id, p.contactId), eq(c.organizationId, org)))
      .innerJoin(customers, and(eq(customers.id, p.customerId), eq(customers.organizationId, org)))
      .where(and(eq(p.id, actor.id), eq(p.organizationId, org))),
    findOrganization(ctx),
  ]);
  // the session was valid a moment ago, so this is a portal user removed in between
  if (!row) throw new AppError('UNAUTHORIZED', 'Your session has ended. Sign in again.');
  return {
    organization: toPortalOrganization(organization),
    portalUser: { id: row.id, name: row.name, role: row.role },
    customer: row.customer,
  };
}
