// The development outbox page in Chromium, served by the real server in development mode.
import { systemClock } from '@portico/core';
import { schema } from '@portico/db';
import { findFreePort } from '@portico/db/embedded';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';
import {
  horizontalOverflow,
  openBrowser,
  saveScreenshot,
  type TestBrowser,
} from '../../portal/e2e/support/browser-harness';

let database: TestDatabase;
let app: FastifyInstance;
let url: string;
let browser: TestBrowser;

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await findFreePort();
  url = `http://127.0.0.1:${port}`;
  app = await buildServer({
    db: database.db,
    jobs: null,
    clock: systemClock,
    publicOrigin: url,
    portalDist: null,
    nodeEnv: 'development',
  });
  await app.listen({ host: '127.0.0.1', port });
  const minute = 60_000;
  const now = Date.now();
  await database.db.insert(schema.devOutbox).values([
    {
      type: 'booking_invite',
      channel: 'sms',
      recipient: '+15125550142',
      body: 'Brightside Plumbing: Hi Pat, please choose a time for your visit at 100 Congress Ave, Austin, TX 78701: http://localhost:3000/p/brightside/access/k3q7v2m9x4c8b6n5z1w0r2t4y6u8i0o2',
      createdAt: new Date(now - 12 * minute),
    },
    {
      type: 'booking_confirmation',
      channel: 'email',
      recipient: 'pat@example.test',
      subject: 'Your visit is booked for Tuesday, March 10',
      body: 'Hi Pat,\n\nYour visit at 100 Congress Ave, Austin, TX 78701 is booked for Tuesday, March 10, 8:00 AM – 12:00 PM.\n\nTo see the details or choose another time, open your customer portal:\nhttp://localhost:3000/p/brightside/tasks/2\n\nThank you,\nBrightside Plumbing\n(555) 010-2030',
      html: '<p>Hi Pat</p>',
      createdAt: new Date(now - 5 * minute),
    },
    {
      type: 'technician_en_route',
      channel: 'sms',
      recipient: '+15125550199',
      body: 'Brightside Plumbing: Your technician Tess Tech is on the way to 100 Congress Ave. <Details>: http://localhost:3000/p/brightside/tasks/2',
      createdAt: new Date(now - minute),
    },
  ]);
  browser = await openBrowser({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

describe('development outbox page', () => {
  it('shows every message newest first, readable, and keeps itself fresh', async () => {
    const { page } = browser;
    const response = await page.goto(`${url}/dev/outbox`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Development outbox');
    const articles = page.locator('article');
    expect(await articles.count()).toBe(3);
    expect(await articles.nth(0).textContent()).toContain('technician_en_route');
    // text that looks like markup is shown as written
    expect(await articles.nth(0).locator('pre').textContent()).toContain('<Details>');
    expect(await articles.nth(1).locator('h2').textContent()).toBe(
      'Your visit is booked for Tuesday, March 10',
    );
    expect(await articles.nth(2).textContent()).toContain('booking_invite');
    expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toMatch(/^\d+$/);
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, 'dev-outbox');
    expect(browser.problems).toEqual([]);
  });
});
