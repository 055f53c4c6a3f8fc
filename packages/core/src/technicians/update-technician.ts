// Edits a technician's name, phone, email or color under optimistic locking.
import type { Technician, TechnicianUpdateInput } from '@portico/validators/technicians';
import { diffChanges, recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { normalizeOptionalPhone } from '../phone';
import { findTechnician } from './find-technician';

export async function updateTechnician(ctx: CoreContext, input: TechnicianUpdateInput): Promise<Technician> {
  const phone = normalizeOptionalPhone(input.phone);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findTechnician(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('technician');
    const patch = {
      name: input.name ?? before.name,
      phone: phone === undefined ? before.phone : phone,
      email: input.email === undefined ? before.email : input.email,
      color: input.color === undefined ? before.color : input.color,
    };
    if (Object.keys(diffChanges(before, patch, Object.keys(patch))).length === 0) return before;
    const { technicians } = schema;
    const [after] = await tx
      .update(technicians)
      .set({ ...patch, version: sql`${technicians.version} + 1`, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(technicians.id, before.id),
          eq(technicians.organizationId, ctx.organizationId),
          eq(technicians.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('technician');
    await recordAudit(txCtx, {
      entityType: 'technician',
      entityId: after.id,
      action: 'update',
      before,
      after,
    });
    return after;
  });
}
