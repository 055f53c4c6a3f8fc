// Produces the "Add to calendar" file of one of the portal user's appointments: the window in the site's time
// zone, one UID per task for its whole life, and a SEQUENCE that grows with every reschedule.
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { eq, schema } from '../internal/db';
import { findOrganization } from '../organization/organization-row';
import { isOpenStatus } from '../tasks/status-machine';
import { taskLabel } from '../tasks/task-row';
import { readAppointmentRows } from './appointment-view';
import { renderCalendar, type CalendarEvent } from './icalendar';
import { appointmentNotFound } from './portal-scope';
import { formatPhoneForPeople } from './portal-wording';

export type TaskCalendar = { filename: string; content: string };

/** The portal's page of a task (the same address notifications link to). */
export function taskPageUrl(publicOrigin: string, slug: string, taskId: string): string {
  return `${publicOrigin}/p/${slug}/tasks/${taskId}`;
}

export async function buildTaskCalendar(
  ctx: CoreContext,
  input: { taskId: string; publicOrigin: string },
): Promise<TaskCalendar> {
  const { tasks } = schema;
  const [[row], org] = await Promise.all([
    readAppointmentRows(ctx, { where: eq(tasks.id, input.taskId) }),
    findOrganization(ctx),
  ]);
  if (!row) throw appointmentNotFound();
  const { task, site } = row;
  if (!task.appointmentStart || !task.appointmentEnd) {
    throw new AppError('PRECONDITION_FAILED', 'This appointment has no time yet. Pick a time first.');
  }
  const url = taskPageUrl(input.publicOrigin, org.slug, task.id);
  const address = [
    site.addressLine1,
    site.addressLine2,
    site.city,
    [site.region, site.postalCode].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(', ');
  const description = [
    `${org.name}: ${task.serviceType} (${taskLabel(task.number)}).`,
    row.windowName ? `Arrival window: ${row.windowName}.` : null,
    task.technicianId && row.technicianName ? `Technician: ${row.technicianName}.` : null,
    `See or change your appointment: ${url}`,
    org.officePhone ? `Questions? Call ${formatPhoneForPeople(org.officePhone)}.` : null,
  ]
    .filter(Boolean)
    .join('\n');
  const closed = !isOpenStatus(task.status) && task.status !== 'completed';
  const event: CalendarEvent = {
    uid: `task-${task.id}@${new URL(input.publicOrigin).hostname}`,
    // a cancellation does not move the appointment version, but calendars only take a copy with a higher SEQUENCE
    sequence: task.appointmentVersion + (closed ? 1 : 0),
    stamp: ctx.clock.now(),
    start: task.appointmentStart,
    end: task.appointmentEnd,
    timeZone: site.timeZone,
    summary: `${task.serviceType} – ${org.name}`,
    location: address,
    description,
    url,
    status: closed ? 'CANCELLED' : 'CONFIRMED',
  };
  return { filename: `appointment-${taskLabel(task.number)}.ics`, content: renderCalendar(event) };
}
