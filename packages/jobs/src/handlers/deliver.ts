// Sends one logged notification through its channel's provider, at most once per idempotency key: claims the
// send ledger, renders (minting an invite's access link), calls the provider with the key, marks ledger and log.
// Retryable provider errors are recorded and thrown (pg-boss retries with backoff); permanent ones fail the entry.
import { checkApplicability } from '@portico/core/notifications/fan-out';
import { schema, type Db } from '@portico/db';
import {
  ProviderError,
  type ChannelProviders,
  type RenderedMessage,
  type SendResult,
} from '@portico/notifications';
import { and, eq, sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  accessLink,
  loadDeliverySubject,
  MASKED_TOKEN,
  renderFor,
  taskPageLink,
  type DeliverySubject,
  type LogEntry,
} from '../notification-content';
import { mintAccessLink } from '../portal-links';
import { claimSend, markSent, releaseClaim, renewClaim } from '../send-ledger';
import { defaultDeliveryTuning, type DeliveryTuning, type JobHandler, type WorkerDeps } from '../worker-deps';

const { notificationLog: log, notificationSends: sends } = schema;

export type { LogEntry };

/** Another run of this delivery holds a live claim for longer than we were willing to wait: try again later. */
export class ClaimHeldError extends Error {
  constructor() {
    super('Another worker is sending this notification right now; checking again later.');
    this.name = 'ClaimHeldError';
  }
}

const MAX_ERROR_LENGTH = 1000;

export function describeError(error: unknown): string {
  const message =
    error instanceof ProviderError
      ? error.message
      : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message;
}

export async function loadLogEntry(db: Db, organizationId: string, logId: string): Promise<LogEntry | null> {
  const [entry] = await db
    .select()
    .from(log)
    .where(and(eq(log.id, logId), eq(log.organizationId, organizationId)));
  return entry ?? null;
}

export const deliverHandler: JobHandler<'deliver'> = async (job, deps) => {
  const tuning = deps.delivery ?? defaultDeliveryTuning;
  const loaded = await loadDeliverySubject(deps.db, job.data.organizationId, job.data.logId);
  if (!loaded) {
    deps.log.warn({ jobId: job.id, logId: job.data.logId }, 'deliver: the log entry no longer exists');
    return;
  }
  const { entry } = loaded;
  // sent, failed or skipped: settled by an earlier run
  if (entry.status !== 'queued') return;
  if (!entry.recipient) {
    await settle(deps, entry, {
      status: 'failed',
      error: 'There is no phone number or email address to send to.',
    });
    return;
  }

  const token = await claimOrWait(deps, entry, tuning);
  if (!token) return;
  const lease = keepClaimAlive(deps, entry.idempotencyKey, token, tuning);
  let isProviderDone = false;
  try {
    const prepared = await prepareMessage(deps, loaded);
    if (prepared.kind === 'skip') {
      await settle(deps, entry, { status: 'skipped', skipReason: prepared.reason });
      return;
    }
    let result: SendResult;
    try {
      result = await sendThrough(deps.providers, entry, prepared.send);
    } catch (error) {
      const message = describeError(error);
      if (error instanceof ProviderError && !error.retryable) {
        await settle(deps, entry, { status: 'failed', error: message, countsAttempt: true });
        deps.log.warn({ logId: entry.id, error: message }, 'deliver: the provider refused the message');
        return;
      }
      await recordFailedAttempt(deps, entry, message);
      throw error;
    }
    isProviderDone = true;
    await recordSent(deps, entry, result, prepared.stored);
  } finally {
    lease.stop();
    // A send that reached the provider keeps its claim: if marking it failed, a retry must not resend at once.
    if (!isProviderDone) {
      await releaseClaim(deps.db, entry.idempotencyKey, token).catch((error: unknown) =>
        deps.log.warn({ err: error, logId: entry.id }, 'deliver: could not release the claim'),
      );
    }
  }
};

/** The claim token, or null when there is nothing left to do (already sent, failed or skipped). */
async function claimOrWait(
  deps: WorkerDeps,
  entry: LogEntry,
  tuning: DeliveryTuning,
): Promise<string | null> {
  // A live claim is a run sending right now, or one that died and whose claim runs out within claimSeconds.
  const deadline = Date.now() + (tuning.claimSeconds * 2 + 5) * 1000;
  for (;;) {
    const claim = await claimSend(
      deps.db,
      { idempotencyKey: entry.idempotencyKey, organizationId: entry.organizationId, logId: entry.id },
      tuning.claimSeconds,
    );
    if (claim.kind === 'claimed') return claim.token;
    if (claim.kind === 'sent') {
      await repairSentEntry(deps, entry.id);
      return null;
    }
    if (claim.kind === 'settled') return null;
    if (Date.now() > deadline) throw new ClaimHeldError();
    await sleep(tuning.claimPollMs);
  }
}

function keepClaimAlive(deps: WorkerDeps, key: string, token: string, tuning: DeliveryTuning) {
  const timer = setInterval(
    () => {
      renewClaim(deps.db, key, token, tuning.claimSeconds).then(
        (held) => {
          if (!held) deps.log.warn({ key }, 'deliver: lost the send claim while working');
        },
        (error: unknown) => deps.log.warn({ err: error, key }, 'deliver: could not renew the send claim'),
      );
    },
    Math.max(1000, (tuning.claimSeconds * 1000) / 3),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

type Prepared =
  { kind: 'send'; send: RenderedMessage; stored: RenderedMessage } | { kind: 'skip'; reason: string };

/**
 * Renders from the task as it is now. A message that no longer applies (the appointment moved, the task closed
 * while it waited for a retry) is skipped; an invite gets a fresh access link for its recipient.
 */
async function prepareMessage(deps: WorkerDeps, loaded: DeliverySubject): Promise<Prepared> {
  const { entry, subject, organization, contactName, customerName, template } = loaded;
  const now = deps.clock.now();
  if (entry.taskId && !subject) return { kind: 'skip', reason: 'The task no longer exists.' };
  if (subject && entry.appointmentVersion !== null) {
    const applicability = checkApplicability({
      type: entry.type,
      appointmentVersion: entry.appointmentVersion,
      task: subject.task,
      now,
    });
    if (!applicability.applies) return { kind: 'skip', reason: applicability.reason };
  }

  const { slug } = organization;
  let link: string;
  let shownLink: string;
  if (entry.type === 'booking_invite' && entry.contactId) {
    const minted = await mintAccessLink(deps.db, {
      organization,
      contactId: entry.contactId,
      contactName,
      taskId: entry.taskId,
      now,
      publicOrigin: deps.publicOrigin,
    });
    if (minted.kind === 'refused') return { kind: 'skip', reason: minted.reason };
    link = minted.link;
    shownLink = accessLink(deps.publicOrigin, slug, MASKED_TOKEN);
  } else {
    link = entry.taskId
      ? taskPageLink(deps.publicOrigin, slug, entry.taskId)
      : `${deps.publicOrigin}/p/${slug}`;
    shownLink = link;
  }

  const base = {
    type: entry.type,
    channel: entry.channel,
    template,
    organization,
    subject,
    customerName,
    contactName,
    publicOrigin: deps.publicOrigin,
  };
  const send = renderFor({ ...base, portalLink: link });
  const stored = link === shownLink ? send : renderFor({ ...base, portalLink: shownLink });
  return { kind: 'send', send, stored: { ...stored, segments: send.segments } };
}

async function sendThrough(
  providers: ChannelProviders,
  entry: LogEntry,
  message: RenderedMessage,
): Promise<SendResult> {
  const to = entry.recipient!;
  if (entry.channel === 'sms') {
    return providers.sms.send({ to, body: message.text, idempotencyKey: entry.idempotencyKey });
  }
  return providers.email.send({
    to,
    subject: message.subject ?? '',
    html: message.html ?? '',
    text: message.text,
    idempotencyKey: entry.idempotencyKey,
  });
}

async function recordSent(
  deps: WorkerDeps,
  entry: LogEntry,
  result: SendResult,
  stored: RenderedMessage,
): Promise<void> {
  const mark = {
    logId: entry.id,
    idempotencyKey: entry.idempotencyKey,
    providerMessageId: result.providerMessageId,
    segments: stored.segments,
    subject: stored.subject,
    body: stored.text,
    sentAt: deps.clock.now(),
  };
  // The provider has the message: a database hiccup now must not turn into a second send, so try hard.
  for (let attempt = 1; ; attempt++) {
    try {
      await markSent(deps.db, mark);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      deps.log.warn(
        { err: error, logId: entry.id, attempt },
        'deliver: marking a sent message failed; retrying',
      );
      await sleep(200 * 2 ** attempt);
    }
  }
}

/** The ledger says sent but the log row still says queued: bring the log in line. */
async function repairSentEntry(deps: WorkerDeps, logId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db
    .update(log)
    .set({
      status: 'sent',
      providerMessageId: sql`(select ${sends.providerMessageId} from ${sends} where ${sends.logId} = ${log.id} and ${sends.sentAt} is not null limit 1)`,
      sentAt: sql`coalesce(${log.sentAt}, (select ${sends.sentAt} from ${sends} where ${sends.logId} = ${log.id} limit 1))`,
      updatedAt: now,
    })
    .where(and(eq(log.id, logId), eq(log.status, 'queued')));
}

async function recordFailedAttempt(deps: WorkerDeps, entry: LogEntry, message: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db
    .update(log)
    .set({ error: message, attempts: sql`${log.attempts} + 1`, updatedAt: now })
    .where(and(eq(log.id, entry.id), eq(log.status, 'queued')));
}

async function settle(
  deps: WorkerDeps,
  entry: LogEntry,
  outcome:
    { status: 'failed'; error: string; countsAttempt?: boolean } | { status: 'skipped'; skipReason: string },
): Promise<void> {
  const now = deps.clock.now();
  await deps.db
    .update(log)
    .set(
      outcome.status === 'failed'
        ? {
            status: 'failed',
            error: outcome.error,
            ...(outcome.countsAttempt ? { attempts: sql`${log.attempts} + 1` } : {}),
            updatedAt: now,
          }
        : { status: 'skipped', skipReason: outcome.skipReason, updatedAt: now },
    )
    .where(and(eq(log.id, entry.id), eq(log.status, 'queued')));
}
