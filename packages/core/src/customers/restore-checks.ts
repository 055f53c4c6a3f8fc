// What restoring an archived site or contact needs first: its customer must not be archived (restore that first).
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { and, eq, schema } from '../internal/db';

export async function assertCustomerActive(
  ctx: CoreContext,
  customerId: string,
  what: 'site' | 'contact',
): Promise<void> {
  const { customers } = schema;
  const [customer] = await ctx.db
    .select({ name: customers.name, archivedAt: customers.archivedAt })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, ctx.organizationId)));
  if (customer?.archivedAt) {
    throw new AppError(
      'CONFLICT',
      `${customer.name} is archived. Restore the customer first, then this ${what}.`,
    );
  }
}
