// Reads one task with everything a dispatcher's task page shows: customer, site, technician, window,
// the customer's answers to the custom fields, and the actions the status machine allows.
import type { TaskDetail, TaskFieldAnswer } from '@portico/validators/tasks';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, asc, eq, isNull, ne, or, schema, sql } from '../internal/db';
import { toHourMinute } from '../scheduling/window-occurrences';
import { allowedActions } from './status-machine';
import { taskFacts, toTask } from './task-row';

export async function getTask(ctx: CoreContext, input: { id: string }): Promise<TaskDetail> {
  const { tasks, customers, sites, technicians, appointmentWindows: w } = schema;
  const org = ctx.organizationId;
  const [row] = await ctx.db
    .select({
      task: tasks,
      customer: { id: customers.id, name: customers.name },
      site: {
        id: sites.id,
        name: sites.name,
        addressLine1: sites.addressLine1,
        addressLine2: sites.addressLine2,
        city: sites.city,
        region: sites.region,
        postalCode: sites.postalCode,
        country: sites.country,
        timeZone: sites.timeZone,
      },
      technicianName: technicians.name,
      window: { name: w.name, startTime: w.startTime, endTime: w.endTime },
    })
    .from(tasks)
    .innerJoin(customers, and(eq(customers.id, tasks.customerId), eq(customers.organizationId, org)))
    .innerJoin(sites, and(eq(sites.id, tasks.siteId), eq(sites.organizationId, org)))
    .leftJoin(technicians, and(eq(technicians.id, tasks.technicianId), eq(technicians.organizationId, org)))
    .leftJoin(w, and(eq(w.id, tasks.windowId), eq(w.organizationId, org)))
    .where(and(eq(tasks.id, input.id), eq(tasks.organizationId, org)));
  if (!row) throw notFound('Task');
  const { task } = row;

  const { customFieldDefinitions: f, taskFieldAnswers: a } = schema;
  // current questions, plus retired ones this task already answered (the answer is still part of the job)
  const answers = await ctx.db
    .select({
      fieldId: f.id,
      label: f.label,
      kind: f.kind,
      required: f.required,
      // read as text: drizzle's jsonb mapping parses a stored string twice, turning the answer "1234" into 1234
      valueJson: sql<string | null>`${a.value}::text`,
      answeredAt: a.updatedAt,
    })
    .from(f)
    .leftJoin(a, and(eq(a.fieldId, f.id), eq(a.taskId, task.id), eq(a.organizationId, org)))
    .where(
      and(
        eq(f.organizationId, org),
        ne(f.kind, 'static'),
        or(isNull(f.retiredAt), sql`${a.taskId} is not null`),
      ),
    )
    .orderBy(asc(f.sortOrder), asc(f.createdAt), asc(f.id));

  return {
    ...toTask(task),
    customer: row.customer,
    site: row.site,
    technician:
      task.technicianId && row.technicianName ? { id: task.technicianId, name: row.technicianName } : null,
    window:
      task.windowId && row.window
        ? {
            id: task.windowId,
            name: row.window.name,
            startTime: toHourMinute(row.window.startTime),
            endTime: toHourMinute(row.window.endTime),
          }
        : null,
    answers: answers.map((x): TaskFieldAnswer => ({
      fieldId: x.fieldId,
      label: x.label,
      kind: x.kind as TaskFieldAnswer['kind'],
      required: x.required,
      value: answerValue(x.valueJson),
      answeredAt: x.answeredAt,
    })),
    allowedActions: allowedActions(task.status, taskFacts(task)),
  };
}

function answerValue(json: string | null): string | boolean | null {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  return typeof value === 'string' || typeof value === 'boolean' ? value : null;
}
