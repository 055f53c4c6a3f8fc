// Edits a customer's name, kind, email, phone or notes under optimistic locking.
import type { Customer, CustomerUpdateInput } from '@portico/validators/customers';
import { diffChanges, recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { normalizeOptionalPhone } from '../phone';
import { findCustomer } from './find-customer';

export async function updateCustomer(ctx: CoreContext, input: CustomerUpdateInput): Promise<Customer> {
  const phone = normalizeOptionalPhone(input.phone);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findCustomer(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('customer');
    const patch = {
      name: input.name ?? before.name,
      kind: input.kind ?? before.kind,
      email: input.email === undefined ? before.email : input.email,
      phone: phone === undefined ? before.phone : phone,
      notes: input.notes === undefined ? before.notes : input.notes,
    };
    if (Object.keys(diffChanges(before, patch, Object.keys(patch))).length === 0) return before;
    const { customers } = schema;
    const [after] = await tx
      .update(customers)
      .set({ ...patch, version: sql`${customers.version} + 1`, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(customers.id, before.id),
          eq(customers.organizationId, ctx.organizationId),
          eq(customers.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('customer');
    await recordAudit(txCtx, { entityType: 'customer', entityId: after.id, action: 'update', before, after });
    return after;
  });
}
