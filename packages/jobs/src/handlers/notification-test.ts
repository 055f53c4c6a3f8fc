// Sends one "send a test" message: renders the admin's draft against the task exactly as the preview does and
// hands it to the same SMS/email providers as real notifications, marked "[Test] ". Nothing is written to the
// customer notification log; a task deleted since, or a provider refusal, ends the job without a retry.
import { AppError, type CoreContext } from '@portico/core';
import { previewNotificationTemplate } from '@portico/core/notifications-admin/preview-notification-template';
import { ProviderError } from '@portico/notifications';
import type { JobHandler } from '../worker-deps';

export const testMarker = '[Test] ';

export const notificationTestHandler: JobHandler<'notification-test'> = async (job, deps) => {
  const { organizationId, taskId, type, channel, subject, body, to } = job.data;
  const ctx: CoreContext = {
    db: deps.db,
    clock: deps.clock,
    organizationId,
    actor: { type: 'system', id: null },
  };
  let message;
  try {
    message = await previewNotificationTemplate(
      ctx,
      {
        taskId,
        type,
        channel,
        ...(subject !== undefined ? { subject } : {}),
        ...(body !== undefined ? { body } : {}),
      },
      { publicOrigin: deps.publicOrigin },
    );
  } catch (error) {
    if (error instanceof AppError) {
      deps.log.warn({ jobId: job.id, taskId, reason: error.message }, 'notification-test: nothing to send');
      return;
    }
    throw error;
  }
  // one key per job: a retry of the same job is the same message to the provider
  const idempotencyKey = `notification-test:${job.id}`;
  try {
    if (channel === 'sms') {
      await deps.providers.sms.send({ to, body: `${testMarker}${message.text}`, idempotencyKey });
    } else {
      await deps.providers.email.send({
        to,
        subject: `${testMarker}${message.subject ?? ''}`,
        html: message.html ?? '',
        text: message.text,
        idempotencyKey,
      });
    }
  } catch (error) {
    if (error instanceof ProviderError && !error.retryable) {
      deps.log.warn(
        { jobId: job.id, channel, error: error.message },
        'notification-test: the provider refused the message',
      );
      return;
    }
    throw error;
  }
  deps.log.info({ jobId: job.id, channel }, 'notification-test: sent');
};
