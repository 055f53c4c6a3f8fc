// Finds the open tasks (not completed, cancelled or failed) of a site or customer, for archive refusals.
import type { CoreContext } from '../context';
import { and, eq, inArray, schema, sql } from '../internal/db';

export const OPEN_TASK_STATUSES = [
  'unscheduled',
  'scheduled',
  'confirmed',
  'en_route',
  'in_progress',
] as const;

export type OpenTasks = { count: number; numbers: number[]; booked: number };

const SHOWN = 5;

export async function findOpenTasks(
  ctx: CoreContext,
  owner: { siteId: string } | { customerId: string },
): Promise<OpenTasks> {
  const { tasks } = schema;
  const rows = await ctx.db
    .select({
      number: tasks.number,
      total: sql<number>`(count(*) over ())::int`,
      booked: sql<number>`(count(${tasks.appointmentDate}) over ())::int`,
    })
    .from(tasks)
    .where(
      and(
        eq(tasks.organizationId, ctx.organizationId),
        'siteId' in owner ? eq(tasks.siteId, owner.siteId) : eq(tasks.customerId, owner.customerId),
        inArray(tasks.status, [...OPEN_TASK_STATUSES]),
      ),
    )
    .orderBy(tasks.number)
    .limit(SHOWN);
  return { count: rows[0]?.total ?? 0, booked: rows[0]?.booked ?? 0, numbers: rows.map((r) => r.number) };
}

/** "2 open tasks (T-1001, T-1002)" or "7 open tasks (T-1001, …, T-1005 and 2 more)". */
export function describeOpenTasks(open: OpenTasks): string {
  const list = open.numbers.map((n) => `T-${n}`).join(', ');
  const more = open.count > open.numbers.length ? ` and ${open.count - open.numbers.length} more` : '';
  return `${open.count} open ${open.count === 1 ? 'task' : 'tasks'} (${list}${more})`;
}
