// buildServer over real HTTP: health (and its failures), limits on bad input, the portal, headers, tRPC auth.
import { createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { systemClock } from '@portico/core';
import { createDb, type Database } from '@portico/db';
import { findFreePort } from '@portico/db/embedded';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { startJobSystem, type JobSystem } from '@portico/jobs';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type BuildServerOptions } from './app';
import { createLogger } from './logger';

let t: TestDatabase;
let jobs: JobSystem;
let fixture: OrgFixture;
let portalDist: string;
const servers: FastifyInstance[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  jobs = await startJobSystem({ connectionString: t.url, role: 'producer' });
  fixture = await createOrgFixture(t.db);
  portalDist = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-portal-dist-'));
  fs.mkdirSync(path.join(portalDist, 'assets'));
  fs.writeFileSync(
    path.join(portalDist, 'index.html'),
    '<!doctype html><title>Portal shell</title><div id="root"></div>',
  );
  fs.writeFileSync(path.join(portalDist, 'assets', 'app-abc123.js'), 'console.log("portal")');
});

afterAll(async () => {
  for (const app of servers) await app.close();
  await jobs.stop();
  await t.close();
  fs.rmSync(portalDist, { recursive: true, force: true });
});

/** A server listening on a free port; closed in afterAll. */
async function serve(overrides: Partial<BuildServerOptions> = {}): Promise<string> {
  const app = await buildServer({
    db: t.db,
    jobs,
    clock: systemClock,
    publicOrigin: 'http://portal.test',
    portalDist,
    ...overrides,
  });
  servers.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

let base: string;
beforeAll(async () => {
  base = await serve();
});

describe('GET /health', () => {
  it('answers 200 with every part ok', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok', jobs: 'ok' });
  });

  it('answers 503 naming the database when PostgreSQL cannot be reached', async () => {
    const port = await findFreePort(); // nothing listens there
    const unreachable: Database = createDb(`postgres://postgres:x@127.0.0.1:${port}/portico`, { max: 1 });
    try {
      const url = await serve({ db: unreachable.db });
      const started = Date.now();
      const res = await fetch(`${url}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'error', database: 'error', jobs: 'ok' });
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await unreachable.close();
    }
  });

  it('answers 503 within its time bound when the database check hangs', async () => {
    const url = await serve({ checkDatabase: () => new Promise<boolean>(() => {}), healthTimeoutMs: 300 });
    const started = Date.now();
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ database: 'error', jobs: 'ok' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers 503 naming the jobs when the job system has stopped', async () => {
    const stopped = await startJobSystem({ connectionString: t.url, role: 'producer' });
    await stopped.stop();
    const url = await serve({ jobs: stopped });
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', database: 'ok', jobs: 'error' });
  });
});

describe('bad input never becomes a 500', () => {
  it('answers 400 JSON to malformed JSON', async () => {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(JSON.stringify(await res.json())).toMatch(/JSON|parse/i);
  });

  it('answers 413 to a 2 MiB body', async () => {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  });

  it('answers 404 JSON to an unknown route', async () => {
    const res = await fetch(`${base}/no/such/thing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No route for GET /no/such/thing.',
    });
  });
});

describe('tRPC over HTTP', () => {
  it('serves a staff query to a bearer token and answers 401 to a bad one', async () => {
    const ok = await fetch(`${base}/trpc/auth.me`, {
      headers: { authorization: `Bearer ${fixture.dispatcher.token}` },
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { result: { data: { user: { id: string } } } };
    expect(body.result.data.user.id).toBe(fixture.dispatcher.id);

    const bad = await fetch(`${base}/trpc/auth.me`, { headers: { authorization: 'Bearer not-a-session' } });
    expect(bad.status).toBe(401);
    expect(JSON.stringify(await bad.json())).toContain('UNAUTHORIZED');
  });

  it('reads the session from the portal cookie when there is no bearer token', async () => {
    const res = await fetch(`${base}/trpc/auth.me`, {
      headers: { cookie: `portico_session=${fixture.admin.token}` },
    });
    expect(res.status).toBe(200);
    // On an https origin only the __Host- cookie counts, so a cookie tossed by a sibling subdomain is ignored.
    const secure = await serve({ publicOrigin: 'https://portal.test' });
    const tossed = await fetch(`${secure}/trpc/auth.me`, {
      headers: { cookie: `portico_session=${fixture.admin.token}` },
    });
    expect(tossed.status).toBe(401);
    const hostCookie = await fetch(`${secure}/trpc/auth.me`, {
      headers: { cookie: `__Host-portico_session=${fixture.admin.token}` },
    });
    expect(hostCookie.status).toBe(200);
  });

  it('logs a failing procedure with its cause and never logs a 4xx or a token', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const broken: Database = createDb(`postgres://postgres:x@127.0.0.1:${await findFreePort()}/portico`, {
      max: 1,
    });
    try {
      const url = await serve({ db: broken.db, logger: createLogger({ level: 'info', destination }) });
      const unauthorized = await fetch(`${url}/trpc/auth.me?input=secret-input`, {
        headers: { authorization: 'Bearer not-a-session', cookie: 'portico_session=cookie-secret' },
      });
      expect(unauthorized.status).toBe(401);
      const failing = await fetch(`${url}/trpc/auth.me`, {
        headers: { authorization: `Bearer ${fixture.admin.token}` },
      });
      expect(failing.status).toBe(500);
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const errors = logged.filter((l) => l.msg === 'tRPC procedure failed');
      expect(errors).toHaveLength(1);
      expect(JSON.stringify(errors[0])).toMatch(/ECONNREFUSED/);
      const requests = logged.filter((l) => l.msg === 'request');
      expect(requests.map((l) => l.statusCode)).toEqual([401, 500]);
      expect(requests[0]).toMatchObject({ method: 'GET', url: '/trpc/auth.me?input=%5BREDACTED%5D' });
      expect(typeof requests[0]!.reqId).toBe('string');
      expect(typeof requests[0]!.durationMs).toBe('number');
      const all = lines.join('\n');
      expect(all).not.toContain(fixture.admin.token);
      expect(all).not.toContain('cookie-secret');
      expect(all).not.toContain('secret-input');
    } finally {
      await broken.close();
    }
  });
});

describe('the portal at /p/', () => {
  it('serves files, falls back to the app shell for client routes, and keeps real 404s for missing assets', async () => {
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/p/');

    const shell = await fetch(`${base}/p/`);
    expect(shell.status).toBe(200);
    expect(await shell.text()).toContain('Portal shell');
    expect(shell.headers.get('cache-control')).toBe('no-cache');

    const asset = await fetch(`${base}/p/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');

    const clientRoute = await fetch(`${base}/p/appointments/123`);
    expect(clientRoute.status).toBe(200);
    expect(clientRoute.headers.get('content-type')).toContain('text/html');
    expect(await clientRoute.text()).toContain('Portal shell');

    const missingAsset = await fetch(`${base}/p/assets/gone-999.js`);
    expect(missingAsset.status).toBe(404);
  });

  it('answers a clear 503 when the portal is not built', async () => {
    const url = await serve({ portalDist: path.join(portalDist, 'does-not-exist') });
    for (const route of ['/p/', '/p/appointments/1']) {
      const res = await fetch(`${url}${route}`);
      expect(res.status).toBe(503);
      expect(await res.text()).toBe('The portal is not built: run pnpm --filter @portico/portal build\n');
    }
  });
});

describe('response headers', () => {
  it('sends security headers and a request id on every answer', async () => {
    for (const route of ['/health', '/p/', '/no/such/thing']) {
      const res = await fetch(`${base}${route}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
