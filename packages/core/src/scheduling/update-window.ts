// Edits an appointment window (admin). Name, days and capacity may change at any time; start and end times
// may not while upcoming bookings sit in the window, because their stored instants would stop matching it.
import type { AppointmentWindow, WindowUpdateInput } from '@portico/validators/windows';
import { diffChanges, recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, asc, eq, gt, schema, sql } from '../internal/db';
import { bookedStatusFilter } from './reserve-window';
import { formatDayLabel } from './window-occurrences';
import { findWindow, toWindow } from './window-row';

const EDITABLE = ['name', 'startTime', 'endTime', 'daysOfWeek', 'capacityPerDay'] as const;

export async function updateWindow(ctx: CoreContext, input: WindowUpdateInput): Promise<AppointmentWindow> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const row = await findWindow(txCtx, input.id, { lock: 'update' });
    if (row.version !== input.version) throw staleVersion('appointment window');
    const before = toWindow(row);
    const after = {
      name: input.name ?? before.name,
      startTime: input.startTime ?? before.startTime,
      endTime: input.endTime ?? before.endTime,
      daysOfWeek: input.daysOfWeek ?? before.daysOfWeek,
      capacityPerDay: input.capacityPerDay ?? before.capacityPerDay,
    };
    if (after.endTime <= after.startTime) {
      throw new AppError(
        'BAD_REQUEST',
        `The window must end after it starts, on the same day (it would run ${after.startTime}–${after.endTime}).`,
        { field: input.endTime ? 'endTime' : 'startTime' },
      );
    }
    const changes = diffChanges(before, after, [...EDITABLE]);
    if (Object.keys(changes).length === 0) return before;

    if (changes.startTime || changes.endTime) await refuseWhileBooked(txCtx, before);

    const { appointmentWindows: w } = schema;
    const [updated] = await tx
      .update(w)
      .set({ ...after, version: sql`${w.version} + 1`, updatedAt: ctx.clock.now() })
      .where(and(eq(w.id, row.id), eq(w.organizationId, ctx.organizationId), eq(w.version, input.version)))
      .returning();
    if (!updated) throw staleVersion('appointment window');
    const window = toWindow(updated);
    await recordAudit(txCtx, {
      entityType: 'appointment_window',
      entityId: row.id,
      action: 'update',
      before,
      after: window,
      fields: [...EDITABLE],
    });
    return window;
  });
}

async function refuseWhileBooked(ctx: CoreContext, window: AppointmentWindow): Promise<void> {
  const { tasks } = schema;
  const rows = await ctx.db
    .select({ date: tasks.appointmentDate, total: sql<number>`(count(*) over ())::int` })
    .from(tasks)
    .where(
      and(
        eq(tasks.organizationId, ctx.organizationId),
        eq(tasks.windowId, window.id),
        gt(tasks.appointmentEnd, ctx.clock.now()),
        bookedStatusFilter,
      ),
    )
    .orderBy(asc(tasks.appointmentDate))
    .limit(1);
  const first = rows[0];
  if (!first) return;
  const tasksWord = first.total === 1 ? '1 upcoming task is' : `${first.total} upcoming tasks are`;
  throw new AppError(
    'CONFLICT',
    `The ${window.name} window's times can't change while ${tasksWord} booked in it (the first on ${formatDayLabel(first.date!)}). ` +
      'Reschedule those tasks first, or create a new window with the new times and retire this one.',
    { field: 'startTime' },
  );
}
