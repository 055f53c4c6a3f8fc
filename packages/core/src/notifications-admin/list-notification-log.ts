// The notification log for staff: filters (task, type, channel, status, date range, recipient) and keyset
// paging newest first, on the (organization_id, created_at) index.
import type {
  NotificationLogInput,
  NotificationLogItem,
  NotificationLogOutput,
} from '@portico/validators/notifications';
import type { SQL } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { containsPattern, cursorGone, parseCursor, phoneDigits } from '../customers/list-helpers';
import { and, desc, eq, gte, ilike, lt, or, schema, sql } from '../internal/db';

const { notificationLog, tasks, contacts } = schema;

/** The columns of a log row a list shows (no rendered body, no provider ids). */
export const logItemColumns = {
  id: notificationLog.id,
  taskId: notificationLog.taskId,
  taskNumber: tasks.number,
  type: notificationLog.type,
  channel: notificationLog.channel,
  contactId: notificationLog.contactId,
  contactName: contacts.name,
  recipient: notificationLog.recipient,
  status: notificationLog.status,
  skipReason: notificationLog.skipReason,
  error: notificationLog.error,
  subject: notificationLog.subject,
  attempts: notificationLog.attempts,
  segments: notificationLog.segments,
  resendOfId: notificationLog.resendOfId,
  deadLetteredAt: notificationLog.deadLetteredAt,
  sentAt: notificationLog.sentAt,
  createdAt: notificationLog.createdAt,
  updatedAt: notificationLog.updatedAt,
};

/** Log rows joined to their task and contact, both of the same organization. */
export function selectLogItems(ctx: CoreContext) {
  return ctx.db
    .select(logItemColumns)
    .from(notificationLog)
    .leftJoin(
      tasks,
      and(eq(tasks.id, notificationLog.taskId), eq(tasks.organizationId, notificationLog.organizationId)),
    )
    .leftJoin(
      contacts,
      and(
        eq(contacts.id, notificationLog.contactId),
        eq(contacts.organizationId, notificationLog.organizationId),
      ),
    );
}

export async function listNotificationLog(
  ctx: CoreContext,
  input: NotificationLogInput,
): Promise<NotificationLogOutput> {
  const org = ctx.organizationId;
  const conditions: (SQL | undefined)[] = [eq(notificationLog.organizationId, org)];
  if (input.taskId) conditions.push(eq(notificationLog.taskId, input.taskId));
  if (input.type) conditions.push(eq(notificationLog.type, input.type));
  if (input.channel) conditions.push(eq(notificationLog.channel, input.channel));
  if (input.status) conditions.push(eq(notificationLog.status, input.status));
  if (input.from) conditions.push(gte(notificationLog.createdAt, input.from));
  if (input.to) conditions.push(lt(notificationLog.createdAt, input.to));
  if (input.recipient) {
    const pattern = containsPattern(input.recipient);
    const digits = phoneDigits(input.recipient);
    conditions.push(
      or(
        ilike(notificationLog.recipient, pattern),
        ilike(contacts.name, pattern),
        digits ? ilike(notificationLog.recipient, containsPattern(digits)) : undefined,
      ),
    );
  }
  const cursorId = parseCursor(input.cursor);
  if (cursorId) {
    const [after] = await ctx.db
      .select({ id: notificationLog.id })
      .from(notificationLog)
      .where(and(eq(notificationLog.id, cursorId), eq(notificationLog.organizationId, org)));
    if (!after) throw cursorGone();
    // The cursor row's created_at is read in SQL, so its microseconds survive (a JS Date keeps milliseconds).
    conditions.push(
      sql`(${notificationLog.createdAt}, ${notificationLog.id}) < (select l.created_at, l.id from ${notificationLog} l where l.id = ${cursorId}::uuid)`,
    );
  }
  const rows: NotificationLogItem[] = await selectLogItems(ctx)
    .where(and(...conditions))
    .orderBy(desc(notificationLog.createdAt), desc(notificationLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const nextCursor = rows.length > input.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor };
}
