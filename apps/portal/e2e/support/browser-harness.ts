// Shared by every browser test: the real server on a fresh test database, Debian's Chromium, screenshots.
import { findFreePort } from '@portico/db/embedded';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { systemClock } from '@portico/core';
import { startJobSystem, type JobSystem } from '@portico/jobs';
import { createChannelProviders } from '@portico/notifications';
import {
  standInProviderConfig,
  startResendStandIn,
  startSnsStandIn,
  type ResendStandIn,
  type SnsStandIn,
} from '@portico/notifications/testing';
import { buildServer } from '@portico/server/app';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = path.resolve(import.meta.dirname, '../../../..');
export const screenshotDir = path.join(repoRoot, 'test-output', 'screenshots');

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type PorticoServer = Awaited<ReturnType<typeof buildServer>>;

export type TestServer = {
  /** e.g. http://127.0.0.1:43123 — also the server's public origin, so the CSRF rule admits the page. */
  url: string;
  app: PorticoServer;
  database: TestDatabase;
  /** With `withJobs`: the worker and the SMS and email stand-ins the real SDK clients deliver to. */
  jobs: JobSystem | null;
  sms: SnsStandIn | null;
  email: ResendStandIn | null;
  close: () => Promise<void>;
};

/** Fails with the command to run when a front end has not been built, instead of a blank page later. */
export function requireBuild(distDir: string, buildCommand: string): string {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(
      `No build at ${path.relative(repoRoot, distDir)}: run \`${buildCommand}\` (pnpm test:e2e does).`,
    );
  }
  return distDir;
}

/**
 * buildServer on a fresh database, listening on 127.0.0.1. The port is picked before the server is built
 * because the public origin (and with it the allowed Origin of sign-in requests) must include it.
 */
export async function startTestServer(
  options: {
    configure?: (app: PorticoServer) => Promise<void>;
    /** Run the job worker in-process, sending SMS and email with the real SDKs to local stand-ins. */
    withJobs?: boolean;
    /** Runs on the fresh database before the server starts (seed data). */
    prepare?: (database: TestDatabase) => Promise<void>;
  } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const cleanups: (() => Promise<unknown>)[] = [() => database.close()];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    await options.prepare?.(database);
    const port = await findFreePort();
    // localhost (not 127.0.0.1) is the origin a developer opens; Chromium treats both as secure contexts
    const url = `http://localhost:${port}`;
    let jobs: JobSystem | null = null;
    let sms: SnsStandIn | null = null;
    let email: ResendStandIn | null = null;
    if (options.withJobs) {
      sms = await startSnsStandIn();
      cleanups.push(() => sms!.close());
      email = await startResendStandIn();
      cleanups.push(() => email!.close());
      const providers = createChannelProviders(
        standInProviderConfig({
          sns: sms.url,
          resend: email.url,
          emailFrom: 'Portico <notifications@portico.test>',
        }),
        database.db,
      );
      jobs = await startJobSystem({
        connectionString: database.url,
        role: 'worker',
        worker: { db: database.db, providers, publicOrigin: url, clock: systemClock },
      });
      const running = jobs;
      cleanups.push(() => running.stop());
    }
    const app = await buildServer({ db: database.db, jobs, clock: systemClock, publicOrigin: url });
    await options.configure?.(app);
    await app.listen({ host: '127.0.0.1', port });
    cleanups.push(() => app.close());
    return { url, app, database, jobs, sms, email, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

export type TestBrowser = {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and console errors (CSP violations, failed loads), in order. */
  problems: string[];
  close: () => Promise<void>;
};

/** Chromium with a fresh profile (no cache, storage or cookies from any earlier run) and one page. */
export async function openBrowser(options: {
  viewport: { width: number; height: number };
  isMobile?: boolean;
}): Promise<TestBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: options.viewport,
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    locale: 'en-US',
    timezoneId: 'America/Chicago',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return {
    page,
    context,
    problems,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves test-output/screenshots/<name>.png, the record a person looks at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The page's content width minus the viewport's: above 0 means something forces sideways scrolling. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/** axe-core in the page: serious and critical WCAG violations, by rule and first target. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // evaluated through DevTools, which the page's Content Security Policy (script-src 'self') does not govern
  await page.evaluate(fs.readFileSync(axePath, 'utf8'));
  const result = await page.evaluate<{ id: string; impact: string | null; target: string }[]>(`
    axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then((r) =>
      r.violations.map((v) => ({ id: v.id, impact: v.impact, target: String(v.nodes[0]?.target ?? '') })))
  `);
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${v.target}`);
}
