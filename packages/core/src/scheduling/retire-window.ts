// Retires an appointment window (admin): it is no longer offered or bookable; bookings already in it stay.
import type { AppointmentWindow, WindowRetireInput } from '@portico/validators/windows';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { findWindow, toWindow } from './window-row';

export async function retireWindow(ctx: CoreContext, input: WindowRetireInput): Promise<AppointmentWindow> {
  return ctx.db.transaction(async (tx) => {
    const row = await findWindow({ ...ctx, db: tx }, input.id, { lock: 'update' });
    if (row.version !== input.version) throw staleVersion('appointment window');
    if (row.retiredAt)
      throw new AppError('PRECONDITION_FAILED', `The ${row.name} window is already retired.`);
    const { appointmentWindows: w } = schema;
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(w)
      .set({ retiredAt: now, version: sql`${w.version} + 1`, updatedAt: now })
      .where(and(eq(w.id, row.id), eq(w.organizationId, ctx.organizationId), eq(w.version, input.version)))
      .returning();
    if (!updated) throw staleVersion('appointment window');
    await recordAudit(
      { ...ctx, db: tx },
      {
        entityType: 'appointment_window',
        entityId: row.id,
        action: 'retire',
        before: row,
        after: updated,
        fields: ['retiredAt'],
      },
    );
    return toWindow(updated);
  });
}
