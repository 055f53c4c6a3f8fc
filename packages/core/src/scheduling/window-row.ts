// Reading one appointment window of the organization and shaping window rows for output.
import type { AppointmentWindow } from '@portico/validators/windows';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, eq, schema } from '../internal/db';
import { toHourMinute } from './window-occurrences';

export type WindowRow = typeof schema.appointmentWindows.$inferSelect;

/**
 * The window, NOT_FOUND when it is not this organization's. `lock`: 'update' before changing it, 'share' while
 * booking into it (so its times or retirement cannot change under a booking in flight).
 */
export async function findWindow(
  ctx: CoreContext,
  id: string,
  options: { lock?: 'update' | 'share' } = {},
): Promise<WindowRow> {
  const { appointmentWindows: w } = schema;
  const query = ctx.db
    .select()
    .from(w)
    .where(and(eq(w.id, id), eq(w.organizationId, ctx.organizationId)));
  const [row] = options.lock ? await query.for(options.lock) : await query;
  if (!row) throw notFound('Appointment window');
  return row;
}

export function toWindow(row: WindowRow): AppointmentWindow {
  return {
    id: row.id,
    name: row.name,
    startTime: toHourMinute(row.startTime),
    endTime: toHourMinute(row.endTime),
    daysOfWeek: [...row.daysOfWeek].sort((a, b) => a - b),
    capacityPerDay: row.capacityPerDay,
    retiredAt: row.retiredAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
