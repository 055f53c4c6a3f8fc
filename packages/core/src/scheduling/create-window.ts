// Creates an appointment window (admin).
import type { AppointmentWindow, WindowCreateInput } from '@portico/validators/windows';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { schema } from '../internal/db';
import { toWindow } from './window-row';

export async function createWindow(ctx: CoreContext, input: WindowCreateInput): Promise<AppointmentWindow> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(schema.appointmentWindows)
      .values({
        organizationId: ctx.organizationId,
        name: input.name,
        startTime: input.startTime,
        endTime: input.endTime,
        daysOfWeek: input.daysOfWeek,
        capacityPerDay: input.capacityPerDay,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('appointment window not created');
    const window = toWindow(row);
    await recordAudit(
      { ...ctx, db: tx },
      {
        entityType: 'appointment_window',
        entityId: row.id,
        action: 'create',
        after: window,
        fields: ['name', 'startTime', 'endTime', 'daysOfWeek', 'capacityPerDay'],
      },
    );
    return window;
  });
}
