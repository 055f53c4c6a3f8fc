// The dispatch board of one or more days in one round trip: technician lanes, window columns, the booked
// tasks with what a card shows, booked/capacity per window and day, and the tray of unscheduled tasks.
import {
  dispatchTrayLimit,
  type DispatchBoard,
  type DispatchBoardInput,
  type DispatchCard,
} from '@portico/validators/dispatch';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, asc, eq, gte, inArray, isNull, lte, or, schema, sql } from '../internal/db';
import { bookedStatusFilter } from '../scheduling/reserve-window';
import { isWindowActiveOn, listDates, toHourMinute } from '../scheduling/window-occurrences';

const { tasks, customers, sites, technicians, appointmentWindows: w, organizations } = schema;

const cardColumns = {
  id: tasks.id,
  number: tasks.number,
  version: tasks.version,
  status: tasks.status,
  serviceType: tasks.serviceType,
  customerName: customers.name,
  siteAddress: sites.addressLine1,
  siteCity: sites.city,
  appointmentDate: tasks.appointmentDate,
  windowId: tasks.windowId,
  appointmentStart: tasks.appointmentStart,
  appointmentEnd: tasks.appointmentEnd,
  technicianId: tasks.technicianId,
  confirmationState: tasks.confirmationState,
};

/** `date` plus `days` calendar days (UTC arithmetic on the date string: no zone can shift it). */
function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export async function getDispatchBoard(ctx: CoreContext, input: DispatchBoardInput): Promise<DispatchBoard> {
  const org = ctx.organizationId;
  const from = input.date;
  const to = addCalendarDays(from, input.days - 1);

  const [orgRow] = await ctx.db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, org));
  if (!orgRow) throw notFound('Organization');

  // a fixed number of queries whatever the size of the board: tasks, tray (+ its total), lanes, windows
  const [booked, tray, trayTotal] = await Promise.all([
    ctx.db
      .select(cardColumns)
      .from(tasks)
      .innerJoin(customers, eq(customers.id, tasks.customerId))
      .innerJoin(sites, eq(sites.id, tasks.siteId))
      .where(
        and(
          eq(tasks.organizationId, org),
          gte(tasks.appointmentDate, from),
          lte(tasks.appointmentDate, to),
          bookedStatusFilter,
        ),
      )
      .orderBy(asc(tasks.appointmentDate), asc(tasks.appointmentStart), asc(tasks.number)),
    ctx.db
      .select(cardColumns)
      .from(tasks)
      .innerJoin(customers, eq(customers.id, tasks.customerId))
      .innerJoin(sites, eq(sites.id, tasks.siteId))
      .where(and(eq(tasks.organizationId, org), eq(tasks.status, 'unscheduled')))
      .orderBy(asc(tasks.createdAt), asc(tasks.number))
      .limit(dispatchTrayLimit),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(tasks)
      .where(and(eq(tasks.organizationId, org), eq(tasks.status, 'unscheduled'))),
  ]);

  const technicianIds = [...new Set(booked.flatMap((t) => (t.technicianId ? [t.technicianId] : [])))];
  const windowIds = [...new Set(booked.flatMap((t) => (t.windowId ? [t.windowId] : [])))];
  const [laneRows, windowRows] = await Promise.all([
    ctx.db
      .select()
      .from(technicians)
      .where(
        and(
          eq(technicians.organizationId, org),
          technicianIds.length > 0
            ? or(eq(technicians.active, true), inArray(technicians.id, technicianIds))
            : eq(technicians.active, true),
        ),
      )
      .orderBy(sql`${technicians.active} desc`, sql`lower(${technicians.name})`, technicians.id),
    ctx.db
      .select()
      .from(w)
      .where(
        and(
          eq(w.organizationId, org),
          windowIds.length > 0 ? or(isNull(w.retiredAt), inArray(w.id, windowIds)) : isNull(w.retiredAt),
        ),
      )
      .orderBy(asc(w.startTime), asc(w.endTime), asc(w.name), asc(w.id)),
  ]);

  const dates = listDates(from, to);
  const bookedCount = new Map<string, number>();
  for (const task of booked) {
    const key = `${task.windowId}|${task.appointmentDate}`;
    bookedCount.set(key, (bookedCount.get(key) ?? 0) + 1);
  }

  return {
    timeZone: orgRow.timeZone,
    dates,
    lanes: laneRows.map((t) => ({ technicianId: t.id, name: t.name, color: t.color, active: t.active })),
    windows: windowRows.map((row) => ({
      id: row.id,
      name: row.name,
      startTime: toHourMinute(row.startTime),
      endTime: toHourMinute(row.endTime),
      daysOfWeek: [...row.daysOfWeek].sort((a, b) => a - b),
      capacityPerDay: row.capacityPerDay,
      retired: row.retiredAt !== null,
    })),
    counts: dates.flatMap((date) =>
      windowRows.map((row) => ({
        date,
        windowId: row.id,
        booked: bookedCount.get(`${row.id}|${date}`) ?? 0,
        capacity: row.capacityPerDay,
        offered: row.retiredAt === null && isWindowActiveOn(row, date),
      })),
    ),
    tasks: booked satisfies DispatchCard[],
    unscheduled: tray satisfies DispatchCard[],
    unscheduledTotal: trayTotal[0]?.total ?? 0,
  };
}
