// Sends a dispatcher's portal invite through the notification pipeline: one booking_invite log row per channel
// of the portal user's contact (skipped ones say why) and one `deliver` job per queued row. The deliver handler
// mints the access link (a fresh link token, purpose invite, the organization's link lifetime) at send time, so
// the token only ever reaches the provider; the log keeps the message with the token masked.
import type { CoreContext } from '@portico/core';
import { notificationIdempotencyKey, planFanOut } from '@portico/core/notifications/fan-out';
import { readNotificationSetting } from '@portico/core/notifications/read-recipients';
import { schema } from '@portico/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import {
  accessLink,
  loadOrganization,
  loadTaskSubject,
  loadTemplates,
  MASKED_TOKEN,
  renderFor,
} from '../notification-content';
import type { JobHandler } from '../worker-deps';

const type = 'booking_invite' as const;
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const portalInviteHandler: JobHandler<'portal-invite'> = async (job, deps) => {
  const { organizationId, portalUserId, resendOf, onlyChannel } = job.data;
  const { portalUsers, contacts, customers, notificationLog } = schema;
  const now = deps.clock.now();

  const [user] = await deps.db
    .select({
      id: portalUsers.id,
      status: portalUsers.status,
      customerName: customers.name,
      contact: {
        id: contacts.id,
        name: contacts.name,
        phone: contacts.phone,
        email: contacts.email,
        smsOptOut: contacts.smsOptOut,
        archivedAt: contacts.archivedAt,
      },
    })
    .from(portalUsers)
    .innerJoin(
      contacts,
      and(eq(contacts.id, portalUsers.contactId), eq(contacts.organizationId, organizationId)),
    )
    .innerJoin(
      customers,
      and(eq(customers.id, portalUsers.customerId), eq(customers.organizationId, organizationId)),
    )
    .where(and(eq(portalUsers.id, portalUserId), eq(portalUsers.organizationId, organizationId)));
  if (!user) {
    deps.log.warn({ jobId: job.id, portalUserId }, 'portal-invite: the portal user no longer exists');
    return;
  }

  // A task that is gone (or another organization's) leaves an invite to the portal's home.
  const subject = job.data.taskId ? await loadTaskSubject(deps.db, organizationId, job.data.taskId) : null;
  const organization = subject?.organization ?? (await loadOrganization(deps.db, organizationId));
  if (!organization) return;
  const taskId = subject?.task.id ?? null;

  // A re-send from the log links to the entry it repeats.
  let resendOfId: string | null = null;
  if (resendOf && uuidShape.test(resendOf)) {
    const [earlier] = await deps.db
      .select({ id: notificationLog.id })
      .from(notificationLog)
      .where(and(eq(notificationLog.id, resendOf), eq(notificationLog.organizationId, organizationId)));
    resendOfId = earlier?.id ?? null;
  }
  const appointmentVersion = subject?.task.appointmentVersion ?? null;

  const ctx: CoreContext = {
    db: deps.db,
    clock: deps.clock,
    organizationId,
    actor: { type: 'system', id: null },
  };
  // A dispatcher asked for this invite, so it goes even when automatic invites are turned off, by the
  // organization's method for invites; a channel the contact cannot receive gets a skipped entry saying why.
  const setting = await readNotificationSetting(ctx, type);
  const planned = planFanOut({
    type,
    setting: { enabled: true, method: setting.method },
    primary: { ...user.contact, portalDisabled: user.status === 'disabled' },
    secondary: null,
    ...(onlyChannel ? { onlyChannel } : {}),
  });

  const templates = await loadTemplates(deps.db, organizationId, type);
  const rows = planned.map((entry) => {
    const rendered =
      entry.skipReason === null
        ? renderFor({
            type,
            channel: entry.channel,
            template: templates[entry.channel],
            organization,
            subject,
            customerName: user.customerName,
            contactName: user.contact.name,
            portalLink: accessLink(deps.publicOrigin, organization.slug, MASKED_TOKEN),
            publicOrigin: deps.publicOrigin,
          })
        : null;
    return {
      organizationId,
      taskId,
      type,
      channel: entry.channel,
      contactId: entry.contactId,
      recipient: entry.recipient,
      status: entry.skipReason === null ? ('queued' as const) : ('skipped' as const),
      skipReason: entry.skipReason,
      // The job id (the outbox row's, stable across retries) makes each invite its own notification.
      idempotencyKey: notificationIdempotencyKey({
        taskId: taskId ?? `portal-user-${user.id}`,
        type,
        appointmentVersion: appointmentVersion ?? 0,
        channel: entry.channel,
        contactId: entry.contactId,
        suffix: `invite:${job.id}`,
      }),
      appointmentVersion,
      subject: rendered?.subject ?? null,
      body: rendered?.text ?? null,
      segments: rendered?.segments ?? null,
      resendOfId,
      createdAt: now,
      updatedAt: now,
    };
  });
  if (rows.length === 0) return;

  await deps.db.transaction(async (tx) => {
    await tx
      .insert(notificationLog)
      .values(rows)
      .onConflictDoNothing({ target: notificationLog.idempotencyKey });
    // Rows an earlier run of this job wrote are picked up too; a deliver job's id is its log row's id, so
    // enqueueing one twice is harmless.
    const queued = await tx
      .select({ id: notificationLog.id })
      .from(notificationLog)
      .where(
        and(
          inArray(
            notificationLog.idempotencyKey,
            rows.map((row) => row.idempotencyKey),
          ),
          eq(notificationLog.organizationId, organizationId),
          eq(notificationLog.status, 'queued'),
        ),
      );
    if (queued.length === 0) return;
    await deps.boss.insert(
      'deliver',
      queued.map((row) => ({ id: row.id, data: { organizationId, logId: row.id } })),
      { db: fromDrizzle(tx, sql) },
    );
  });
};
