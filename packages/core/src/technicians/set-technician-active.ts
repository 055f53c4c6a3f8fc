// Switches a technician between active and inactive under optimistic locking (shared by the two verbs).
import type { Technician, TechnicianVersionInput } from '@portico/validators/technicians';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { findTechnician } from './find-technician';

export async function setTechnicianActive(
  ctx: CoreContext,
  input: TechnicianVersionInput,
  active: boolean,
): Promise<Technician> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findTechnician(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('technician');
    if (before.active === active) {
      throw new AppError('CONFLICT', `${before.name} is already ${active ? 'active' : 'inactive'}.`);
    }
    const { technicians } = schema;
    const [after] = await tx
      .update(technicians)
      .set({ active, version: sql`${technicians.version} + 1`, updatedAt: ctx.clock.now() })
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
      action: active ? 'activate' : 'deactivate',
      before,
      after,
    });
    return after;
  });
}
