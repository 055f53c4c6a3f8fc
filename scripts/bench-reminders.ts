// `pnpm bench:reminders`: on a throw-away PostgreSQL, makes 20,000 booked tasks' reminders fall due at once, runs
// two worker processes against the SNS and Resend stand-ins, SIGKILLs one midway, and prints one line of what
// the stand-ins received (due, delivered, lost, duplicates, sends in flight in the killed worker, rate).
import { systemClock } from '@portico/core';
import { createDb, migrateDatabase, schema, type Database } from '@portico/db';
import { installJobSchema } from '@portico/jobs';
import { isDatabaseEmpty, seedDemo } from '@portico/server/demo/seed-demo';
import { eq } from 'drizzle-orm';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { addBulkCustomers } from './bench/bulk-data';
import { createBenchHarness, log, sleep, timed, withTimeout } from './bench/harness';
import { addDueReminderTasks, PARKED_DUE_AT, type ReminderMethod } from './bench/reminders/data';
import type { WorkerMessage, WorkerRequest } from './bench/reminders/protocol';

const bars = { perSecond: 500 };

const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '20000' },
    /** The reminder_24h delivery method: 'both' (SMS and email) or 'sms' / 'email'. */
    method: { type: 'string', default: 'both' },
    /** Share of the due deliveries the stand-ins must have received before worker 1 is killed. */
    'kill-at': { type: 'string', default: '0.5' },
    /** Seconds to wait, after the reminders fall due, for every delivery. */
    timeout: { type: 'string', default: '300' },
  },
});
const taskCount = Number(args.tasks);
const method = args.method as ReminderMethod;
const killAt = Number(args['kill-at']);
const timeoutSeconds = Number(args.timeout);
if (!Number.isInteger(taskCount) || taskCount < 10) throw new Error('--tasks must be a whole number >= 10');
if (!['sms', 'email', 'both'].includes(method)) throw new Error('--method must be sms, email or both');
if (!(killAt > 0 && killAt < 1)) throw new Error('--kill-at must be between 0 and 1');

const repoRoot = path.resolve(import.meta.dirname, '..');
const harness = createBenchHarness();

function spawnTracked(name: string, script: string, stdout: 'inherit' | 'pipe'): ChildProcess {
  // node itself, not a tsx wrapper: the pid is the process that gets SIGKILL
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, script)], {
    cwd: repoRoot,
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
  });
  harness.trackChild(name, child);
  return child;
}

type StandIns = { snsEndpoint: string; resendBaseUrl: string };

/** The stand-ins' CLI in a process of its own, so their HTTP servers never share a CPU slice with the polling. */
async function startStandIns(): Promise<StandIns> {
  const child = spawnTracked('stand-ins', 'packages/notifications/src/testing/serve.ts', 'pipe');
  const lines = readline.createInterface({ input: child.stdout! });
  return new Promise<StandIns>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the stand-ins did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the stand-ins exited (code ${code}) while starting`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as StandIns);
    });
  });
}

function waitFor<T extends WorkerMessage['type']>(
  child: ChildProcess,
  name: string,
  expected: T,
  timeoutMs: number,
  request?: WorkerRequest,
): Promise<Extract<WorkerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${name} did not answer ${expected} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`${name} exited (code ${code}) before answering ${expected}`));
    };
    const onMessage = (message: WorkerMessage) => {
      done();
      if (message.type === expected) resolve(message as Extract<WorkerMessage, { type: T }>);
      else reject(new Error(`${name} answered ${message.type}: ${'error' in message ? message.error : ''}`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (request) child.send(request);
  });
}

async function startWorker(
  name: string,
  databaseUrl: string,
  standIns: StandIns,
  handedOverFile: string,
): Promise<ChildProcess> {
  const child = spawnTracked(name, 'scripts/bench/reminders/worker.ts', 'inherit');
  await waitFor(child, name, 'ready', 60_000, {
    type: 'start',
    name,
    databaseUrl,
    ...standIns,
    handedOverFile,
  });
  return child;
}

type Summary = {
  requests: number;
  deliveries: number;
  duplicateDeliveries: number;
  byStatus: Record<string, number>;
};

async function controlGet<T>(base: string, what: string): Promise<T> {
  const response = await fetch(`${base}/__stand-in/${what}`);
  if (!response.ok) throw new Error(`stand-in ${base} answered ${response.status} to ${what}`);
  return (await response.json()) as T;
}

async function summaries(standIns: StandIns): Promise<{ sms: Summary; email: Summary }> {
  const [sms, email] = await Promise.all([
    controlGet<Summary>(standIns.snsEndpoint, 'summary'),
    controlGet<Summary>(standIns.resendBaseUrl, 'summary'),
  ]);
  return { sms, email };
}

async function prepareData(database: Database): Promise<{ organizationId: string; sites: number }> {
  if (!(await isDatabaseEmpty(database.db))) throw new Error('the bench database is not empty');
  const credentials = await seedDemo(database.db, { clock: systemClock });
  const [org] = await database.db
    .select({ id: schema.organizations.id })
    .from(schema.organizations)
    .where(eq(schema.organizations.slug, credentials.organizationSlug));
  if (!org) throw new Error('the demo organization is missing');
  const customers = Math.min(5000, taskCount);
  await timed(`added ${customers} customers with a contact (phone and email) and a site each`, () =>
    addBulkCustomers(database.sql, org.id, customers),
  );
  const added = await timed(`inserted ${taskCount} booked tasks with a pending reminder each`, () =>
    addDueReminderTasks(database.sql, { organizationId: org.id, count: taskCount, method }),
  );
  await database.sql`analyze`;
  return { organizationId: org.id, sites: added.sites };
}

type Progress = {
  log: Record<string, number>;
  reminders: Record<string, number>;
  jobs: Record<string, number>;
  outbox: number;
};

async function readProgress(database: Database): Promise<Progress> {
  const [logRows, reminderRows, jobRows, outboxRows] = await Promise.all([
    database.sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from notification_log where type = 'reminder_24h' group by status`,
    database.sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from scheduled_reminders group by status`,
    database.sql<{ key: string; n: number }[]>`
      select name || ':' || state as key, count(*)::int as n from pgboss.job
      where name in ('notify', 'deliver', 'deliver-dead-letter') group by 1`,
    database.sql<{ n: number }[]>`select count(*)::int as n from job_outbox`,
  ]);
  const byKey = (rows: readonly { n: number }[], key: (r: never) => string) =>
    Object.fromEntries(rows.map((r) => [key(r as never), r.n]));
  return {
    log: byKey(logRows, (r: { status: string }) => r.status),
    reminders: byKey(reminderRows, (r: { status: string }) => r.status),
    jobs: byKey(jobRows, (r: { key: string }) => r.key),
    outbox: outboxRows[0]?.n ?? 0,
  };
}

/** Every reminder swept, every notification settled in the log, nothing left in the outbox or the queues. */
function isSettled(p: Progress, due: number): boolean {
  const settled = (p.log.sent ?? 0) + (p.log.failed ?? 0) + (p.log.skipped ?? 0);
  const liveJobs = Object.entries(p.jobs)
    .filter(([key]) => /:(created|retry|active)$/.test(key))
    .reduce((sum, [, n]) => sum + n, 0);
  return (
    (p.reminders.pending ?? 0) === 0 &&
    p.outbox === 0 &&
    settled >= due &&
    (p.log.queued ?? 0) === 0 &&
    liveJobs === 0
  );
}

function describe(p: Progress): string {
  const fmt = (o: Record<string, number>) =>
    Object.entries(o)
      .sort()
      .map(([k, n]) => `${k}=${n}`)
      .join(' ') || '-';
  return `log [${fmt(p.log)}] reminders [${fmt(p.reminders)}] jobs [${fmt(p.jobs)}] outbox=${p.outbox}`;
}

type SmsDelivery = { phoneNumber: string; message: string };

async function main(): Promise<number> {
  log(
    `node ${process.version}, ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  const pg = await timed('started embedded PostgreSQL', () =>
    harness.startTempDatabase('portico-bench-reminders-'),
  );
  await migrateDatabase(pg.url);
  await installJobSchema(pg.url);
  const database = createDb(pg.url, {
    max: 4,
    applicationName: 'bench-reminders',
    statementTimeoutMs: 600_000,
  });
  harness.addCleanup('setup pool', () => withTimeout(database.close(), 2_000));
  const { sites } = await prepareData(database);

  const channels = method === 'both' ? 2 : 1;
  // one recipient per task (the site's primary contact; the sites chosen have no secondary one)
  const due = taskCount * 1 * channels;
  log(
    `reminder_24h method=${method}: ${taskCount} reminders × 1 recipient × ${channels} channel(s) = ${due} due, over ${sites} sites`,
  );

  const standIns = await timed('stand-ins listening', () => startStandIns());
  log(`SNS stand-in ${standIns.snsEndpoint}, Resend stand-in ${standIns.resendBaseUrl}`);
  const filesDir = harness.tempFolder('sends folder', 'portico-bench-reminders-sends-');
  const worker1File = path.join(filesDir, 'worker-1.keys');
  // one after the other: two pg-boss instances creating the same queues at once is a race we are not measuring
  const worker1 = await timed('worker 1 ready', () => startWorker('worker-1', pg.url, standIns, worker1File));
  const worker2 = await timed('worker 2 ready', () =>
    startWorker('worker-2', pg.url, standIns, path.join(filesDir, 'worker-2.keys')),
  );

  const before = await readProgress(database);
  if (before.outbox !== 0 || Object.keys(before.log).length > 0) {
    throw new Error(`something was already queued before the reminders fell due: ${describe(before)}`);
  }

  // The reminders were parked far ahead while the workers started; this one statement makes them all due.
  const flipped = await database.sql`
    update scheduled_reminders set due_at = now() where status = 'pending' and due_at = ${PARKED_DUE_AT}::timestamptz`;
  const startedAt = performance.now();
  const elapsed = () => (performance.now() - startedAt) / 1000;
  log(`${flipped.count} reminders fell due; waiting for ${due} deliveries (timeout ${timeoutSeconds} s)`);

  let kill: {
    atSeconds: number;
    deliveredBefore: number;
    inFlight: { sms: number; email: number };
    liveClaimsBothWorkers: number;
  } | null = null;
  let lastReport = 0;
  let completedAt: number | null = null;
  for (;;) {
    const s = await summaries(standIns);
    const unique =
      s.sms.deliveries - s.sms.duplicateDeliveries + s.email.deliveries - s.email.duplicateDeliveries;
    const received = s.sms.deliveries + s.email.deliveries;

    if (!kill && received >= due * killAt) {
      // In flight in worker 1 = sends it had handed to a provider whose ledger row was not marked sent when it
      // died: exactly the sends a survivor may repeat (a claimed send not yet handed over cannot be duplicated).
      // Worker 1 gets no warning: SIGKILL first; its file of handed-over keys (each written before its request
      // left) then says what it had sent, and the ledger which of those were never marked. Ledger claims carry no
      // worker identity, so the unsent live claims of both workers are printed too, as an upper bound.
      const atSeconds = elapsed();
      const exited = new Promise<void>((resolve) => worker1.once('exit', () => resolve()));
      worker1.kill('SIGKILL');
      await exited;
      const handedOver = fs.readFileSync(worker1File, 'utf8').split('\n').filter(Boolean);
      const [rows, claims] = await Promise.all([
        database.sql<{ channel: 'sms' | 'email'; n: number }[]>`
          select l.channel, count(*)::int as n
          from notification_sends s join notification_log l on l.id = s.log_id
          where s.idempotency_key = any(${handedOver}::text[]) and s.sent_at is null
          group by l.channel`,
        database.sql<{ n: number }[]>`
          select count(*)::int as n from notification_sends
          where sent_at is null and claim_token is not null and claim_expires_at > now()`,
      ]);
      const inFlight = { sms: 0, email: 0 };
      for (const row of rows) inFlight[row.channel] = row.n;
      kill = { atSeconds, deliveredBefore: received, inFlight, liveClaimsBothWorkers: claims[0]?.n ?? 0 };
      log(
        `${atSeconds.toFixed(1)} s: SIGKILLed worker 1 at ${received} deliveries (${(received / atSeconds).toFixed(0)}/s so far); ` +
          `it had handed ${handedOver.length} sends to the providers, ` +
          `${inFlight.sms} SMS + ${inFlight.email} email of them not marked sent; ` +
          `unsent live claims of both workers: ${kill.liveClaimsBothWorkers}`,
      );
    }

    if (unique >= due) {
      const progress = await readProgress(database);
      if (isSettled(progress, due)) {
        completedAt = elapsed();
        break;
      }
    }
    if (elapsed() - lastReport >= 10) {
      lastReport = elapsed();
      log(
        `${elapsed().toFixed(0)} s: received sms=${s.sms.deliveries} email=${s.email.deliveries} (unique ${unique}/${due}); ` +
          describe(await readProgress(database)),
      );
    }
    if (elapsed() > timeoutSeconds) break;
    await sleep(250);
  }

  const seconds = completedAt ?? elapsed();
  const final = await summaries(standIns);
  // SMS: every accepted Publish is a text a person receives, and SNS has no idempotency key; a reminder's SMS
  // body names its task (the portal link), so (phone, body) identifies one notification.
  const smsDeliveries = await controlGet<SmsDelivery[]>(standIns.snsEndpoint, 'deliveries');
  const smsSeen = new Set<string>();
  let smsDuplicates = 0;
  for (const d of smsDeliveries) {
    const key = `${d.phoneNumber}\n${d.message}`;
    if (smsSeen.has(key)) smsDuplicates += 1;
    else smsSeen.add(key);
  }
  // Email: the Resend stand-in records a delivery only for a new Idempotency-Key (a repeat answers the first id
  // and sends nothing, as Resend does); its summary counts repeats by recipient + subject + text (text holds the
  // task's link), so a duplicate would show even if the key had not stopped it.
  const emailUnique = final.email.deliveries - final.email.duplicateDeliveries;
  const emailDuplicates = final.email.duplicateDeliveries;
  const delivered = smsSeen.size + emailUnique;
  const duplicates = smsDuplicates + emailDuplicates;
  const lost = Math.max(0, due - delivered);
  const inFlightAtKill = kill ? kill.inFlight.sms + kill.inFlight.email : 0;
  const perSecond = delivered / seconds;

  const progress = await readProgress(database);
  log(`final state: ${describe(progress)}`);
  log(
    `SNS: ${final.sms.requests} requests ${JSON.stringify(final.sms.byStatus)}, ${final.sms.deliveries} texts; ` +
      `Resend: ${final.email.requests} requests ${JSON.stringify(final.email.byStatus)}, ${final.email.deliveries} emails ` +
      `(${final.email.requests - final.email.deliveries} requests answered without sending: idempotent repeats or errors)`,
  );
  if (kill) {
    const after = seconds - kill.atSeconds;
    log(
      `before the kill: ${kill.deliveredBefore} in ${kill.atSeconds.toFixed(1)} s (${(kill.deliveredBefore / kill.atSeconds).toFixed(0)}/s, two workers); ` +
        `after: ${delivered - kill.deliveredBefore} more in ${after.toFixed(1)} s (worker 2 alone, including the wait for the dead worker's claims and jobs to expire)`,
    );
  }
  if (delivered > due) log(`WARNING: ${delivered - due} unique deliveries more than were due`);

  console.log(
    `due=${due} delivered=${delivered} lost=${lost} duplicates=${duplicates} in_flight_at_kill=${inFlightAtKill} ` +
      `seconds=${seconds.toFixed(1)} per_second=${perSecond.toFixed(0)}`,
  );
  const smsAllowance = kill ? kill.inFlight.sms : 0;
  const required = [
    { label: `lost=${lost}`, bar: '=0', ok: lost === 0 },
    { label: `email_duplicates=${emailDuplicates}`, bar: '=0', ok: emailDuplicates === 0 },
    {
      label: `sms_duplicates=${smsDuplicates}`,
      bar: `<=${smsAllowance} sms in flight`,
      ok: smsDuplicates <= smsAllowance,
    },
  ];
  const aimOk = perSecond >= bars.perSecond;
  const requiredOk = required.every((r) => r.ok) && kill !== null;
  console.log(
    `verdict=${requiredOk ? 'pass' : 'fail'} aim=${aimOk ? 'met' : 'missed'} ` +
      required.map((r) => `${r.label}(${r.bar} ${r.ok ? 'ok' : 'MISSED'})`).join(' ') +
      ` per_second=${perSecond.toFixed(0)}(>=${bars.perSecond} ${aimOk ? 'ok' : 'missed'})` +
      (kill ? '' : ' kill=never-happened'),
  );
  void worker2;
  if (completedAt === null) {
    log(`the run did not complete within ${timeoutSeconds} s`);
    return 1;
  }
  if (!kill) {
    log('worker 1 was never killed');
    return 1;
  }
  return 0;
}

harness.run(main);
