// Restores an archived customer (its portal users stay disabled until re-enabled one by one).
import type { Customer, CustomerVersionInput } from '@portico/validators/customers';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { findCustomer } from './find-customer';

export async function restoreCustomer(ctx: CoreContext, input: CustomerVersionInput): Promise<Customer> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findCustomer(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('customer');
    if (!before.archivedAt) throw new AppError('CONFLICT', 'This customer is not archived.');
    const { customers } = schema;
    const [after] = await tx
      .update(customers)
      .set({ archivedAt: null, version: sql`${customers.version} + 1`, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(customers.id, before.id),
          eq(customers.organizationId, ctx.organizationId),
          eq(customers.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('customer');
    await recordAudit(txCtx, {
      entityType: 'customer',
      entityId: after.id,
      action: 'restore',
      before,
      after,
    });
    return after;
  });
}
