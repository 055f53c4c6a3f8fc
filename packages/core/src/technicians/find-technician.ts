// Loads one technician of the caller's organization, or answers NOT_FOUND.
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, eq, schema } from '../internal/db';

export type TechnicianRow = typeof schema.technicians.$inferSelect;

export async function findTechnician(
  ctx: CoreContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TechnicianRow> {
  const { technicians } = schema;
  const query = ctx.db
    .select()
    .from(technicians)
    .where(and(eq(technicians.id, id), eq(technicians.organizationId, ctx.organizationId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Technician');
  return row;
}
