// Adds a technician (active), phone normalized to E.164.
import type { Technician, TechnicianCreateInput } from '@portico/validators/technicians';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { schema } from '../internal/db';
import { normalizeOptionalPhone } from '../phone';

export async function createTechnician(ctx: CoreContext, input: TechnicianCreateInput): Promise<Technician> {
  const phone = normalizeOptionalPhone(input.phone) ?? null;
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [technician] = await tx
      .insert(schema.technicians)
      .values({
        organizationId: ctx.organizationId,
        name: input.name,
        phone,
        email: input.email ?? null,
        color: input.color ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!technician) throw new Error('technician insert returned no row');
    await recordAudit(
      { ...ctx, db: tx },
      { entityType: 'technician', entityId: technician.id, action: 'create', after: technician },
    );
    return technician;
  });
}
