// Lists the organization's audit trail for the admin's audit view, newest first: who changed what, when, from
// what to what, with the people and settings named as the admin knows them.
import type { AuditEvent, AuditListInput, AuditListOutput } from '@portico/validators/audit';
import type { CoreContext } from '../context';
import { and, desc, eq, inArray, lt, schema } from '../internal/db';

/** The entity types that are settings (the view's "settings only" filter). */
export const settingsEntityTypes = [
  'organization',
  'notification_setting',
  'notification_template',
  'custom_field',
  'staff_user',
];

const notificationTypeLabels: Record<string, string> = {
  booking_invite: 'Booking invite',
  booking_confirmation: 'Booking confirmation',
  reminder_24h: '24-hour reminder',
  technician_en_route: 'Technician en route',
  task_completed: 'Task completed',
};
const channelLabels: Record<string, string> = { sms: 'SMS', email: 'email' };

const defaultLimit = 50;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listAuditEvents(ctx: CoreContext, input: AuditListInput): Promise<AuditListOutput> {
  const { auditEvents: e, staffUsers: s, portalUsers: p, contacts: c } = schema;
  const org = ctx.organizationId;
  const limit = input?.limit ?? defaultLimit;
  const rows = await ctx.db
    .select({
      id: e.id,
      createdAt: e.createdAt,
      actorType: e.actorType,
      actorId: e.actorId,
      staffName: s.name,
      portalName: c.name,
      entityType: e.entityType,
      entityId: e.entityId,
      action: e.action,
      changes: e.changes,
    })
    .from(e)
    .leftJoin(s, and(eq(e.actorType, 'staff'), eq(s.id, e.actorId), eq(s.organizationId, org)))
    .leftJoin(p, and(eq(e.actorType, 'portal'), eq(p.id, e.actorId), eq(p.organizationId, org)))
    .leftJoin(c, and(eq(c.id, p.contactId), eq(c.organizationId, org)))
    .where(
      and(
        eq(e.organizationId, org),
        input?.entityType ? eq(e.entityType, input.entityType) : undefined,
        input?.settingsOnly ? inArray(e.entityType, settingsEntityTypes) : undefined,
        input?.cursor ? lt(e.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(e.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const labels = await readEntityLabels(ctx, page);
  const items = page.map((row): AuditEvent => ({
    id: row.id,
    createdAt: row.createdAt,
    actorType: row.actorType,
    actorId: row.actorId,
    actorName: row.actorType === 'staff' ? row.staffName : row.actorType === 'portal' ? row.portalName : null,
    entityType: row.entityType,
    entityId: row.entityId,
    entityLabel: labels.get(`${row.entityType}:${row.entityId}`) ?? describeNotificationEntity(row),
    action: row.action,
    changes: row.changes,
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? last.id : null };
}

/** "24-hour reminder (SMS)" for a template, "24-hour reminder" for a type's setting; null for anything else. */
export function describeNotificationEntity(event: { entityType: string; entityId: string }): string | null {
  if (event.entityType === 'notification_setting') return notificationTypeLabels[event.entityId] ?? null;
  if (event.entityType === 'notification_template') {
    const [type = '', channel = ''] = event.entityId.split(':');
    const typeLabel = notificationTypeLabels[type];
    const channelLabel = channelLabels[channel];
    return typeLabel && channelLabel ? `${typeLabel} (${channelLabel})` : null;
  }
  return null;
}

/** Names of the page's custom fields, staff users and the organization, keyed `${entityType}:${entityId}`. */
async function readEntityLabels(
  ctx: CoreContext,
  events: ReadonlyArray<{ entityType: string; entityId: string }>,
): Promise<Map<string, string>> {
  const { customFieldDefinitions: f, staffUsers: s, organizations: o } = schema;
  const org = ctx.organizationId;
  const idsOf = (type: string) => [
    ...new Set(
      events.filter((x) => x.entityType === type && uuidPattern.test(x.entityId)).map((x) => x.entityId),
    ),
  ];
  const fieldIds = idsOf('custom_field');
  const staffIds = idsOf('staff_user');
  const needsOrg = events.some((x) => x.entityType === 'organization' && x.entityId === org);
  const [fields, staff, orgs] = await Promise.all([
    fieldIds.length
      ? ctx.db
          .select({ id: f.id, label: f.label })
          .from(f)
          .where(and(eq(f.organizationId, org), inArray(f.id, fieldIds)))
      : [],
    staffIds.length
      ? ctx.db
          .select({ id: s.id, label: s.name })
          .from(s)
          .where(and(eq(s.organizationId, org), inArray(s.id, staffIds)))
      : [],
    needsOrg ? ctx.db.select({ id: o.id, label: o.name }).from(o).where(eq(o.id, org)) : [],
  ]);
  const labels = new Map<string, string>();
  for (const row of fields) labels.set(`custom_field:${row.id}`, row.label);
  for (const row of staff) labels.set(`staff_user:${row.id}`, row.label);
  for (const row of orgs) labels.set(`organization:${row.id}`, row.label);
  return labels;
}
