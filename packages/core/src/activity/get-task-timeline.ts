// One task's timeline for dispatchers: every audited change (task writes, portal invites naming the task,
// re-sends of its notifications) merged with every notification attempt, newest first, with who did it.
import type {
  TaskTimelineChangeEntry,
  TaskTimelineEntry,
  TaskTimelineInput,
  TaskTimelineNotificationEntry,
  TimelineActor,
  TimelineChange,
} from '@portico/validators/activity';
import type { TaskStatus } from '@portico/validators';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import { and, desc, eq, inArray, or, schema, sql } from '../internal/db';
import { selectLogItems } from '../notifications-admin/list-notification-log';
import { toHourMinute } from '../scheduling/window-occurrences';

type AuditRow = typeof schema.auditEvents.$inferSelect;
type Changes = AuditRow['changes'];

export async function getTaskTimeline(
  ctx: CoreContext,
  input: TaskTimelineInput,
): Promise<TaskTimelineEntry[]> {
  const { tasks, auditEvents: ae, notificationLog, portalUsers } = schema;
  const org = ctx.organizationId;
  const [task] = await ctx.db
    .select({ id: tasks.id, customerId: tasks.customerId })
    .from(tasks)
    .where(and(eq(tasks.id, input.taskId), eq(tasks.organizationId, org)));
  if (!task) throw notFound('Task');

  const notifications = await selectLogItems(ctx)
    .where(and(eq(notificationLog.organizationId, org), eq(notificationLog.taskId, task.id)))
    .orderBy(desc(notificationLog.createdAt), desc(notificationLog.id));

  // Invites are audited on the portal user (with the task they link to), re-sends on the log entry; both
  // belong to this task's story. Restricting to the customer's portal users keeps the (entity) index in use.
  const customerPortalUserIds = ctx.db
    .select({ id: sql<string>`${portalUsers.id}::text` })
    .from(portalUsers)
    .where(and(eq(portalUsers.organizationId, org), eq(portalUsers.customerId, task.customerId)));
  const logIds = notifications.map((n) => n.id);
  const audits = await ctx.db
    .select()
    .from(ae)
    .where(
      and(
        eq(ae.organizationId, org),
        or(
          and(eq(ae.entityType, 'task'), eq(ae.entityId, task.id)),
          and(
            eq(ae.entityType, 'portal_user'),
            eq(ae.action, 'invite'),
            inArray(ae.entityId, customerPortalUserIds),
            sql`${ae.changes} -> 'taskId' ->> 'to' = ${task.id}`,
          ),
          logIds.length > 0
            ? and(
                eq(ae.entityType, 'notification_log'),
                eq(ae.action, 'resend'),
                inArray(ae.entityId, logIds),
              )
            : undefined,
        ),
      ),
    )
    .orderBy(desc(ae.createdAt), desc(ae.id));

  const names = await readNames(ctx, audits);
  const changes = audits.map((row) => toChangeEntry(row, names, notifications));
  const sent = notifications.map((n): TaskTimelineNotificationEntry => ({
    kind: 'notification',
    id: `notification:${n.id}`,
    at: n.createdAt,
    logId: n.id,
    type: n.type,
    channel: n.channel,
    status: n.status,
    recipient: n.recipient,
    contactName: n.contactName,
    skipReason: n.skipReason,
    error: n.error,
    attempts: n.attempts,
    resendOfId: n.resendOfId,
    sentAt: n.sentAt,
  }));
  return mergeNewestFirst(changes, sent);
}

/** Both lists come newest first; at the same instant a notification is shown above the change that caused it. */
export function mergeNewestFirst(
  changes: TaskTimelineChangeEntry[],
  notifications: TaskTimelineNotificationEntry[],
): TaskTimelineEntry[] {
  const merged: TaskTimelineEntry[] = [];
  let c = 0;
  let n = 0;
  while (c < changes.length || n < notifications.length) {
    const change = changes[c];
    const note = notifications[n];
    if (note && (!change || note.at.getTime() >= change.at.getTime())) {
      merged.push(note);
      n += 1;
    } else if (change) {
      merged.push(change);
      c += 1;
    }
  }
  return merged;
}

type Names = {
  staff: Map<string, string>;
  portal: Map<string, string>;
  technicians: Map<string, string>;
  windows: Map<string, string>;
};

/** Names of the people, technicians and windows the audit rows mention, all of this organization. */
async function readNames(ctx: CoreContext, audits: AuditRow[]): Promise<Names> {
  const { staffUsers, portalUsers, contacts, technicians, appointmentWindows: w } = schema;
  const org = ctx.organizationId;
  const staffIds = new Set<string>();
  const portalIds = new Set<string>();
  const technicianIds = new Set<string>();
  const windowIds = new Set<string>();
  for (const row of audits) {
    if (row.actorId && row.actorType === 'staff') staffIds.add(row.actorId);
    if (row.actorId && row.actorType === 'portal') portalIds.add(row.actorId);
    if (row.entityType === 'portal_user') portalIds.add(row.entityId);
    collectIds(row.changes.technicianId, technicianIds);
    collectIds(row.changes.windowId, windowIds);
  }
  const [staff, portal, techs, windows] = await Promise.all([
    staffIds.size === 0
      ? []
      : ctx.db
          .select({ id: staffUsers.id, name: staffUsers.name })
          .from(staffUsers)
          .where(and(eq(staffUsers.organizationId, org), inArray(staffUsers.id, [...staffIds]))),
    portalIds.size === 0
      ? []
      : ctx.db
          .select({ id: portalUsers.id, name: contacts.name })
          .from(portalUsers)
          .innerJoin(contacts, and(eq(contacts.id, portalUsers.contactId), eq(contacts.organizationId, org)))
          .where(and(eq(portalUsers.organizationId, org), inArray(portalUsers.id, [...portalIds]))),
    technicianIds.size === 0
      ? []
      : ctx.db
          .select({ id: technicians.id, name: technicians.name })
          .from(technicians)
          .where(and(eq(technicians.organizationId, org), inArray(technicians.id, [...technicianIds]))),
    windowIds.size === 0
      ? []
      : ctx.db
          .select({ id: w.id, name: w.name, startTime: w.startTime, endTime: w.endTime })
          .from(w)
          .where(and(eq(w.organizationId, org), inArray(w.id, [...windowIds]))),
  ]);
  return {
    staff: new Map(staff.map((s) => [s.id, s.name])),
    portal: new Map(portal.map((p) => [p.id, p.name])),
    technicians: new Map(techs.map((t) => [t.id, t.name])),
    windows: new Map(
      windows.map((x) => [x.id, `${x.name} ${toHourMinute(x.startTime)}–${toHourMinute(x.endTime)}`]),
    ),
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function collectIds(change: Changes[string] | undefined, into: Set<string>): void {
  if (!change) return;
  for (const value of [change.from, change.to]) {
    if (typeof value === 'string' && uuidPattern.test(value)) into.add(value);
  }
}

function toActor(row: AuditRow, names: Names): TimelineActor {
  if (row.actorType === 'staff') {
    return {
      type: 'staff',
      id: row.actorId,
      name: (row.actorId && names.staff.get(row.actorId)) ?? 'A staff user',
    };
  }
  if (row.actorType === 'portal') {
    return {
      type: 'portal',
      id: row.actorId,
      name: (row.actorId && names.portal.get(row.actorId)) ?? 'The customer',
    };
  }
  return { type: 'system', id: null, name: 'Portico' };
}

const statusWords: Record<TaskStatus, string> = {
  unscheduled: 'Unscheduled',
  scheduled: 'Scheduled',
  confirmed: 'Confirmed',
  en_route: 'En route',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

const confirmationWords: Record<string, string> = {
  not_required: 'Not required',
  pending: 'Waiting for the customer',
  confirmed: 'Confirmed by the customer',
};

const actionSummaries: Record<string, string> = {
  create: 'Task created',
  update: 'Details edited',
  book: 'Appointment booked',
  reschedule: 'Appointment rescheduled',
  confirm: 'Appointment confirmed',
  assign: 'Technician assigned',
  unassign: 'Technician removed',
  en_route: 'Marked en route',
  start: 'Work started',
  complete: 'Marked completed',
  cancel: 'Cancelled',
  fail: 'Marked failed',
};

const notificationWords: Record<string, string> = {
  booking_invite: 'booking invite',
  booking_confirmation: 'booking confirmation',
  reminder_24h: '24-hour reminder',
  technician_en_route: 'technician en route',
  task_completed: 'task completed',
};

function toChangeEntry(
  row: AuditRow,
  names: Names,
  notifications: { id: string; type: string; channel: string }[],
): TaskTimelineChangeEntry {
  const base = { kind: 'change' as const, id: `audit:${row.id}`, at: row.createdAt, action: row.action };
  const actor = toActor(row, names);
  if (row.entityType === 'portal_user') {
    const who = names.portal.get(row.entityId) ?? 'a portal user';
    return { ...base, actor, summary: `Portal invite sent to ${who}`, changes: [] };
  }
  if (row.entityType === 'notification_log') {
    const entry = notifications.find((n) => n.id === row.entityId);
    const what = entry
      ? `${notificationWords[entry.type] ?? entry.type} by ${entry.channel}`
      : 'notification';
    return { ...base, actor, summary: `Re-sent the ${what}`, changes: [] };
  }
  const changes = describeTaskChanges(row.action, row.changes, names);
  const answer = changes.find((c) => c.field === 'answer');
  const summary =
    row.action === 'answer' && answer
      ? `Answered “${answer.label}”`
      : (actionSummaries[row.action] ?? row.action);
  return { ...base, actor, summary, changes };
}

/** The audit row's raw column changes as a dispatcher reads them: status, appointment, technician, … */
export function describeTaskChanges(
  action: string,
  changes: Changes,
  names: Pick<Names, 'technicians' | 'windows'>,
): TimelineChange[] {
  const out: TimelineChange[] = [];
  const isCreate = action === 'create';
  const push = (change: TimelineChange) => {
    if (isCreate && change.to === null) return;
    if (change.from === change.to) return;
    out.push(isCreate ? { ...change, from: null } : change);
  };
  const status = changes.status;
  if (status) {
    push({ field: 'status', label: 'Status', from: statusText(status.from), to: statusText(status.to) });
  }
  const reason = changes.statusReason;
  if (reason && typeof reason.to === 'string') {
    push({ field: 'reason', label: 'Reason', from: null, to: reason.to });
  }
  if (changes.appointmentDate || changes.windowId) {
    const date = changes.appointmentDate;
    const window = changes.windowId;
    push({
      field: 'appointment',
      label: 'Appointment',
      from: appointmentText(date ? date.from : null, window ? window.from : null, names),
      to: appointmentText(date ? date.to : null, window ? window.to : null, names),
    });
  }
  const technician = changes.technicianId;
  if (technician) {
    push({
      field: 'technician',
      label: 'Technician',
      from: nameOf(technician.from, names.technicians, 'a removed technician'),
      to: nameOf(technician.to, names.technicians, 'a removed technician'),
    });
  }
  const confirmation = changes.confirmationState;
  if (confirmation) {
    push({
      field: 'confirmation',
      label: 'Confirmation',
      from: wordOf(confirmation.from, confirmationWords),
      to: wordOf(confirmation.to, confirmationWords),
    });
  }
  for (const field of ['serviceType', 'description'] as const) {
    const change = changes[field];
    if (!change) continue;
    push({
      field,
      label: field === 'serviceType' ? 'Service type' : 'Description',
      from: typeof change.from === 'string' ? change.from : null,
      to: typeof change.to === 'string' ? change.to : null,
    });
  }
  for (const [key, change] of Object.entries(changes)) {
    if (!key.startsWith('answer:')) continue;
    push({
      field: 'answer',
      label: key.slice('answer:'.length),
      from: answerText(change.from),
      to: answerText(change.to),
    });
  }
  return out;
}

function statusText(value: unknown): string | null {
  return typeof value === 'string' ? (statusWords[value as TaskStatus] ?? value) : null;
}

function wordOf(value: unknown, words: Record<string, string>): string | null {
  return typeof value === 'string' ? (words[value] ?? value) : null;
}

function nameOf(value: unknown, map: Map<string, string>, missing: string): string | null {
  return typeof value === 'string' ? (map.get(value) ?? missing) : null;
}

function appointmentText(date: unknown, windowId: unknown, names: Pick<Names, 'windows'>): string | null {
  const window = typeof windowId === 'string' ? names.windows.get(windowId) : undefined;
  // a change of window on the same day carries no date (only changed columns are audited)
  if (typeof date !== 'string') return window ?? null;
  return window ? `${date} · ${window}` : date;
}

function answerText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
