// Sends a portal sign-in code: makes the 6-digit code up from the CSPRNG at send time, keeps only its hash (bound
// to the code row), and hands it to the channel's provider. The code never reaches a job payload, a log line,
// the notification log or the database in clear. A code row that is used, expired or superseded sends nothing.
import { issueCode, withdrawIssuedCode } from '@portico/auth';
import {
  ProviderError,
  renderEmailHtml,
  toSmsFriendlyText,
  type RenderedMessage,
} from '@portico/notifications';
import { randomUUID } from 'node:crypto';
import { brandingOf, loadOrganization, type OrganizationFacts } from '../notification-content';
import type { JobHandler, WorkerDeps } from '../worker-deps';

export type CodeSenderDeps = Pick<WorkerDeps, 'db' | 'clock' | 'providers' | 'publicOrigin' | 'log'>;

/**
 * The SMS ends with the origin-bound line WebOTP reads (`@host #code`), so Chrome on Android can offer to fill
 * the code in, and only on the portal's own host.
 */
export function renderCodeMessage(input: {
  channel: 'sms' | 'email';
  code: string;
  organization: OrganizationFacts;
  publicOrigin: string;
}): RenderedMessage {
  const { code, organization } = input;
  const name = organization.name.trim();
  if (input.channel === 'sms') {
    const host = new URL(input.publicOrigin).hostname;
    const text = toSmsFriendlyText(
      `${code} is your ${name} sign-in code. It expires in 5 minutes.\n\n@${host} #${code}`,
    );
    return { channel: 'sms', subject: null, text, html: null, segments: null };
  }
  const subject = `${code} is your ${name} sign-in code`;
  const text =
    `Your code to sign in to ${name} is ${code}.\n\n` +
    'It expires in 5 minutes and works only in the browser where you asked for it.\n\n' +
    'If you did not try to sign in, you can ignore this email: nobody can sign in without the code.';
  const html = renderEmailHtml({
    subject,
    text,
    branding: brandingOf(organization, input.publicOrigin),
  });
  return { channel: 'email', subject, text, html, segments: null };
}

export type CodeSendOutcome = 'sent' | 'skipped' | 'failed';

/**
 * Issues and sends the code of one row. A retryable provider failure puts the row back to "not made yet" and
 * throws (the retry makes and sends a new code; the possibly lost one never works); a permanent one is logged
 * and the person can ask again.
 */
export async function deliverPortalCode(
  deps: CodeSenderDeps,
  data: { organizationId: string; codeId: string },
): Promise<CodeSendOutcome> {
  const organization = await loadOrganization(deps.db, data.organizationId);
  if (!organization) return 'skipped';
  const issued = await issueCode(deps.db, { ...data, now: deps.clock.now() });
  if (!issued) {
    deps.log.info({ codeId: data.codeId }, 'portal-code: used, expired, superseded or already sent; skipped');
    return 'skipped';
  }
  const message = renderCodeMessage({
    channel: issued.channel,
    code: issued.code,
    organization,
    publicOrigin: deps.publicOrigin,
  });
  // A fresh key per issued code: a retry sends a different code, which must not look like a duplicate.
  const idempotencyKey = `portal-code:${data.codeId}:${randomUUID()}`;
  try {
    if (issued.channel === 'sms') {
      await deps.providers.sms.send({ to: issued.destination, body: message.text, idempotencyKey });
    } else {
      await deps.providers.email.send({
        to: issued.destination,
        subject: message.subject ?? '',
        html: message.html ?? '',
        text: message.text,
        idempotencyKey,
      });
    }
  } catch (error) {
    if (error instanceof ProviderError && !error.retryable) {
      deps.log.warn(
        { codeId: data.codeId, channel: issued.channel, error: error.message },
        'portal-code: the provider refused the message',
      );
      return 'failed';
    }
    await withdrawIssuedCode(deps.db, { ...data, codeHash: issued.codeHash });
    throw error;
  }
  return 'sent';
}

export const portalCodeHandler: JobHandler<'portal-code'> = async (job, deps) => {
  await deliverPortalCode(deps, job.data);
};
