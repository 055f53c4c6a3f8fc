// The dispatcher's task list: filters, two sort orders and keyset paging, one query per page that stays on
// the indexes of packages/db/src/schema/tasks.ts at 100k tasks per organization.
//
// Sort 'appointment' orders by (appointment date, number) with unbooked tasks last. Instead of NULLS LAST,
// which no single index range can page through, it sorts on coalesce(appointment_date, 'infinity'), the
// expression the tasks_org_*_appt_idx indexes hold; date filters are written on the same expression so they
// are index ranges too. Sort 'created' orders by (created_at, number) descending.
import {
  taskListInputSchema,
  type TaskListInput,
  type TaskListItem,
  type TaskListOutput,
} from '@portico/validators/tasks';
import type { SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { and, asc, desc, eq, ilike, inArray, or, schema, sql } from '../internal/db';

const { tasks, customers, sites, technicians, appointmentWindows } = schema;

/** The sort key of the appointment order; must stay identical to the index expression in the schema. */
export const appointmentSortKey = sql<string>`coalesce(${tasks.appointmentDate}, 'infinity'::date)`;

const cursorSchema = z.object({
  s: z.enum(['appointment', 'created']),
  /** appointment: the date or 'infinity'; created: created_at as PostgreSQL text (microseconds kept) */
  k: z.string().max(64),
  n: z.number().int(),
});
type Cursor = z.infer<typeof cursorSchema>;

const badCursor = () =>
  new AppError(
    'BAD_REQUEST',
    'This page link is not valid any more. Load the list again from the first page.',
    {
      field: 'cursor',
    },
  );

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string, sort: TaskListInput['sort']): Cursor {
  let parsed: Cursor;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw badCursor();
  }
  const validKey =
    parsed.s === 'appointment'
      ? parsed.k === 'infinity' || /^\d{4}-\d{2}-\d{2}$/.test(parsed.k)
      : /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(parsed.k);
  if (parsed.s !== sort || !validKey) throw badCursor();
  return parsed;
}

/** `%term%` for ILIKE, with the term's own %, _ and \ matched literally. */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, '\\$&')}%`;
}

/** 'T-1042', 't1042' or '1042' → 1042. */
function taskNumberOf(term: string): number | null {
  const match = /^t?-?\s*(\d{1,15})$/i.exec(term);
  return match ? Number(match[1]) : null;
}

function filtersOf(ctx: CoreContext, input: TaskListInput): Array<SQL | undefined> {
  const org = ctx.organizationId;
  const filters: Array<SQL | undefined> = [eq(tasks.organizationId, org)];
  if (input.status && input.status.length > 0) filters.push(inArray(tasks.status, input.status));
  if (input.technicianId) filters.push(eq(tasks.technicianId, input.technicianId));
  if (input.customerId) filters.push(eq(tasks.customerId, input.customerId));
  if (input.dateFrom) filters.push(sql`${appointmentSortKey} >= ${input.dateFrom}::date`);
  if (input.dateTo) filters.push(sql`${appointmentSortKey} <= ${input.dateTo}::date`);
  // "has an appointment" as a range of the sort key: unbooked tasks sit at 'infinity'
  if (input.unscheduled === true) filters.push(sql`${appointmentSortKey} = 'infinity'::date`);
  if (input.unscheduled === false || (input.dateFrom && !input.dateTo)) {
    filters.push(sql`${appointmentSortKey} < 'infinity'::date`);
  }
  const term = input.search?.trim();
  if (term) {
    const number = taskNumberOf(term);
    if (number !== null) {
      // a task number is exact: '104' must not list T-1040…T-1049
      filters.push(eq(tasks.number, number));
    } else {
      const pattern = containsPattern(term);
      const named = alias(customers, 'named_customers');
      filters.push(
        or(
          ilike(tasks.serviceType, pattern),
          // computed once per page (a hashed subplan), not per task
          inArray(
            tasks.customerId,
            ctx.db
              .select({ id: named.id })
              .from(named)
              .where(and(eq(named.organizationId, org), ilike(named.name, pattern))),
          ),
        ),
      );
    }
  }
  return filters;
}

/**
 * The exact query of one page (limit + 1 rows, the extra one tells whether another page follows), for
 * listTasks and for benchmarks that must run the same SQL.
 */
export function buildListTasksQuery(ctx: CoreContext, rawInput: z.input<typeof taskListInputSchema> = {}) {
  const input = taskListInputSchema.parse(rawInput);
  const org = ctx.organizationId;
  const filters = filtersOf(ctx, input);
  const cursor = input.cursor ? decodeCursor(input.cursor, input.sort) : null;
  if (cursor) {
    filters.push(
      input.sort === 'created'
        ? sql`(${tasks.createdAt}, ${tasks.number}) < (${cursor.k}::timestamptz, ${cursor.n})`
        : sql`(${appointmentSortKey}, ${tasks.number}) > (${cursor.k}::date, ${cursor.n})`,
    );
  }
  const orderBy =
    input.sort === 'created'
      ? [desc(tasks.createdAt), desc(tasks.number)]
      : [asc(appointmentSortKey), asc(tasks.number)];
  return ctx.db
    .select({
      id: tasks.id,
      number: tasks.number,
      status: tasks.status,
      serviceType: tasks.serviceType,
      schedulingMode: tasks.schedulingMode,
      customerId: tasks.customerId,
      customerName: customers.name,
      siteId: tasks.siteId,
      siteAddressLine1: sites.addressLine1,
      siteCity: sites.city,
      siteTimeZone: sites.timeZone,
      technicianId: tasks.technicianId,
      technicianName: technicians.name,
      windowId: tasks.windowId,
      windowName: appointmentWindows.name,
      appointmentDate: tasks.appointmentDate,
      appointmentStart: tasks.appointmentStart,
      appointmentEnd: tasks.appointmentEnd,
      confirmationState: tasks.confirmationState,
      version: tasks.version,
      createdAt: tasks.createdAt,
      createdAtKey: sql<string>`${tasks.createdAt}::text`,
    })
    .from(tasks)
    .innerJoin(customers, and(eq(customers.id, tasks.customerId), eq(customers.organizationId, org)))
    .innerJoin(sites, and(eq(sites.id, tasks.siteId), eq(sites.organizationId, org)))
    .leftJoin(technicians, and(eq(technicians.id, tasks.technicianId), eq(technicians.organizationId, org)))
    .leftJoin(
      appointmentWindows,
      and(eq(appointmentWindows.id, tasks.windowId), eq(appointmentWindows.organizationId, org)),
    )
    .where(and(...filters))
    .orderBy(...orderBy)
    .limit(input.limit + 1);
}

export async function listTasks(
  ctx: CoreContext,
  rawInput: z.input<typeof taskListInputSchema> = {},
): Promise<TaskListOutput> {
  const input = taskListInputSchema.parse(rawInput);
  const rows = await buildListTasksQuery(ctx, input);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > input.limit && last
      ? encodeCursor({
          s: input.sort,
          k: input.sort === 'created' ? last.createdAtKey : (last.appointmentDate ?? 'infinity'),
          n: last.number,
        })
      : null;
  const items = page.map(({ createdAtKey: _key, ...item }): TaskListItem => item);
  return { items, nextCursor };
}
