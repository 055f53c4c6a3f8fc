// Archives a customer: hidden from lists, its portal users disabled; refused while it has open tasks.
import type { Customer, CustomerVersionInput } from '@portico/validators/customers';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { disablePortalUsers } from '../portal-users/disable-portal-users';
import { describeOpenTasks, findOpenTasks } from '../sites/find-open-tasks';
import { findCustomer } from './find-customer';

export async function archiveCustomer(ctx: CoreContext, input: CustomerVersionInput): Promise<Customer> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findCustomer(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('customer');
    if (before.archivedAt) throw new AppError('CONFLICT', 'This customer is already archived.');
    const open = await findOpenTasks(txCtx, { customerId: before.id });
    if (open.count > 0) {
      throw new AppError(
        'CONFLICT',
        `${before.name} has ${describeOpenTasks(open)}. Complete or cancel them before archiving the customer.`,
      );
    }
    const { customers } = schema;
    const now = ctx.clock.now();
    const [after] = await tx
      .update(customers)
      .set({ archivedAt: now, version: sql`${customers.version} + 1`, updatedAt: now })
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
      action: 'archive',
      before,
      after,
    });
    // An archived account keeps no way into the portal; restoring it does not re-open access by itself.
    await disablePortalUsers(txCtx, { customerId: after.id });
    return after;
  });
}
