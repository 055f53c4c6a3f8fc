// Loads one customer of the caller's organization, or answers NOT_FOUND.
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, eq, schema } from '../internal/db';

export type CustomerRow = typeof schema.customers.$inferSelect;

/** `forUpdate` locks the row until the transaction ends (use inside ctx.db.transaction). */
export async function findCustomer(
  ctx: CoreContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CustomerRow> {
  const { customers } = schema;
  const query = ctx.db
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), eq(customers.organizationId, ctx.organizationId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Customer');
  return row;
}
