// Renders a template (the saved one, or unsaved text) against a real task of the organization, exactly as the
// pipeline would, except that the portal link is a sample: a preview never mints a working sign-in link.
import {
  buildTemplateVariables,
  defaultTemplate,
  renderNotification,
  type Template,
} from '@portico/notifications';
import type {
  NotificationPreview,
  NotificationTemplatePreviewInput,
} from '@portico/validators/notifications';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { and, eq, schema } from '../internal/db';
import { checkTemplate } from './check-template';

/** As long as a real access token (32 characters), so the SMS segment count matches what will be sent. */
export const samplePortalToken = 'preview-link-not-a-real-one-0000';

export async function previewNotificationTemplate(
  ctx: CoreContext,
  input: NotificationTemplatePreviewInput,
  options: { publicOrigin: string },
): Promise<NotificationPreview> {
  const org = ctx.organizationId;
  const {
    notificationTemplates,
    tasks,
    sites,
    customers,
    contacts,
    technicians,
    appointmentWindows,
    organizations,
  } = schema;

  const [saved] = await ctx.db
    .select({ subject: notificationTemplates.subject, body: notificationTemplates.body })
    .from(notificationTemplates)
    .where(
      and(
        eq(notificationTemplates.organizationId, org),
        eq(notificationTemplates.type, input.type),
        eq(notificationTemplates.channel, input.channel),
      ),
    );
  let template: Template | null = saved ?? null;
  if (input.subject !== undefined || input.body !== undefined) {
    const base = saved ?? defaultTemplate(input.type, input.channel);
    const draft = {
      type: input.type,
      channel: input.channel,
      subject: input.subject ?? (input.channel === 'email' ? base.subject : null),
      body: input.body ?? base.body,
    };
    checkTemplate(draft);
    template = { subject: draft.subject, body: draft.body };
  }

  const [row] = await ctx.db
    .select({
      primaryContactId: sites.primaryContactId,
      secondaryContactId: sites.secondaryContactId,
      site: {
        addressLine1: sites.addressLine1,
        addressLine2: sites.addressLine2,
        city: sites.city,
        region: sites.region,
        postalCode: sites.postalCode,
      },
      timeZone: sites.timeZone,
      appointmentStart: tasks.appointmentStart,
      appointmentEnd: tasks.appointmentEnd,
      windowName: appointmentWindows.name,
      customerName: customers.name,
      technicianName: technicians.name,
      organization: {
        slug: organizations.slug,
        name: organizations.name,
        officePhone: organizations.officePhone,
        primaryColor: organizations.primaryColor,
        accentColor: organizations.accentColor,
        logoFileId: organizations.logoFileId,
      },
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
    .where(and(eq(tasks.id, input.taskId), eq(tasks.organizationId, org)));
  if (!row) throw new AppError('NOT_FOUND', 'Task was not found.', { field: 'taskId' });

  // Addressed as the message would be to the site's first contact.
  const contactId = row.primaryContactId ?? row.secondaryContactId;
  const [contact] = contactId
    ? await ctx.db
        .select({ name: contacts.name })
        .from(contacts)
        .where(and(eq(contacts.id, contactId), eq(contacts.organizationId, org)))
    : [];

  const { organization } = row;
  const variables = buildTemplateVariables({
    customerName: row.customerName,
    contactName: contact?.name ?? null,
    site: row.site,
    timeZone: row.timeZone,
    appointment:
      row.appointmentStart && row.appointmentEnd
        ? { start: row.appointmentStart, end: row.appointmentEnd, windowName: row.windowName }
        : null,
    technicianName: row.technicianName,
    portalLink: `${options.publicOrigin}/p/${organization.slug}/access/${samplePortalToken}`,
    officePhone: organization.officePhone,
    organizationName: organization.name,
  });
  const rendered = renderNotification({
    type: input.type,
    channel: input.channel,
    template,
    variables,
    branding: {
      organizationName: organization.name,
      primaryColor: organization.primaryColor,
      accentColor: organization.accentColor,
      logoUrl: organization.logoFileId ? `${options.publicOrigin}/files/${organization.logoFileId}` : null,
    },
  });
  return {
    channel: rendered.channel,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    segments: rendered.segments,
  };
}
