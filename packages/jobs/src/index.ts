// Owns the pg-boss job system: starting it for producers and workers, and registering handlers.
import { PgBoss } from 'pg-boss';

export type JobSystem = {
  boss: PgBoss;
  /** True while pg-boss is started and has reported no error since the last successful check. */
  check: () => Promise<'ok' | 'error'>;
  stop: () => Promise<void>;
};

export type StartJobsOptions = {
  connectionString: string;
  /** Workers supervise queues (maintenance, scheduling); API-only producers do not. */
  role: 'producer' | 'worker';
  onError?: (error: unknown) => void;
};

export async function startJobSystem(options: StartJobsOptions): Promise<JobSystem> {
  const isWorker = options.role === 'worker';
  const boss = new PgBoss({
    connectionString: options.connectionString,
    application_name: `portico-jobs-${options.role}`,
    max: isWorker ? 5 : 2,
    supervise: isWorker,
    schedule: isWorker,
    migrate: true,
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  await registerWorkers(boss, isWorker);
  return {
    boss,
    check: async () => {
      try {
        await boss.getDb().executeSql('select 1 from pgboss.version limit 1');
        return 'ok';
      } catch (error) {
        options.onError?.(error);
        return 'error';
      }
    },
    stop: () => boss.stop({ graceful: true, timeout: 20_000 }),
  };
}

/** Queues and their handlers arrive with the notifications issue; the registry lives here. */
async function registerWorkers(_boss: PgBoss, _isWorker: boolean): Promise<void> {
  // No queues yet.
}

/** Creates pg-boss's schema (used once for the test template database). */
export async function installJobSchema(connectionString: string): Promise<void> {
  const boss = new PgBoss({ connectionString, supervise: false, schedule: false, migrate: true, max: 1 });
  await boss.start();
  await boss.stop({ graceful: false });
}
