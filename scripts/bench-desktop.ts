// `pnpm bench:desktop`: on a throw-away PostgreSQL holding an organization of 10,000 tasks, serves the desktop
// renderer's browser build with the real server, opens the task list in Chromium signed in, and prints the
// time to first render (navigation start → first row painted) and the median time to apply a filter
// (click → the list showing the filtered rows). Figures only, no pass/fail.
import { systemClock } from '@portico/core';
import { createDb, migrateDatabase, schema, type Database } from '@portico/db';
import { findFreePort } from '@portico/db/embedded';
import { buildServer } from '@portico/server/app';
import { isDatabaseEmpty, seedDemo } from '@portico/server/demo/seed-demo';
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { addBulkCustomers, addBulkTasks } from './bench/bulk-data';
import { createBenchHarness, log, sleep, timed, withTimeout } from './bench/harness';

const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '10000' },
    customers: { type: 'string', default: '1000' },
    /** Page loads measured after the first (cold) one. */
    loads: { type: 'string', default: '5' },
    /** Filter changes measured. */
    filters: { type: 'string', default: '10' },
  },
});
const totalTasks = Number(args.tasks);
const bulkCustomers = Number(args.customers);
const warmLoads = Number(args.loads);
const filterRuns = Number(args.filters);

const repoRoot = path.resolve(import.meta.dirname, '..');
const rendererDist = path.join(repoRoot, 'apps/desktop/dist-renderer');
const CHROMIUM_PATH = '/usr/bin/chromium';
const TOKEN_KEY = 'portico.desktop.sessionToken';
const aims = { firstRenderMs: 1000, filterMs: 100 };

const harness = createBenchHarness();

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

async function prepareData(database: Database): Promise<{ email: string; password: string }> {
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
  await timed(`bulk-inserted tasks up to ${totalTasks}`, () =>
    addBulkTasks(database.sql, {
      organizationId: org.id,
      total: totalTasks,
      before: earliest!.day,
      now: new Date(),
    }),
  );
  await database.sql`analyze`;
  const [stats] = await database.sql<{ tasks: number }[]>`
    select count(*)::int as tasks from tasks where organization_id = ${org.id}`;
  log(`organization has ${stats!.tasks} tasks`);
  return { email: credentials.dispatcherEmail, password: credentials.dispatcherPassword };
}

/** Signs in through auth.signIn over HTTP, as the renderer would. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as {
    result?: { data?: { token?: string } };
    error?: { message: string };
  };
  const token = body.result?.data?.token;
  if (!response.ok || !token)
    throw new Error(`auth.signIn answered ${response.status}: ${body.error?.message}`);
  return token;
}

/**
 * Runs in the page before its own scripts: the session token where the browser bridge looks for it, and the
 * moment the first task row is painted (the frame after it enters the DOM). Page code is kept as text: this
 * file is type-checked without the DOM, and tsx would wrap named functions in a helper the page lacks.
 */
function pageSetup(token: string): string {
  return `
    sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)});
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-task-id]')) return;
      observer.disconnect();
      requestAnimationFrame(() => { window.__firstRowAt = performance.now(); });
    });
    observer.observe(document, { childList: true, subtree: true });`;
}

/** Loads the task list; answers ms from navigation start to the first painted row. */
async function measureFirstRender(page: Page, url: string): Promise<number> {
  // from a blank page: going to the same URL again would only be a same-document hash change
  await page.goto('about:blank');
  await page.goto(url);
  // polled from here (the stamp itself is taken in the page): waitForFunction would eval, which the CSP refuses
  const deadline = Date.now() + 30_000;
  while ((await page.evaluate<unknown>('window.__firstRowAt')) === undefined) {
    if (Date.now() > deadline) throw new Error('no task row appeared within 30 s');
    await sleep(20);
  }
  return page.evaluate<number>('window.__firstRowAt');
}

/** Where the last load's time went: when the script, the session check and the first page of tasks arrived. */
async function describeLoad(page: Page): Promise<string> {
  const entries = await page.evaluate<{ name: string; start: number; end: number }[]>(
    `performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd }))`,
  );
  const span = (label: string, part: string) => {
    const entry = entries.find((e) => e.name.includes(part));
    return entry ? `${label} ${entry.start.toFixed(0)}–${entry.end.toFixed(0)} ms` : `${label} not seen`;
  };
  return [span('script', '.js'), span('auth.me', 'auth.me'), span('tasks.list', 'tasks.list')].join(', ');
}

/**
 * Clicks the n-th status toggle and answers ms until the list shows the rows of the new filter (its
 * data-filters changed and data-state is back to ready), measured inside the page, to the next frame.
 */
function measureFilter(page: Page, toggleIndex: number): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const scroller = document.querySelector('[data-filters][data-state]');
    const toggles = document.querySelectorAll('[role="group"][aria-label="Status"] button');
    const toggle = toggles[${toggleIndex} % toggles.length];
    if (!scroller || !toggle) return reject(new Error('the task list or its status filter is not on the page'));
    const before = scroller.dataset.filters;
    const timer = setTimeout(() => reject(new Error('the list did not update within 10 s')), 10000);
    const observer = new MutationObserver(() => {
      if (scroller.dataset.filters === before || scroller.dataset.state !== 'ready') return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - started));
    });
    observer.observe(scroller, { attributes: true, attributeFilter: ['data-filters', 'data-state'] });
    const started = performance.now();
    toggle.click();
  })`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(rendererDist, 'index.html'))) {
    throw new Error('No renderer build: run `pnpm --filter @portico/desktop build:renderer` first.');
  }
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is expected at ${CHROMIUM_PATH}.`);
  const loadBefore = os.loadavg()[0]!;
  log(`load average before: ${loadBefore.toFixed(2)}`);
  if (loadBefore > 0.5 * os.availableParallelism()) {
    log('WARNING: the machine is busy with other work; these figures will be high and noisy');
  }

  const pg = await timed('started embedded PostgreSQL', () =>
    harness.startTempDatabase('portico-bench-desktop-'),
  );
  await migrateDatabase(pg.url);
  const database = createDb(pg.url, { max: 8, applicationName: 'portico-bench-desktop' });
  harness.addCleanup('database pool', () => withTimeout(database.close(), 2_000));
  const credentials = await prepareData(database);

  const port = await findFreePort();
  const base = `http://localhost:${port}`;
  const app = await buildServer({ db: database.db, jobs: null, clock: systemClock, publicOrigin: base });
  // The renderer's browser build under /desktop/, as the browser tests serve it.
  app.get('/desktop/*', async (request, reply) => {
    const wanted = (request.params as { '*': string })['*'] || 'index.html';
    const file = path.resolve(rendererDist, wanted);
    if (!file.startsWith(rendererDist + path.sep) || !fs.existsSync(file)) return reply.code(404).send();
    return reply
      .type(contentTypes[path.extname(file)] ?? 'application/octet-stream')
      .send(await fs.promises.readFile(file));
  });
  await app.listen({ host: '127.0.0.1', port });
  harness.addCleanup('server', () => withTimeout(app.close(), 3_000));
  const token = await signIn(base, credentials.email, credentials.password);
  log('signed in through auth.signIn as the demo dispatcher');

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  harness.addCleanup('chromium', () => withTimeout(browser.close(), 3_000));
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  await context.addInitScript({ content: pageSetup(token) });
  const page = await context.newPage();
  const listUrl = `${base}/desktop/#/tasks`;

  const cold = await measureFirstRender(page, listUrl);
  const warm: number[] = [];
  for (let i = 0; i < warmLoads; i += 1) warm.push(await measureFirstRender(page, listUrl));
  log(`last load: ${await describeLoad(page)}`);
  const rows = await page.locator('[data-task-id]').count();
  log(`the list rendered ${rows} rows in the DOM for ${totalTasks} tasks (virtualized)`);

  // Each run adds or removes one status, so every filter is new to the query cache and goes to the server.
  await page.locator('[data-filters][data-state="ready"]').waitFor();
  const filters: number[] = [];
  for (let i = 0; i < filterRuns; i += 1) filters.push(await measureFilter(page, i));

  console.log(
    `desktop task list, ${totalTasks} tasks: first render ${ms(cold)} cold, ` +
      `${ms(median(warm))} median of ${warm.length} reloads (aim < ${aims.firstRenderMs} ms)`,
  );
  console.log(
    `desktop task list: apply a filter ${ms(median(filters))} median of ${filters.length} ` +
      `(min ${ms(Math.min(...filters))}, max ${ms(Math.max(...filters))}; aim < ${aims.filterMs} ms)`,
  );
  return 0;
}

harness.run(main);
