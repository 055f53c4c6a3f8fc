// `pnpm bench:api`: on a throw-away PostgreSQL holding an organization of 100,000 tasks, measures tasks.list
// over tRPC against the same SQL on a plain Fastify + postgres.js route, and tasks.create; prints one line each.
import { systemClock, type CoreContext } from '@portico/core';
import { buildListTasksQuery } from '@portico/core/tasks/list-tasks';
import { createDb, migrateDatabase, schema, type Database } from '@portico/db';
import { isDatabaseEmpty, seedDemo } from '@portico/server/demo/seed-demo';
import { eq } from 'drizzle-orm';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addBulkCustomers, addBulkTasks } from './bench/bulk-data';
import { createBenchHarness, log, timed, withTimeout } from './bench/harness';
import {
  formatMeasurement,
  measure,
  measureOpenLoad,
  stopRunningMeasurement,
  type Measurement,
} from './bench/measure';
import type { BenchServerMessage, BenchServerRequest, BenchServerStart } from './bench/protocol';
import { summariseProfile, type CpuProfile } from './bench/profile';
import { isCpuAccountingAvailable, postmasterPid, watchCpu } from './bench/cpu';

const bars = { listRatio: 0.6, listP99Ms: 50, listRps: 1000, createRps: 300, createP95Ms: 100 };

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    /** Steady arrival rate for the open-model latency run of tasks.list (default: 60% of its capacity). */
    rate: { type: 'string' },
    tasks: { type: 'string', default: '100000' },
    customers: { type: 'string', default: '5000' },
    /** Server on CPU 0, this load generator on CPU 1 (PostgreSQL floats): needs taskset and 2+ CPUs. */
    pin: { type: 'boolean', default: false },
    /** Also measure the layers one by one (session check, unprepared SQL, core function as JSON). */
    breakdown: { type: 'boolean', default: false },
    /** Also profile the bench server's CPU during one more run of tasks.list and of the plain route. */
    profile: { type: 'boolean', default: false },
  },
});
const durationSeconds = Number(args.duration);
const warmupSeconds = Number(args.warmup);
const connections = Number(args.connections);
const totalTasks = Number(args.tasks);
const bulkCustomers = Number(args.customers);

const repoRoot = path.resolve(import.meta.dirname, '..');
const harness = createBenchHarness({ onStop: stopRunningMeasurement });

async function prepareData(
  database: Database,
): Promise<{ organizationId: string; sites: { id: string; customerId: string }[] }> {
  if (!(await isDatabaseEmpty(database.db))) throw new Error('the bench database is not empty');
  const credentials = await seedDemo(database.db, { clock: systemClock });
  const [org] = await database.db
    .select({ id: schema.organizations.id })
    .from(schema.organizations)
    .where(eq(schema.organizations.slug, credentials.organizationSlug));
  if (!org) throw new Error('the demo organization is missing');
  const [earliest] = await database.sql<{ day: string }[]>`
    select min(appointment_date)::text as day from tasks where organization_id = ${org.id}`;
  await timed(`added ${bulkCustomers} customers with a contact and a site each`, () =>
    addBulkCustomers(database.sql, org.id, bulkCustomers),
  );
  const added = await timed(`bulk-inserted tasks up to ${totalTasks} in one statement`, () =>
    addBulkTasks(database.sql, {
      organizationId: org.id,
      total: totalTasks,
      before: earliest!.day,
      now: new Date(),
    }),
  );
  await timed('analyze', () => database.sql`analyze`.then(() => undefined));
  const [stats] = await database.sql<{ tasks: number; first: string; last: string; overbooked: number }[]>`
    select count(*)::int as tasks, min(appointment_date)::text as first, max(appointment_date)::text as last,
      (select count(*)::int from (
         select 1 from tasks t join appointment_windows w on w.id = t.window_id
         where t.organization_id = ${org.id} and t.status not in ('cancelled', 'failed')
         group by w.id, t.appointment_date having count(*) > w.capacity_per_day) o) as overbooked
    from tasks where organization_id = ${org.id}`;
  log(
    `organization has ${stats!.tasks} tasks (${added} bulk), appointments ${stats!.first} .. ${stats!.last}, ` +
      `${stats!.overbooked} window-days over capacity`,
  );
  const sites = await database.sql<{ id: string; customerId: string }[]>`
    select id, customer_id as "customerId" from sites where organization_id = ${org.id} order by id limit 2000`;
  return { organizationId: org.id, sites: [...sites] };
}

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: PlanNode[] };

/** One line on how PostgreSQL runs the list query: its plan's nodes and the execution time. */
async function explainList(database: Database, organizationId: string, listInput: object): Promise<string> {
  const ctx: CoreContext = {
    db: database.db,
    clock: systemClock,
    organizationId,
    actor: { type: 'system', id: null },
  };
  const query = buildListTasksQuery(ctx, listInput).toSQL();
  const explain = `explain (analyze, buffers, format json) ${query.sql}`;
  const [row] = await database.sql.unsafe<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }[]>(
    explain,
    query.params as never[],
  );
  const plan = row!['QUERY PLAN'][0];
  const nodes: string[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node['Index Name'] ? `${node['Node Type']} using ${node['Index Name']}` : node['Node Type']);
    node.Plans?.forEach(walk);
  };
  walk(plan.Plan);
  return `${plan['Execution Time'].toFixed(2)} ms in PostgreSQL; plan: ${nodes.join(' > ')}`;
}

function hasTaskset(): boolean {
  return spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0 && os.availableParallelism() >= 2;
}

async function startBenchServer(
  config: BenchServerStart,
  pin: boolean,
): Promise<{ child: ChildProcess; port: number }> {
  const nodeArgs = ['--import', 'tsx', path.join(repoRoot, 'scripts/bench/bench-server.ts')];
  const options = { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] as const };
  const child: ChildProcess = pin
    ? spawn('taskset', ['-c', '0', process.execPath, ...nodeArgs], { ...options, stdio: [...options.stdio] })
    : spawn(process.execPath, nodeArgs, { ...options, stdio: [...options.stdio] });
  harness.trackChild('bench server', child);
  const { port } = await ask(child, config, 'listening', 60_000);
  return { child, port };
}

/** Sends a message to the bench server and waits for the answer of the expected type. */
function ask<T extends BenchServerMessage['type']>(
  child: ChildProcess,
  message: BenchServerRequest,
  expected: T,
  timeoutMs: number,
): Promise<Extract<BenchServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timeout);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const timeout = setTimeout(() => {
      done();
      reject(new Error(`the bench server did not answer ${message.type} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`the bench server exited (code ${code}) while answering ${message.type}`));
    };
    const onMessage = (answer: BenchServerMessage) => {
      done();
      if (answer.type === expected) resolve(answer as Extract<BenchServerMessage, { type: T }>);
      else
        reject(
          new Error(`the bench server answered ${answer.type}: ${'error' in answer ? answer.error : ''}`),
        );
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}

// The wire transformer (packages/validators/src/wire.ts) leaves these payloads as plain JSON: no dates in them.
type TrpcResponse<T> = { result?: { data?: T }; error?: { message?: string } };

async function callTrpc<T>(base: string, pathAndQuery: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${base}${pathAndQuery}`, init);
  const body = (await response.json()) as TrpcResponse<T>;
  if (!response.ok || body.result?.data === undefined) {
    throw new Error(
      `${pathAndQuery.split('?')[0]} answered ${response.status}: ${body.error?.message ?? JSON.stringify(body)}`,
    );
  }
  return body.result.data;
}

function trpcQueryPath(procedure: string, input: unknown): string {
  return `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

function report(m: Measurement): void {
  console.log(formatMeasurement(m));
  if (m.cpu) log(`${m.name}: ${m.cpu}`);
}

function verdict(
  list: Measurement,
  plain: Measurement,
  create: Measurement,
  listAtRate: Measurement,
  offeredRate: number,
): string {
  const ratio = list.rps / plain.rps;
  const check = (label: string, value: number, ok: boolean, bar: string) =>
    `${label}=${Number.isInteger(value) ? value : value.toFixed(2)}(${bar} ${ok ? 'ok' : 'MISSED'})`;
  const required = [
    check('list_ratio', ratio, ratio >= bars.listRatio, `>=${bars.listRatio}`),
    check('list_p99_ms', list.p99, list.p99 < bars.listP99Ms, `<${bars.listP99Ms}`),
  ];
  const aims = [
    check(
      `list_p99_ms_at_${offeredRate}rps`,
      listAtRate.p99,
      listAtRate.p99 < bars.listP99Ms,
      `<${bars.listP99Ms}`,
    ),
    check('list_rps', Math.round(list.rps), list.rps >= bars.listRps, `>=${bars.listRps}`),
    check('create_rps', Math.round(create.rps), create.rps >= bars.createRps, `>=${bars.createRps}`),
    check('create_p95_ms', create.p95, create.p95 < bars.createP95Ms, `<${bars.createP95Ms}`),
  ];
  const requiredOk = ratio >= bars.listRatio && list.p99 < bars.listP99Ms;
  const aimsOk = aims.every((a) => a.endsWith('ok)'));
  return `verdict=${requiredOk ? 'pass' : 'fail'} aims=${aimsOk ? 'met' : 'missed'} ${[...required, ...aims].join(' ')}`;
}

async function main(): Promise<number> {
  const pin = args.pin && hasTaskset();
  if (args.pin && !pin) log('--pin asked but taskset or a second CPU is missing: not pinning');
  log(
    `node ${process.version}, ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ` +
      `${connections} connections, ${warmupSeconds} s warm-up + ${durationSeconds} s per measurement, ` +
      `pinning: ${pin ? 'server on CPU 0, load generator on CPU 1, PostgreSQL unpinned' : 'none'}`,
  );

  const loadBefore = os.loadavg()[0]!;
  log(`load average before: ${loadBefore.toFixed(2)}`);
  if (loadBefore > 0.5 * os.availableParallelism()) {
    log('WARNING: the machine is busy with other work; these figures will be low and noisy');
  }

  const pg = await timed('started embedded PostgreSQL', () => harness.startTempDatabase('portico-bench-'));
  await migrateDatabase(pg.url);
  const database = createDb(pg.url, {
    max: 4,
    applicationName: 'portico-bench-setup',
    statementTimeoutMs: 600_000,
  });
  harness.addCleanup('setup pool', () => withTimeout(database.close(), 2_000));
  const [version] = await database.sql<{ server_version: string }[]>`show server_version`;
  log(`PostgreSQL ${version?.server_version}`);
  const { organizationId, sites } = await prepareData(database);

  const listInput = {};
  log(`tasks.list SQL (default first page): ${await explainList(database, organizationId, listInput)}`);
  const server = await timed('bench server listening', () =>
    startBenchServer({ type: 'start', databaseUrl: pg.url, listInput }, pin),
  );
  if (pin) spawnSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${server.port}`;

  const signIn = await callTrpc<{ token: string }>(base, '/trpc/auth.signIn', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'dispatcher@northwind.test', password: 'portico-dispatch-demo' }),
  });
  const headers = { authorization: `Bearer ${signIn.token}` };
  log('signed in through auth.signIn as the demo dispatcher');

  // The two list endpoints must answer the same tasks, or the comparison means nothing.
  const listPath = trpcQueryPath('tasks.list', listInput);
  const page = await callTrpc<{ items: { id: string }[] }>(base, listPath, { headers });
  const plainResponse = await fetch(`${base}/bench/plain-tasks`, { headers });
  const plainRows = (await plainResponse.json()) as { id?: string }[];
  // the query reads one row past the page to know whether another page follows
  const sameIds =
    page.items.length > 0 &&
    plainRows.length - page.items.length <= 1 &&
    page.items.every((item, i) => plainRows[i]?.id === item.id);
  log(
    `tasks.list page: ${page.items.length} tasks; plain route: ${plainRows.length} rows; same tasks: ${sameIds}`,
  );
  if (!plainResponse.ok || !sameIds)
    throw new Error('the plain route does not answer what tasks.list answers');

  let next = 0;
  const createBody = () => {
    const site = sites[next++ % sites.length]!;
    return JSON.stringify({
      customerId: site.customerId,
      siteId: site.id,
      serviceType: 'AC tune-up',
      description: 'Created by bench:api.',
      schedulingMode: 'customer_selects',
    });
  };
  await callTrpc(base, '/trpc/tasks.create', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: createBody(),
  });

  const cpu = isCpuAccountingAvailable()
    ? watchCpu({ server: server.child.pid!, postmaster: postmasterPid(pg.dataDir) })
    : undefined;
  const common = { connections, headers, cpu };
  const postHeaders = { ...headers, 'content-type': 'application/json' };
  log('warming up');
  await measure({ ...common, name: 'warmup', url: `${base}${listPath}`, durationSeconds: warmupSeconds });
  await measure({
    ...common,
    name: 'warmup',
    url: `${base}/bench/plain-tasks`,
    durationSeconds: warmupSeconds,
  });
  await measure({
    ...common,
    name: 'warmup',
    url: `${base}/trpc/tasks.create`,
    headers: postHeaders,
    method: 'POST',
    nextBody: createBody,
    durationSeconds: Math.min(warmupSeconds, 2),
  });

  const results: Measurement[] = [];
  const list = await measure({ ...common, name: 'tasks.list', url: `${base}${listPath}`, durationSeconds });
  report(list);
  results.push(list);
  const plain = await measure({
    ...common,
    name: 'plain.tasks',
    url: `${base}/bench/plain-tasks`,
    durationSeconds,
  });
  report(plain);
  results.push(plain);
  const create = await measure({
    ...common,
    name: 'tasks.create',
    url: `${base}/trpc/tasks.create`,
    headers: postHeaders,
    method: 'POST',
    nextBody: createBody,
    durationSeconds,
  });
  report(create);
  results.push(create);

  // The runs above are closed-loop: 50 connections each wait for an answer before sending again, so at
  // saturation p99 is mostly queueing (about 50 / rps). This one sends at a steady rate below saturation
  // (--rate, default 60% of the measured capacity) over at most the same 50 connections: the latency real
  // traffic would see (an open model).
  const offeredRate = args.rate ? Number(args.rate) : Math.max(10, Math.round((list.rps * 0.6) / 10) * 10);
  const listAtRate = await measureOpenLoad({
    name: `tasks.list@${offeredRate}rps`,
    url: `${base}${listPath}`,
    connections,
    headers,
    durationSeconds,
    rate: offeredRate,
  });
  report(listAtRate);
  results.push(listAtRate);

  console.log(`ratio=${(list.rps / plain.rps).toFixed(2)}`);
  console.log(verdict(list, plain, create, listAtRate, offeredRate));

  if (args.breakdown) {
    log('breakdown: each route adds one layer of what tasks.list does');
    const layers = [
      { name: 'bench.session', path: '/bench/session' },
      { name: 'bench.plain-prepared', path: '/bench/plain-tasks-prepared' },
      { name: 'bench.plain-generic-plan', path: '/bench/plain-tasks-generic' },
      { name: 'bench.core-list-json', path: '/bench/core-list' },
    ];
    const byName = new Map<string, Measurement>([
      ['tasks.list', list],
      ['plain.tasks', plain],
    ]);
    for (const layer of layers) {
      const m = await measure({ ...common, name: layer.name, url: `${base}${layer.path}`, durationSeconds });
      report(m);
      results.push(m);
      byName.set(layer.name, m);
    }
    // At saturation, 1/rps is the machine time one request costs; differences are what a layer adds.
    const cost = (name: string) => 1000 / byName.get(name)!.rps;
    const share = (label: string, from: string, to: string) =>
      log(`${label}: ${(cost(to) - cost(from)).toFixed(2)} ms per request`);
    log(`session check alone: ${cost('bench.session').toFixed(2)} ms per request (HTTP + session lookup)`);
    share(
      'the list SQL as unsafe() sends it (unnamed statement) + rows as JSON',
      'bench.session',
      'plain.tasks',
    );
    share(
      'a named statement instead (one round trip, still planned each time)',
      'plain.tasks',
      'bench.plain-prepared',
    );
    share('a named statement on a generic plan (no planning)', 'plain.tasks', 'bench.plain-generic-plan');
    share(
      'drizzle query execution, result mapping and listTasks paging',
      'plain.tasks',
      'bench.core-list-json',
    );
    share('tRPC + zod input/output + wire transformer', 'bench.core-list-json', 'tasks.list');
  }

  if (args.profile) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-profile-'));
    for (const target of [
      { name: 'tasks.list', url: `${base}${listPath}` },
      { name: 'plain.tasks', url: `${base}/bench/plain-tasks` },
    ]) {
      const file = path.join(folder, `${target.name}.cpuprofile`);
      await ask(server.child, { type: 'profile-start' }, 'profile-started', 10_000);
      const m = await measure({
        ...common,
        name: `${target.name} (profiled)`,
        url: target.url,
        durationSeconds,
      });
      await ask(server.child, { type: 'profile-stop', file }, 'profile-written', 60_000);
      results.push(m);
      const summary = summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile);
      const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
      log(
        `profile ${target.name}: ${Math.round(m.rps)} rps while profiled, server busy ${(summary.busyMs / 1000).toFixed(1)} s ` +
          `(${((summary.busyMs / 1000 / m.requests) * 1e6).toFixed(0)} µs CPU per request), idle ${(summary.idleMs / 1000).toFixed(1)} s`,
      );
      log(`  by package: ${summary.byOwner.map((o) => `${o.owner} ${pct(o.share)}`).join(', ')}`);
      for (const f of summary.topFunctions) log(`  ${pct(f.share).padStart(6)}  ${f.name}`);
    }
    log(`profiles kept in ${folder} (open them in Chrome DevTools > Performance)`);
  }

  const broken = results.filter((r) => r.errors > 0 || r.non2xx > 0);
  for (const r of broken) log(`${r.name}: ${r.errors} errors, status codes ${JSON.stringify(r.statusCodes)}`);
  return broken.length > 0 ? 1 : 0;
}

harness.run(main);
