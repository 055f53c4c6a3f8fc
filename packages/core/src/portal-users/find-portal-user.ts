// Loads one portal user row of the caller's organization, or answers NOT_FOUND.
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, eq, schema } from '../internal/db';
import type { PortalUserRow } from './disable-portal-users';

export async function findPortalUser(
  ctx: CoreContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PortalUserRow> {
  const { portalUsers } = schema;
  const query = ctx.db
    .select()
    .from(portalUsers)
    .where(and(eq(portalUsers.id, id), eq(portalUsers.organizationId, ctx.organizationId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Portal user');
  return row;
}
