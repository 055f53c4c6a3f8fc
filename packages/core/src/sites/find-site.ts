// Loads one site of the caller's organization, or answers NOT_FOUND.
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, eq, schema } from '../internal/db';

export type SiteRow = typeof schema.sites.$inferSelect;

export async function findSite(
  ctx: CoreContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SiteRow> {
  const { sites } = schema;
  const query = ctx.db
    .select()
    .from(sites)
    .where(and(eq(sites.id, id), eq(sites.organizationId, ctx.organizationId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Site');
  return row;
}
