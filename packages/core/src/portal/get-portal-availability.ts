// Answers the windows a customer can pick for one appointment, from the same availability the dispatcher sees,
// read in the site's time zone: only windows with a place left that have not started, plus the task's own.
import type { PortalAvailability } from '@portico/validators/portal';
import type { CoreContext } from '../context';
import { getAvailability } from '../scheduling/get-availability';
import { localDate, localTime } from './appointment-view';
import { findPortalTask } from './portal-scope';

export const defaultAvailabilityDays = 14;

/** `date` plus `days` calendar days (no time zone involved). */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export async function getPortalAvailability(
  ctx: CoreContext,
  input: { taskId: string; from?: string | undefined; days?: number | undefined },
): Promise<PortalAvailability> {
  const { task, timeZone } = await findPortalTask(ctx, input.taskId);
  const from = input.from ?? localDate(ctx.clock.now(), timeZone);
  const to = addCalendarDays(from, (input.days ?? defaultAvailabilityDays) - 1);
  const availability = await getAvailability(ctx, { from, to, siteId: task.siteId });
  const isCurrent = (date: string, windowId: string) =>
    task.appointmentDate === date && task.windowId === windowId;
  return {
    timeZone: availability.timeZone,
    days: availability.days
      .map((day) => ({
        date: day.date,
        windows: day.windows
          // getAvailability already leaves out windows that have started
          .filter((w) => w.remaining > 0 || isCurrent(day.date, w.windowId))
          .map((w) => ({
            windowId: w.windowId,
            name: w.name,
            start: w.start,
            end: w.end,
            startLocal: localTime(w.start, availability.timeZone),
            endLocal: localTime(w.end, availability.timeZone),
            remaining: w.remaining,
            isCurrent: isCurrent(day.date, w.windowId),
          })),
      }))
      // a day with nothing to pick is not worth a row on a phone
      .filter((day) => day.windows.length > 0),
  };
}
