// Lists the portal user's appointments: open ones soonest first (those without a date last), then the most
// recent closed ones. Three queries whatever the number of tasks.
import type { PortalAppointmentList } from '@portico/validators/portal';
import type { CoreContext } from '../context';
import { asc, desc, inArray, schema, sql } from '../internal/db';
import { findOrganization } from '../organization/organization-row';
import { finalStatuses, openStatuses } from '../tasks/status-machine';
import { readAppointmentRows, toAppointmentSummary } from './appointment-view';

/** How many past appointments the list shows. */
export const pastAppointmentLimit = 50;
/** A bound on open appointments, far above what one customer account has at once. */
export const upcomingAppointmentLimit = 200;

export async function listPortalAppointments(ctx: CoreContext): Promise<PortalAppointmentList> {
  const { tasks } = schema;
  const [org, upcoming, past] = await Promise.all([
    findOrganization(ctx),
    readAppointmentRows(ctx, {
      where: inArray(tasks.status, [...openStatuses]),
      orderBy: [sql`${tasks.appointmentStart} asc nulls last`, asc(tasks.number)],
      limit: upcomingAppointmentLimit,
    }),
    readAppointmentRows(ctx, {
      where: inArray(tasks.status, [...finalStatuses]),
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
