// Creates a task: prebooked (a dispatcher picked date and window, capacity checked) or customer_selects
// (the customer will pick in the portal). Numbers come from the organization's counter in the same transaction.
import type { Task, TaskCreateInput } from '@portico/validators/tasks';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { eq, schema, sql } from '../internal/db';
import { notifyTaskCreated } from '../notifications/task-triggers';
import { reserveWindow } from '../scheduling/reserve-window';
import {
  readBookingPolicy,
  requireActiveTechnician,
  requireCustomerSite,
  requireOpenCustomer,
} from './task-references';
import { toTask } from './task-row';

export async function createTask(ctx: CoreContext, input: TaskCreateInput): Promise<Task> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    await requireOpenCustomer(txCtx, input.customerId);
    const site = await requireCustomerSite(txCtx, input.siteId, input.customerId);
    if (input.technicianId) await requireActiveTechnician(txCtx, input.technicianId);
    const { confirmationFlow } = await readBookingPolicy(txCtx);

    const appointment = input.schedulingMode === 'prebooked' ? input.appointment : undefined;
    // the capacity lock before the organization's counter row, so two creates never wait on each other in a cycle
    const reservation = appointment
      ? await reserveWindow(txCtx, {
          windowId: appointment.windowId,
          date: appointment.date,
          timeZone: site.timeZone,
        })
      : null;

    const { organizations, tasks } = schema;
    const [counter] = await tx
      .update(organizations)
      .set({ nextTaskNumber: sql`${organizations.nextTaskNumber} + 1` })
      .where(eq(organizations.id, ctx.organizationId))
      .returning({ next: organizations.nextTaskNumber });
    if (!counter) throw new Error('organization vanished while creating a task');

    const now = ctx.clock.now();
    const [row] = await tx
      .insert(tasks)
      .values({
        organizationId: ctx.organizationId,
        number: counter.next - 1,
        customerId: input.customerId,
        siteId: site.id,
        serviceType: input.serviceType,
        description: input.description ?? null,
        status: reservation ? 'scheduled' : 'unscheduled',
        schedulingMode: input.schedulingMode,
        appointmentDate: reservation?.date ?? null,
        windowId: reservation?.window.id ?? null,
        appointmentStart: reservation?.start ?? null,
        appointmentEnd: reservation?.end ?? null,
        appointmentVersion: reservation ? 1 : 0,
        technicianId: input.technicianId ?? null,
        confirmationState: reservation && confirmationFlow ? 'pending' : 'not_required',
        statusChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('task not created');
    await recordAudit(txCtx, {
      entityType: 'task',
      entityId: row.id,
      action: 'create',
      after: row,
      fields: [
        'number',
        'customerId',
        'siteId',
        'serviceType',
        'description',
        'status',
        'schedulingMode',
        'appointmentDate',
        'windowId',
        'appointmentStart',
        'appointmentEnd',
        'appointmentVersion',
        'technicianId',
        'confirmationState',
      ],
    });
    await notifyTaskCreated(txCtx, row);
    return toTask(row);
  });
}
