// Sends a portal invite (placeholder until the invite handler lands: it only logs).
import type { JobHandler } from '../worker-deps';

export const portalInviteHandler: JobHandler<'portal-invite'> = async (job, deps) => {
  deps.log.warn({ jobId: job.id }, 'portal-invite handler not implemented yet');
  await Promise.resolve();
};
