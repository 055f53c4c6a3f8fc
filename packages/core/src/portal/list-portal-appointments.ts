// Lists the portal user's appointments: coming ones soonest first (those without a date last), then past ones,
// most recent first: closed ones, and open ones whose window has ended (the office has not closed them yet, but
// for the customer they are behind them). Three queries whatever the number of tasks.
import type { PortalAppointmentList } from '@portico/validators/portal';
import type { CoreContext } from '../context';
import { and, asc, desc, inArray, or, schema, sql } from '../internal/db';
import { findOrganization } from '../organization/organization-row';
import { finalStatuses, openStatuses } from '../tasks/status-machine';
import { readAppointmentRows, toAppointmentSummary } from './appointment-view';

/** How many past appointments the list shows. */
export const pastAppointmentLimit = 50;
/** A bound on open appointments, far above what one customer account has at once. */
export const upcomingAppointmentLimit = 200;

export async function listPortalAppointments(ctx: CoreContext): Promise<PortalAppointmentList> {
  const { tasks } = schema;
  const now = sql`${ctx.clock.now().toISOString()}::timestamptz`;
  // a technician on the way or at work keeps the visit current even past its window
  // (coalesce: an unbooked task has no end, and a NULL here would drop it from both lists)
  const isBehind = sql`coalesce(${tasks.status} in ('unscheduled', 'scheduled', 'confirmed') and ${tasks.appointmentEnd} <= ${now}, false)`;
  const [org, upcoming, past] = await Promise.all([
    findOrganization(ctx),
    readAppointmentRows(ctx, {
      where: and(inArray(tasks.status, [...openStatuses]), sql`not ${isBehind}`),
      orderBy: [sql`${tasks.appointmentStart} asc nulls last`, asc(tasks.number)],
      limit: upcomingAppointmentLimit,
    }),
    readAppointmentRows(ctx, {
      where: or(inArray(tasks.status, [...finalStatuses]), isBehind),
      // closed without ever being booked: when it closed stands in for the appointment
      orderBy: [sql`coalesce(${tasks.appointmentStart}, ${tasks.statusChangedAt}) desc`, desc(tasks.number)],
      limit: pastAppointmentLimit,
    }),
  ]);
  return {
    upcoming: upcoming.map((row) => toAppointmentSummary(row, org)),
    past: past.map((row) => toAppointmentSummary(row, org)),
  };
}
