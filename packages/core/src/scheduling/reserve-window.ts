// Reserves one place in an appointment window on one local date: the capacity check every booking goes
// through, serialized per (window, date) so concurrent bookings never overbook.
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { and, eq, ne, schema, sql } from '../internal/db';
import { findWindow, type WindowRow } from './window-row';
import { formatDayLabel, isoWeekday, windowOccurrence } from './window-occurrences';

/** Tasks in these statuses hold a place in their window; cancelled and failed ones give it back. */
export const bookedStatusFilter = sql`${schema.tasks.status} not in ('cancelled', 'failed')`;

const weekdayNames = [
  '',
  'Mondays',
  'Tuesdays',
  'Wednesdays',
  'Thursdays',
  'Fridays',
  'Saturdays',
  'Sundays',
];

export type Reservation = {
  window: WindowRow;
  date: string;
  start: Date;
  end: Date;
  /** Bookings in the window that day before this one. */
  booked: number;
};

/**
 * Checks that `windowId` can take one more booking on `date` read in `timeZone`, and holds a transaction-level
 * advisory lock on (window, date) until the caller's transaction ends, so the caller's insert or update of
 * the task is counted by the next booking. MUST run inside a transaction (ctx.db is a transaction).
 * Refuses with a message for the `field` of the form: unknown window NOT_FOUND; retired, not offered that
 * weekday, inside a DST gap or already started BAD_REQUEST; full CONFLICT.
 */
export async function reserveWindow(
  ctx: CoreContext,
  input: { windowId: string; date: string; timeZone: string; excludeTaskId?: string; field?: string },
): Promise<Reservation> {
  const field = input.field ?? 'appointment';
  // FOR SHARE: a concurrent windows.update/retire waits for this booking, then sees it
  const window = await findWindow(ctx, input.windowId, { lock: 'share' });
  const day = formatDayLabel(input.date);
  const refuse = (message: string) => new AppError('BAD_REQUEST', message, { field });
  if (window.retiredAt) throw refuse(`The ${window.name} window is retired. Pick another window.`);
  const weekday = isoWeekday(input.date);
  if (!window.daysOfWeek.includes(weekday)) {
    throw refuse(
      `The ${window.name} window is not offered on ${weekdayNames[weekday]}. Pick another window or day.`,
    );
  }
  const occurrence = windowOccurrence(input.date, window, input.timeZone);
  if (!occurrence) {
    throw refuse(
      `The ${window.name} window does not exist on ${day} in ${input.timeZone}: the clocks skip its hours that night. Pick another window or day.`,
    );
  }
  if (occurrence.start.getTime() <= ctx.clock.now().getTime()) {
    throw refuse(`The ${window.name} window on ${day} has already started. Pick a later window or day.`);
  }

  // one lock per (window, date): bookings of other windows or days never wait on each other
  await ctx.db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`window:${window.id}:${input.date}`}, 0))`,
  );
  // READ COMMITTED: this statement's snapshot starts after the lock, so it sees every earlier holder's booking
  const { tasks } = schema;
  const [row] = await ctx.db
    .select({ booked: sql<number>`count(*)::int` })
    .from(tasks)
    .where(
      and(
        eq(tasks.organizationId, ctx.organizationId),
        eq(tasks.windowId, window.id),
        eq(tasks.appointmentDate, input.date),
        bookedStatusFilter,
        input.excludeTaskId ? ne(tasks.id, input.excludeTaskId) : undefined,
      ),
    );
  const booked = row?.booked ?? 0;
  if (booked >= window.capacityPerDay) {
    throw new AppError(
      'CONFLICT',
      `The ${window.name} window on ${day} is full (${booked} of ${window.capacityPerDay} booked). Pick another window or day.`,
      { field },
    );
  }
  return { window, date: input.date, start: occurrence.start, end: occurrence.end, booked };
}
