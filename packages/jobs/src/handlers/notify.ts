// Fans one notification of a task out to its recipients and channels: re-reads the task, decides each entry
// (queued, or skipped with a reason), writes the log rows and enqueues one `deliver` job per queued row.
import {
  checkApplicability,
  notificationIdempotencyKey,
  planFanOut,
} from '@portico/core/notifications/fan-out';
import type { QueuePayloads } from '@portico/core';
import { schema, type Db } from '@portico/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { JobInsert, PgBoss } from 'pg-boss';
import { createBatcher, perInstance } from '../batcher';
import {
  accessLink,
  loadFanOutSubject,
  MASKED_TOKEN,
  renderFor,
  taskPageLink,
} from '../notification-content';
import type { JobHandler } from '../worker-deps';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const notifyHandler: JobHandler<'notify'> = async (job, deps) => {
  const { organizationId, taskId, type, appointmentVersion, resendOf } = job.data;
  const { notificationLog } = schema;
  const now = deps.clock.now();
  const subject = await loadFanOutSubject(deps.db, organizationId, taskId, type);
  if (!subject) {
    deps.log.warn({ jobId: job.id, organizationId, taskId }, 'notify: the task no longer exists');
    return;
  }

  // A re-send from the log links to the entry it repeats (its id is the suffix of the new idempotency key).
  let resendOfId: string | null = null;
  if (resendOf && uuidShape.test(resendOf)) {
    const [earlier] = await deps.db
      .select({ id: notificationLog.id })
      .from(notificationLog)
      .where(and(eq(notificationLog.id, resendOf), eq(notificationLog.organizationId, organizationId)));
    resendOfId = earlier?.id ?? null;
  }

  const applicability = checkApplicability({
    type,
    appointmentVersion,
    task: subject.task,
    now,
  });
  // Superseded work ends quietly (its replacement has its own job); what a person asked for, or should know
  // about, leaves a skipped entry with the reason.
  if (!applicability.applies && !applicability.isWorthLogging && !resendOf) {
    deps.log.info(
      { jobId: job.id, taskId, type, appointmentVersion, reason: applicability.reason },
      'notify: superseded, nothing to send',
    );
    return;
  }

  const recipients = { primary: subject.primary, secondary: subject.secondary };
  const { onlyChannel, onlyContactId } = job.data;
  const planned = planFanOut({
    type,
    setting: subject.setting,
    ...recipients,
    ...(onlyChannel ? { onlyChannel } : {}),
    ...(onlyContactId ? { onlyContactId } : {}),
    ...(applicability.applies ? {} : { skipAllReason: applicability.reason }),
  });
  if (planned.length === 0 && onlyContactId) {
    // a re-send to someone who is no longer one of the site's contacts: say so rather than nothing
    planned.push({
      contactId: onlyContactId,
      channel: onlyChannel ?? 'sms',
      recipient: null,
      skipReason: "This person is no longer a contact of the task's site.",
    });
  }

  const { organization, templates } = subject;
  // An invite's access link is minted at delivery, for the recipient; the log only ever shows it masked.
  const portalLink =
    type === 'booking_invite'
      ? accessLink(deps.publicOrigin, organization.slug, MASKED_TOKEN)
      : taskPageLink(deps.publicOrigin, organization.slug, taskId);
  const contactNames = new Map(
    [recipients.primary, recipients.secondary].flatMap((c) => (c ? [[c.id, c.name] as const] : [])),
  );
  const suffix = resendOf ? `resend:${resendOf}` : null;

  const rows = planned.map((entry) => {
    const rendered =
      entry.skipReason === null
        ? renderFor({
            type,
            channel: entry.channel,
            template: templates[entry.channel],
            organization,
            subject,
            customerName: subject.customerName,
            contactName: (entry.contactId && contactNames.get(entry.contactId)) || '',
            portalLink,
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
      idempotencyKey: notificationIdempotencyKey({
        taskId,
        type,
        appointmentVersion,
        channel: entry.channel,
        contactId: entry.contactId,
        suffix,
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
  const written = await writeLogRows(deps.db)(rows);
  let queued = written.filter((r): r is WrittenRow => r !== null && r.status === 'queued');
  if (written.includes(null)) {
    // An earlier run of this job wrote some rows (and may have died before enqueueing them): take every row of
    // this fan-out that is still queued. The deliver job's id is the log row's id, so enqueueing twice is a no-op.
    queued = await deps.db
      .select({ id: notificationLog.id, status: notificationLog.status })
      .from(notificationLog)
      .where(
        and(
          inArray(
            notificationLog.idempotencyKey,
            rows.map((r) => r.idempotencyKey),
          ),
          eq(notificationLog.organizationId, organizationId),
          eq(notificationLog.status, 'queued'),
        ),
      );
  }
  if (queued.length === 0) return;
  // Not in one transaction with the rows, on purpose: a run that dies in between is retried, finds its rows
  // and enqueues them then; the rows and their jobs never need to commit together.
  await enqueueDeliveries(deps.boss)(
    queued.map((r) => ({ id: r.id, data: { organizationId, logId: r.id } })),
  );
};

type NewLogRow = typeof schema.notificationLog.$inferInsert;
type WrittenRow = { id: string; status: 'queued' | 'sent' | 'failed' | 'skipped' };

/**
 * The log rows of the fan-outs of one fetched batch, in one insert. Per row: what was written, or null where the
 * idempotency key already had a row (an earlier run of the same notification).
 */
const writeLogRows = perInstance((db: Db) =>
  createBatcher(
    async (fanOuts: NewLogRow[][]): Promise<(WrittenRow | null)[][]> => {
      const { notificationLog } = schema;
      const written = await db
        .insert(notificationLog)
        .values(fanOuts.flat())
        .onConflictDoNothing({ target: notificationLog.idempotencyKey })
        .returning({
          id: notificationLog.id,
          status: notificationLog.status,
          key: notificationLog.idempotencyKey,
        });
      const byKey = new Map(written.map((row) => [row.key, { id: row.id, status: row.status }]));
      // a key twice in one batch (two runs of one job side by side): only the first takes the row
      const taken = new Set<string>();
      return fanOuts.map((rows) =>
        rows.map((row) => {
          const found = byKey.get(row.idempotencyKey);
          if (!found || taken.has(row.idempotencyKey)) return null;
          taken.add(row.idempotencyKey);
          return found;
        }),
      );
    },
    { maxBatch: 50 },
  ),
);

/** The deliver jobs of one turn in one pg-boss insert; the job id is the log row's id. */
const enqueueDeliveries = perInstance((boss: PgBoss) =>
  createBatcher(async (groups: JobInsert<QueuePayloads['deliver']>[][]): Promise<void[]> => {
    const seen = new Set<string>();
    const jobs = groups.flat().filter((job) => job.id && !seen.has(job.id) && seen.add(job.id));
    await boss.insert('deliver', jobs);
    return groups.map(() => undefined);
  }),
);
