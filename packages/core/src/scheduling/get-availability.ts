// Answers which windows can still be booked on each local date of a range, read in a site's (or the
// organization's) time zone: capacity minus bookings, with started and retired windows left out.
import type { Availability, AvailabilityInput } from '@portico/validators/windows';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, asc, eq, gte, inArray, isNull, lte, schema, sql } from '../internal/db';
import { bookedStatusFilter } from './reserve-window';
import { listWindowOccurrences } from './window-occurrences';

export async function getAvailability(ctx: CoreContext, input: AvailabilityInput): Promise<Availability> {
  const timeZone = await availabilityTimeZone(ctx, input.siteId);
  const { appointmentWindows: w, tasks } = schema;
  const windows = await ctx.db
    .select()
    .from(w)
    .where(and(eq(w.organizationId, ctx.organizationId), isNull(w.retiredAt)))
    .orderBy(asc(w.startTime), asc(w.name));

  // one query for the whole range (the partial index tasks_window_day_idx answers it)
  const counts =
    windows.length === 0
      ? []
      : await ctx.db
          .select({
            windowId: tasks.windowId,
            date: tasks.appointmentDate,
            booked: sql<number>`count(*)::int`,
          })
          .from(tasks)
          .where(
            and(
              eq(tasks.organizationId, ctx.organizationId),
              inArray(
                tasks.windowId,
                windows.map((x) => x.id),
              ),
              gte(tasks.appointmentDate, input.from),
              lte(tasks.appointmentDate, input.to),
              bookedStatusFilter,
            ),
          )
          .groupBy(tasks.windowId, tasks.appointmentDate);
  const bookedBy = new Map(counts.map((c) => [`${c.windowId}|${c.date}`, c.booked]));

  const days = listWindowOccurrences({
    from: input.from,
    to: input.to,
    timeZone,
    windows,
    now: ctx.clock.now(),
  });
  return {
    timeZone,
    days: days.map((day) => ({
      date: day.date,
      windows: day.windows.map(({ window, start, end }) => {
        const booked = bookedBy.get(`${window.id}|${day.date}`) ?? 0;
        return {
          windowId: window.id,
          name: window.name,
          start,
          end,
          capacity: window.capacityPerDay,
          booked,
          remaining: Math.max(0, window.capacityPerDay - booked),
        };
      }),
    })),
  };
}

async function availabilityTimeZone(ctx: CoreContext, siteId: string | undefined): Promise<string> {
  if (siteId) {
    const { sites } = schema;
    const [site] = await ctx.db
      .select({ timeZone: sites.timeZone })
      .from(sites)
      .where(and(eq(sites.id, siteId), eq(sites.organizationId, ctx.organizationId)));
    if (!site) throw notFound('Site');
    return site.timeZone;
  }
  const { organizations } = schema;
  const [org] = await ctx.db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, ctx.organizationId));
  if (!org) throw notFound('Organization');
  return org.timeZone;
}
