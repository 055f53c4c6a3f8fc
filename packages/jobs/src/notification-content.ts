// Owns what a notification says: loading the task, site, organization and templates it is rendered from, the
// portal links it carries, and rendering it for one recipient and channel.
import type { NotificationType } from '@portico/core';
import {
  defaultNotificationSetting,
  type FanOutContact,
  type NotificationSetting,
} from '@portico/core/notifications/fan-out';
import { schema, type Db, type DbOrTx } from '@portico/db';
import {
  buildTemplateVariables,
  renderNotification,
  type Branding,
  type Channel,
  type RenderedMessage,
  type Template,
} from '@portico/notifications';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { createBatcher, perInstance } from './batcher';

export type OrganizationFacts = {
  id: string;
  slug: string;
  name: string;
  officePhone: string | null;
  primaryColor: string;
  accentColor: string;
  logoFileId: string | null;
  linkLifetimeHours: number;
};

export type TaskSubject = {
  task: {
    id: string;
    status: string;
    siteId: string;
    customerId: string;
    appointmentVersion: number;
    appointmentStart: Date | null;
    appointmentEnd: Date | null;
  };
  site: {
    addressLine1: string;
    addressLine2: string | null;
    city: string;
    region: string | null;
    postalCode: string | null;
    timeZone: string;
    primaryContactId: string | null;
    secondaryContactId: string | null;
  };
  customerName: string;
  technicianName: string | null;
  windowName: string | null;
  organization: OrganizationFacts;
};

const organizationColumns = {
  id: schema.organizations.id,
  slug: schema.organizations.slug,
  name: schema.organizations.name,
  officePhone: schema.organizations.officePhone,
  primaryColor: schema.organizations.primaryColor,
  accentColor: schema.organizations.accentColor,
  logoFileId: schema.organizations.logoFileId,
  linkLifetimeHours: schema.organizations.linkLifetimeHours,
};

const { tasks, sites, customers, organizations, technicians, appointmentWindows, contacts, portalUsers } =
  schema;
const { notificationLog, notificationSettings, notificationTemplates } = schema;

const taskColumns = {
  id: tasks.id,
  status: tasks.status,
  siteId: tasks.siteId,
  customerId: tasks.customerId,
  appointmentVersion: tasks.appointmentVersion,
  appointmentStart: tasks.appointmentStart,
  appointmentEnd: tasks.appointmentEnd,
};
const siteColumns = {
  addressLine1: sites.addressLine1,
  addressLine2: sites.addressLine2,
  city: sites.city,
  region: sites.region,
  postalCode: sites.postalCode,
  timeZone: sites.timeZone,
  primaryContactId: sites.primaryContactId,
  secondaryContactId: sites.secondaryContactId,
};

const primary = alias(contacts, 'primary_contact');
const secondary = alias(contacts, 'secondary_contact');
const primaryUser = alias(portalUsers, 'primary_portal_user');
const secondaryUser = alias(portalUsers, 'secondary_portal_user');
const smsTemplate = alias(notificationTemplates, 'sms_template');
const emailTemplate = alias(notificationTemplates, 'email_template');
const recipientContact = alias(contacts, 'recipient_contact');
const recipientCustomer = alias(customers, 'recipient_customer');
const entryTemplate = alias(notificationTemplates, 'entry_template');

const org = sql.placeholder('organizationId');

/**
 * The queries every notification runs, built once per database (drizzle's query building showed up as a
 * quarter of a worker's CPU when each delivery built its own): one round trip each.
 */
function buildQueries(db: Db) {
  const fanOut = db
    .select({
      task: taskColumns,
      site: siteColumns,
      customerName: customers.name,
      technicianName: technicians.name,
      windowName: appointmentWindows.name,
      organization: organizationColumns,
      primary: {
        id: primary.id,
        name: primary.name,
        phone: primary.phone,
        email: primary.email,
        smsOptOut: primary.smsOptOut,
        archivedAt: primary.archivedAt,
        portalStatus: primaryUser.status,
      },
      secondary: {
        id: secondary.id,
        name: secondary.name,
        phone: secondary.phone,
        email: secondary.email,
        smsOptOut: secondary.smsOptOut,
        archivedAt: secondary.archivedAt,
        portalStatus: secondaryUser.status,
      },
      setting: { enabled: notificationSettings.enabled, method: notificationSettings.method },
      // body first: drizzle nulls a left-joined nested object when its FIRST column is null, and an SMS
      // template's subject is always null (body is NOT NULL, so it is null only when nothing joined)
      smsTemplate: { body: smsTemplate.body, subject: smsTemplate.subject },
      emailTemplate: { body: emailTemplate.body, subject: emailTemplate.subject },
    })
    .from(tasks)
    .innerJoin(sites, and(eq(sites.id, tasks.siteId), eq(sites.organizationId, org)))
    .innerJoin(customers, and(eq(customers.id, tasks.customerId), eq(customers.organizationId, org)))
    .innerJoin(organizations, eq(organizations.id, tasks.organizationId))
    .leftJoin(technicians, and(eq(technicians.id, tasks.technicianId), eq(technicians.organizationId, org)))
    .leftJoin(
      appointmentWindows,
      and(eq(appointmentWindows.id, tasks.windowId), eq(appointmentWindows.organizationId, org)),
    )
    .leftJoin(primary, and(eq(primary.id, sites.primaryContactId), eq(primary.organizationId, org)))
    .leftJoin(secondary, and(eq(secondary.id, sites.secondaryContactId), eq(secondary.organizationId, org)))
    .leftJoin(primaryUser, and(eq(primaryUser.contactId, primary.id), eq(primaryUser.organizationId, org)))
    .leftJoin(
      secondaryUser,
      and(eq(secondaryUser.contactId, secondary.id), eq(secondaryUser.organizationId, org)),
    )
    .leftJoin(
      notificationSettings,
      and(
        eq(notificationSettings.organizationId, org),
        eq(notificationSettings.type, sql.placeholder('type')),
      ),
    )
    .leftJoin(
      smsTemplate,
      and(
        eq(smsTemplate.organizationId, org),
        eq(smsTemplate.type, sql.placeholder('type')),
        eq(smsTemplate.channel, 'sms'),
      ),
    )
    .leftJoin(
      emailTemplate,
      and(
        eq(emailTemplate.organizationId, org),
        eq(emailTemplate.type, sql.placeholder('type')),
        eq(emailTemplate.channel, 'email'),
      ),
    )
    .where(and(eq(tasks.id, sql.placeholder('taskId')), eq(tasks.organizationId, org)))
    .prepare('notify_fan_out');

  const delivery = db
    .select({
      entry: getTableColumns(notificationLog),
      task: taskColumns,
      site: siteColumns,
      customerName: customers.name,
      technicianName: technicians.name,
      windowName: appointmentWindows.name,
      organization: organizationColumns,
      contactName: recipientContact.name,
      contactCustomerName: recipientCustomer.name,
      // body first (see smsTemplate above)
      template: { body: entryTemplate.body, subject: entryTemplate.subject },
    })
    .from(notificationLog)
    .innerJoin(organizations, eq(organizations.id, notificationLog.organizationId))
    .leftJoin(
      tasks,
      and(eq(tasks.id, notificationLog.taskId), eq(tasks.organizationId, notificationLog.organizationId)),
    )
    .leftJoin(
      sites,
      and(eq(sites.id, tasks.siteId), eq(sites.organizationId, notificationLog.organizationId)),
    )
    .leftJoin(
      customers,
      and(eq(customers.id, tasks.customerId), eq(customers.organizationId, notificationLog.organizationId)),
    )
    .leftJoin(
      technicians,
      and(
        eq(technicians.id, tasks.technicianId),
        eq(technicians.organizationId, notificationLog.organizationId),
      ),
    )
    .leftJoin(
      appointmentWindows,
      and(
        eq(appointmentWindows.id, tasks.windowId),
        eq(appointmentWindows.organizationId, notificationLog.organizationId),
      ),
    )
    .leftJoin(
      recipientContact,
      and(
        eq(recipientContact.id, notificationLog.contactId),
        eq(recipientContact.organizationId, notificationLog.organizationId),
      ),
    )
    .leftJoin(
      recipientCustomer,
      and(
        eq(recipientCustomer.id, recipientContact.customerId),
        eq(recipientCustomer.organizationId, notificationLog.organizationId),
      ),
    )
    .leftJoin(
      entryTemplate,
      and(
        eq(entryTemplate.organizationId, notificationLog.organizationId),
        eq(entryTemplate.type, notificationLog.type),
        eq(entryTemplate.channel, notificationLog.channel),
      ),
    )
    // the jobs of one fetched batch load together (see loadDeliverySubject)
    .where(sql`${notificationLog.id} = any(${sql.placeholder('logIds')}::uuid[])`)
    .prepare('deliver_load');

  return { fanOut, delivery };
}

const queries = perInstance(buildQueries);

function toFanOutContact(
  row: {
    id: string | null;
    name: string | null;
    phone: string | null;
    email: string | null;
    smsOptOut: boolean | null;
    archivedAt: Date | null;
    portalStatus: string | null;
  } | null,
): FanOutContact | null {
  if (!row?.id) return null;
  return {
    id: row.id,
    name: row.name ?? '',
    phone: row.phone,
    email: row.email,
    smsOptOut: row.smsOptOut ?? false,
    archivedAt: row.archivedAt,
    portalDisabled: row.portalStatus === 'disabled',
  };
}

function toTemplate(row: { subject: string | null; body: string | null } | null): Template | null {
  return row?.body ? { subject: row.subject, body: row.body } : null;
}

export type FanOutSubject = TaskSubject & {
  primary: FanOutContact | null;
  secondary: FanOutContact | null;
  setting: NotificationSetting;
  templates: Record<Channel, Template | null>;
};

/** A task with its recipients, the type's setting and templates: what a `notify` job decides from. */
export async function loadFanOutSubject(
  db: Db,
  organizationId: string,
  taskId: string,
  type: NotificationType,
): Promise<FanOutSubject | null> {
  const [row] = await queries(db).fanOut.execute({ organizationId, taskId, type });
  if (!row) return null;
  return {
    task: row.task,
    site: row.site,
    customerName: row.customerName,
    technicianName: row.technicianName,
    windowName: row.windowName,
    organization: row.organization,
    primary: row.site.primaryContactId ? toFanOutContact(row.primary) : null,
    secondary: row.site.secondaryContactId ? toFanOutContact(row.secondary) : null,
    setting: row.setting?.method
      ? { enabled: row.setting.enabled ?? true, method: row.setting.method }
      : defaultNotificationSetting,
    templates: { sms: toTemplate(row.smsTemplate), email: toTemplate(row.emailTemplate) },
  };
}

export type LogEntry = typeof notificationLog.$inferSelect;

export type DeliverySubject = {
  entry: LogEntry;
  /** Null for an entry without a task (a portal invite), or whose task is gone. */
  subject: TaskSubject | null;
  organization: OrganizationFacts;
  contactName: string;
  customerName: string;
  template: Template | null;
};

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof buildQueries>['delivery']['execute']>>[number];

function toDeliverySubject(row: DeliveryRow): DeliverySubject {
  const subject: TaskSubject | null =
    row.task?.id && row.site?.timeZone
      ? {
          task: row.task as TaskSubject['task'],
          site: row.site as TaskSubject['site'],
          customerName: row.customerName ?? '',
          technicianName: row.technicianName,
          windowName: row.windowName,
          organization: row.organization,
        }
      : null;
  return {
    entry: row.entry,
    subject,
    organization: row.organization,
    contactName: row.contactName ?? '',
    customerName: subject?.customerName || row.contactCustomerName || '',
    template: toTemplate(row.template),
  };
}

const deliveryLoader = perInstance((db: Db) =>
  createBatcher(async (inputs: { organizationId: string; logId: string }[]) => {
    const rows = await queries(db).delivery.execute({ logIds: inputs.map((i) => i.logId) });
    const byId = new Map(rows.map((row) => [row.entry.id, row]));
    return inputs.map((input) => {
      const row = byId.get(input.logId);
      // a log id of another organization is not found
      return row && row.entry.organizationId === input.organizationId ? toDeliverySubject(row) : null;
    });
  }),
);

/**
 * A log entry with everything its message is rendered from; null when it is not this organization's. The
 * deliveries of one fetched batch are loaded with one query.
 */
export function loadDeliverySubject(
  db: Db,
  organizationId: string,
  logId: string,
): Promise<DeliverySubject | null> {
  return deliveryLoader(db)({ organizationId, logId });
}

/** A task with its site, customer, technician, window and organization (no recipients). */
export async function loadTaskSubject(
  db: DbOrTx,
  organizationId: string,
  taskId: string,
): Promise<TaskSubject | null> {
  const [row] = await db
    .select({
      task: taskColumns,
      site: siteColumns,
      customerName: customers.name,
      technicianName: technicians.name,
      windowName: appointmentWindows.name,
      organization: organizationColumns,
    })
    .from(tasks)
    .innerJoin(sites, and(eq(sites.id, tasks.siteId), eq(sites.organizationId, organizationId)))
    .innerJoin(
      customers,
      and(eq(customers.id, tasks.customerId), eq(customers.organizationId, organizationId)),
    )
    .innerJoin(organizations, eq(organizations.id, tasks.organizationId))
    .leftJoin(
      technicians,
      and(eq(technicians.id, tasks.technicianId), eq(technicians.organizationId, organizationId)),
    )
    .leftJoin(
      appointmentWindows,
      and(eq(appointmentWindows.id, tasks.windowId), eq(appointmentWindows.organizationId, organizationId)),
    )
    .where(and(eq(tasks.id, taskId), eq(tasks.organizationId, organizationId)));
  return row ?? null;
}

export async function loadOrganization(
  db: DbOrTx,
  organizationId: string,
): Promise<OrganizationFacts | null> {
  const [row] = await db
    .select(organizationColumns)
    .from(schema.organizations)
    .where(eq(schema.organizations.id, organizationId));
  return row ?? null;
}

/** The organization's templates of one type per channel; null where it keeps the built-in default. */
export async function loadTemplates(
  db: DbOrTx,
  organizationId: string,
  type: NotificationType,
): Promise<Record<Channel, Template | null>> {
  const t = notificationTemplates;
  const rows = await db
    .select({ channel: t.channel, subject: t.subject, body: t.body })
    .from(t)
    .where(and(eq(t.organizationId, organizationId), eq(t.type, type)));
  const found: Record<Channel, Template | null> = { sms: null, email: null };
  for (const row of rows) found[row.channel] = { subject: row.subject, body: row.body };
  return found;
}

/** What the log shows instead of an access token: the link's shape without the secret. */
export const MASKED_TOKEN = '••••••';

export function accessLink(publicOrigin: string, slug: string, token: string): string {
  return `${publicOrigin}/p/${slug}/access/${token}`;
}

export function taskPageLink(publicOrigin: string, slug: string, taskId: string): string {
  return `${publicOrigin}/p/${slug}/tasks/${taskId}`;
}

export function brandingOf(org: OrganizationFacts, publicOrigin: string): Branding {
  return {
    organizationName: org.name,
    primaryColor: org.primaryColor,
    accentColor: org.accentColor,
    logoUrl: org.logoFileId ? `${publicOrigin}/files/${org.logoFileId}` : null,
  };
}

export type RenderInput = {
  type: NotificationType;
  channel: Channel;
  template: Template | null;
  organization: OrganizationFacts;
  /** Null for a notification that is not about one task (a portal invite without a task). */
  subject: TaskSubject | null;
  customerName: string;
  contactName: string;
  portalLink: string;
  publicOrigin: string;
};

export function renderFor(input: RenderInput): RenderedMessage {
  const { subject, organization } = input;
  const appointment =
    subject?.task.appointmentStart && subject.task.appointmentEnd
      ? {
          start: subject.task.appointmentStart,
          end: subject.task.appointmentEnd,
          windowName: subject.windowName,
        }
      : null;
  const variables = buildTemplateVariables({
    customerName: input.customerName,
    contactName: input.contactName,
    site: subject?.site ?? null,
    timeZone: subject?.site.timeZone ?? null,
    appointment,
    technicianName: subject?.technicianName ?? null,
    portalLink: input.portalLink,
    officePhone: organization.officePhone,
    organizationName: organization.name,
  });
  return renderNotification({
    type: input.type,
    channel: input.channel,
    template: input.template,
    variables,
    branding: brandingOf(organization, input.publicOrigin),
  });
}
