// The CSRF rule over real HTTP: cross-site and non-JSON mutations never reach a procedure; bearer clients may.
import { createOrgFixture, snapshotOrganization, type OrgFixture } from '@portico/api/test-support';
import { systemClock } from '@portico/core';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { startJobSystem, type JobSystem } from '@portico/jobs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { DESKTOP_APP_ORIGIN, resolveEnv } from './env';

const PUBLIC_ORIGIN = 'http://portal.test';
const DESKTOP_DEV_ORIGIN = 'http://localhost:5173';

let t: TestDatabase;
let jobs: JobSystem;
let app: FastifyInstance;
let base: string;
let fixture: OrgFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  jobs = await startJobSystem({ connectionString: t.url, role: 'producer' });
  fixture = await createOrgFixture(t.db);
  app = await buildServer({
    db: t.db,
    jobs,
    clock: systemClock,
    publicOrigin: PUBLIC_ORIGIN,
    // Through resolveEnv, as main.ts does, so the desktop app's always-trusted origin is part of the test.
    trustedOrigins: resolveEnv({ PUBLIC_ORIGIN, TRUSTED_ORIGINS: DESKTOP_DEV_ORIGIN }).allowedOrigins,
    portalDist: null,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await app.close();
  await jobs.stop();
  await t.close();
});

/** Whether the admin's session still works: sign-out is the mutation every attack below tries. */
async function isSignedIn(token: string): Promise<boolean> {
  const res = await fetch(`${base}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } });
  return res.status === 200;
}

const cookie = () => `portico_session=${fixture.admin.token}`;
const signOut = `/trpc/auth.signOut`;

/** Bodies a browser sends across sites without a CORS preflight (what an HTML form or no-cors fetch can do). */
const simpleBodies: [
  string,
  () => { body: string | FormData | Uint8Array; headers: Record<string, string> },
][] = [
  ['text/plain', () => ({ body: '{"json":{}}', headers: { 'content-type': 'text/plain' } })],
  [
    'application/x-www-form-urlencoded',
    () => ({ body: 'json=%7B%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  ],
  [
    'multipart/form-data',
    () => {
      const form = new FormData();
      form.set('json', '{}');
      return { body: form, headers: {} };
    },
  ],
  ['no content type at all', () => ({ body: new Uint8Array(0), headers: {} })],
];

describe('state-changing requests with ambient credentials', () => {
  it('refuses a cross-site POST (Origin: https://evil.example) with 403 and changes nothing', async () => {
    const before = await snapshotOrganization(t.db, fixture.org.id);
    const res = await fetch(`${base}${signOut}`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', cookie: cookie(), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ statusCode: 403, code: 'CROSS_SITE_REQUEST' });
    expect(await isSignedIn(fixture.admin.token)).toBe(true);
    expect(await snapshotOrganization(t.db, fixture.org.id)).toBe(before);
  });

  it.each(['cross-site', 'same-site'])('refuses Sec-Fetch-Site: %s with 403', async (site) => {
    const res = await fetch(`${base}${signOut}`, {
      method: 'POST',
      headers: { 'sec-fetch-site': site, cookie: cookie(), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(await isSignedIn(fixture.admin.token)).toBe(true);
  });

  it('refuses a bearer request that also carries a cookie from another origin (the cookie makes it ambient)', async () => {
    const res = await fetch(`${base}${signOut}`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        authorization: `Bearer ${fixture.admin.token}`,
        cookie: cookie(),
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(await isSignedIn(fixture.admin.token)).toBe(true);
  });

  it('refuses a sign-in from another origin even without any credentials (login CSRF)', async () => {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'someone@example.test', password: 'x' }),
    });
    expect(res.status).toBe(403);
  });

  it.each(simpleBodies)('refuses a %s POST from the portal origin itself with 415', async (_name, make) => {
    const { body, headers } = make();
    const res = await fetch(`${base}${signOut}`, {
      method: 'POST',
      headers: { origin: PUBLIC_ORIGIN, cookie: cookie(), ...headers },
      body,
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await isSignedIn(fixture.admin.token)).toBe(true);
  });

  it.each(simpleBodies)('refuses a cross-site %s POST (a simple form) with 403', async (_name, make) => {
    const { body, headers } = make();
    const res = await fetch(`${base}${signOut}`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        cookie: cookie(),
        ...headers,
      },
      body,
    });
    expect(res.status).toBe(403);
    expect(await isSignedIn(fixture.admin.token)).toBe(true);
  });

  it('allows a JSON POST from the portal origin (same-origin), which really signs out', async () => {
    const victim = await createOrgFixture(t.db);
    const res = await fetch(`${base}${signOut}`, {
      method: 'POST',
      headers: {
        origin: PUBLIC_ORIGIN,
        'sec-fetch-site': 'same-origin',
        cookie: `portico_session=${victim.admin.token}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(await isSignedIn(victim.admin.token)).toBe(false);
  });

  it('allows a JSON POST from a trusted origin', async () => {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { origin: DESKTOP_DEV_ORIGIN, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong' }),
    });
    // Reached the procedure: a typed sign-in refusal, not the guard's 403/415.
    expect(res.status).toBe(401);
  });
});

describe('bearer-only clients (the desktop app)', () => {
  it('allows a JSON POST with a bearer token and no cookie from another origin', async () => {
    const victim = await createOrgFixture(t.db);
    const res = await fetch(`${base}${signOut}`, {
      method: 'POST',
      headers: {
        origin: 'https://elsewhere.example',
        'sec-fetch-site': 'cross-site',
        authorization: `Bearer ${victim.dispatcher.token}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(await isSignedIn(victim.dispatcher.token)).toBe(false);
  });

  it.each(simpleBodies)('still refuses a %s POST from a bearer client with 415', async (_name, make) => {
    const { body, headers } = make();
    const res = await fetch(`${base}${signOut}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fixture.dispatcher.token}`, ...headers },
      body,
    });
    expect(res.status).toBe(415);
    expect(await isSignedIn(fixture.dispatcher.token)).toBe(true);
  });
});

describe('the installed desktop app (app://portico, a cross-site page with no cookies)', () => {
  const signIn = (origin: string) =>
    fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { origin, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong' }),
    });

  it('reaches sign-in, which answers (here: a typed refusal of the wrong password)', async () => {
    const res = await signIn(DESKTOP_APP_ORIGIN);
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses the same sign-in from any other cross-site page with 403', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const res = await signIn(origin);
      expect(res.status, origin).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
    }
  });

  it('gets a CORS preflight for sign-in, without credentials', async () => {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'OPTIONS',
      headers: {
        origin: DESKTOP_APP_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('reads and CORS', () => {
  it('lets GET queries through from anywhere (queries have no side effects)', async () => {
    const res = await fetch(`${base}/health`, {
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('grants a CORS preflight to a trusted origin only, never with credentials', async () => {
    const preflight = (origin: string) =>
      fetch(`${base}/trpc/auth.me`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const trusted = await preflight(DESKTOP_DEV_ORIGIN);
    expect(trusted.status).toBe(204);
    expect(trusted.headers.get('access-control-allow-origin')).toBe(DESKTOP_DEV_ORIGIN);
    expect(trusted.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(trusted.headers.get('access-control-allow-credentials')).toBeNull();

    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});
