// Owns GET /health: whether this process can reach its database and its job system, each check time-bounded.
import type { FastifyPluginAsync } from 'fastify';

export type HealthPluginOptions = {
  checkDatabase: () => Promise<boolean>;
  /** null: the job system is not running in this process, which a health check reports as an error. */
  checkJobs: (() => Promise<'ok' | 'error'>) | null;
  /** A check that has not answered by then counts as failed, so a load balancer never waits on a hung pool. */
  timeoutMs?: number;
};

type Status = 'ok' | 'error';

/** Resolves to the check's verdict, or 'error' when it throws or does not settle within `ms`. */
export async function runCheck(check: () => Promise<boolean>, ms: number): Promise<Status> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    const isOk = await Promise.race([check().catch(() => false), timeout]);
    return isOk ? 'ok' : 'error';
  } finally {
    clearTimeout(timer);
  }
}

export const healthPlugin: FastifyPluginAsync<HealthPluginOptions> = async (app, options) => {
  const timeoutMs = options.timeoutMs ?? 2000;
  const checkJobs = options.checkJobs;
  app.get('/health', async (request, reply) => {
    const [database, jobs] = await Promise.all([
      runCheck(options.checkDatabase, timeoutMs),
      checkJobs
        ? runCheck(async () => (await checkJobs()) === 'ok', timeoutMs)
        : Promise.resolve<Status>('error'),
    ]);
    const isOk = database === 'ok' && jobs === 'ok';
    if (!isOk) request.log.warn({ database, jobs }, 'health check failed');
    return reply
      .code(isOk ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: isOk ? 'ok' : 'error', database, jobs });
  });
};
