// The task list's filters as URL search params (so a filtered list survives reloads and can be linked), and
// their translation into tasks.list input.
import type { PorticoTRPC } from '@portico/api-client';
import type { TaskStatus } from '@portico/validators/common';
import type { TaskListInput } from '@portico/validators/tasks';

export const taskStatusOptions: ReadonlyArray<{ value: TaskStatus; label: string }> = [
  { value: 'unscheduled', label: 'Unscheduled' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'en_route', label: 'En route' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'failed', label: 'Failed' },
];

export const statusLabels = Object.fromEntries(taskStatusOptions.map((o) => [o.value, o.label])) as Record<
  TaskStatus,
  string
>;

export type TaskListSort = 'appointment' | 'created';

/** What the URL holds: short names, every one optional; absent means "no filter". */
export type TaskListSearch = {
  /** Comma-separated statuses, e.g. "scheduled,confirmed". */
  statuses?: string;
  from?: string;
  to?: string;
  tech?: string;
  customer?: string;
  /** "yes": only tasks without an appointment; "no": only booked ones. */
  unscheduled?: 'yes' | 'no';
  q?: string;
  sort?: TaskListSort;
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const statusValues = new Set<string>(taskStatusOptions.map((o) => o.value));

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Keeps what is well formed and drops the rest, so a hand-edited URL never breaks the screen. */
export function parseTaskListSearch(raw: Record<string, unknown>): TaskListSearch {
  const search: TaskListSearch = {};
  const statuses = text(raw.statuses)
    ?.split(',')
    .filter((s) => statusValues.has(s));
  if (statuses && statuses.length > 0) search.statuses = statuses.join(',');
  const from = text(raw.from);
  if (from && isoDate.test(from)) search.from = from;
  const to = text(raw.to);
  if (to && isoDate.test(to)) search.to = to;
  const tech = text(raw.tech);
  if (tech && uuid.test(tech)) search.tech = tech;
  const customer = text(raw.customer);
  if (customer && uuid.test(customer)) search.customer = customer;
  if (raw.unscheduled === 'yes' || raw.unscheduled === 'no') search.unscheduled = raw.unscheduled;
  const q = text(raw.q);
  if (q) search.q = q.slice(0, 200);
  if (raw.sort === 'created') search.sort = 'created';
  return search;
}

export function statusesOf(search: TaskListSearch): TaskStatus[] {
  return (search.statuses?.split(',') ?? []) as TaskStatus[];
}

/** The list's page size: enough rows to fill a tall screen twice, small enough to answer fast. */
export const TASK_PAGE_SIZE = 100;

export function listInputOf(search: TaskListSearch): Omit<TaskListInput, 'cursor'> {
  const statuses = statusesOf(search);
  // an end date before the start date would be refused; the screen says so instead of asking
  const hasValidRange = !(search.from && search.to && search.to < search.from);
  return {
    ...(statuses.length > 0 ? { status: statuses } : {}),
    ...(search.from && hasValidRange ? { dateFrom: search.from } : {}),
    ...(search.to && hasValidRange ? { dateTo: search.to } : {}),
    ...(search.tech ? { technicianId: search.tech } : {}),
    ...(search.customer ? { customerId: search.customer } : {}),
    ...(search.unscheduled ? { unscheduled: search.unscheduled === 'yes' } : {}),
    ...(search.q ? { search: search.q } : {}),
    sort: search.sort ?? 'appointment',
    limit: TASK_PAGE_SIZE,
  };
}

export function hasAnyFilter(search: TaskListSearch): boolean {
  return Boolean(
    search.statuses ||
    search.from ||
    search.to ||
    search.tech ||
    search.customer ||
    search.unscheduled ||
    search.q,
  );
}

/** The list's query, shared by the route's prefetch and the screen so both use the same cache entry. */
export function taskListQueryOptions(trpc: PorticoTRPC, search: TaskListSearch) {
  return trpc.tasks.list.infiniteQueryOptions(listInputOf(search), {
    getNextPageParam: (page) => page.nextCursor,
  });
}
