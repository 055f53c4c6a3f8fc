// Reads one appointment as its page shows it: the summary plus service details (unless hidden), the status
// timeline, what the customer may do now (book or change, cancel, confirm) and the organization's questions.
import type { TaskStatus } from '@portico/validators';
import type { PortalAppointment } from '@portico/validators/portal';
import type { CoreContext } from '../context';
import { readTaskFields } from '../custom-fields/read-task-fields';
import { and, asc, eq, schema, sql } from '../internal/db';
import { findOrganization } from '../organization/organization-row';
import {
  checkConfirmation,
  describeBooking,
  describeCancel,
  readAppointmentRows,
  toAppointmentSummary,
  toPortalField,
} from './appointment-view';
import { buildTimeline } from './build-timeline';
import { appointmentNotFound } from './portal-scope';

export async function getPortalAppointment(
  ctx: CoreContext,
  input: { taskId: string },
): Promise<PortalAppointment> {
  const { tasks } = schema;
  const [row] = await readAppointmentRows(ctx, { where: eq(tasks.id, input.taskId) });
  if (!row) throw appointmentNotFound();
  const { task } = row;
  const [org, fields, reachedAt] = await Promise.all([
    findOrganization(ctx),
    readTaskFields(ctx, task.id),
    readStatusHistory(ctx, task.id),
  ]);
  const confirmation = checkConfirmation(
    task,
    org,
    fields.map((field) => ({ field, answer: field.answer })),
  );
  return {
    ...toAppointmentSummary(row, org),
    version: task.version,
    appointmentVersion: task.appointmentVersion,
    description: org.hideServiceDetails ? null : task.description,
    serviceDetailsHidden: org.hideServiceDetails,
    statusReason: task.statusReason,
    timeline: buildTimeline({
      status: task.status,
      confirmationFlow: org.confirmationFlow,
      confirmationState: task.confirmationState,
      confirmedAt: task.confirmedAt,
      hasAppointment: task.appointmentDate !== null,
      statusChangedAt: task.statusChangedAt,
      reachedAt,
    }),
    booking: describeBooking(task, org, ctx.clock.now()),
    cancel: describeCancel(task, org),
    confirmation: {
      enabled: org.confirmationFlow,
      state: task.confirmationState,
      confirmedAt: task.confirmedAt,
      canConfirm: confirmation.canConfirm,
      blockedReason: confirmation.shownReason,
    },
    fields: fields.map(toPortalField),
    officePhone: org.officePhone,
  };
}

/** When the task last moved into each status, read from its audit entries that changed the status. */
async function readStatusHistory(ctx: CoreContext, taskId: string): Promise<Map<TaskStatus, Date>> {
  const { auditEvents: e } = schema;
  const statusTo = sql<TaskStatus>`${e.changes} -> 'status' ->> 'to'`;
  const rows = await ctx.db
    .select({ status: statusTo, at: e.createdAt })
    .from(e)
    .where(
      and(
        eq(e.entityType, 'task'),
        eq(e.entityId, taskId),
        eq(e.organizationId, ctx.organizationId),
        sql`${e.changes} -> 'status' is not null`,
      ),
    )
    .orderBy(asc(e.id));
  const reached = new Map<TaskStatus, Date>();
  for (const row of rows) if (row.status) reached.set(row.status, row.at);
  return reached;
}
