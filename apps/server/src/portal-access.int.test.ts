// Portal access over real HTTP, where the transport matters: the session and pre-auth cookies (names,
// HttpOnly, Secure, SameSite=Lax, Path=/, lifetimes) per kind of origin, a whole code sign-in carried by cookies
// alone, Referrer-Policy on portal pages and API answers, and cross-site or non-JSON mutations refused.
import { createOrgFixture, snapshotOrganization, type OrgFixture } from '@portico/api/test-support';
import { createLinkToken } from '@portico/auth';
import { systemClock } from '@portico/core';
import { schema } from '@portico/db';
import { findFreePort } from '@portico/db/embedded';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { createChannelProviders, deliverPortalCode, startJobSystem, type JobSystem } from '@portico/jobs';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { isSecureCookieOrigin, portalCookieNames } from './session-cookie';

let t: TestDatabase;
let jobs: JobSystem;
let portalDist: string;
const servers: FastifyInstance[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  jobs = await startJobSystem({ connectionString: t.url, role: 'producer' });
  portalDist = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-portal-access-'));
  fs.writeFileSync(path.join(portalDist, 'index.html'), '<!doctype html><title>Portal</title>');
});

afterAll(async () => {
  for (const app of servers) await app.close();
  await jobs?.stop();
  await t?.close();
  fs.rmSync(portalDist, { recursive: true, force: true });
});

type Served = { base: string; origin: string };

/** A server for `publicOrigin` (loopback origins get the port the server listens on). */
async function serve(publicOrigin: (port: number) => string): Promise<Served> {
  const port = await findFreePort();
  const origin = publicOrigin(port);
  const app = await buildServer({ db: t.db, jobs, clock: systemClock, publicOrigin: origin, portalDist });
  servers.push(app);
  await app.listen({ host: '127.0.0.1', port });
  return { base: `http://127.0.0.1:${port}`, origin };
}

let sequence = 0;

async function setup(loginMode: 'otp' | 'link'): Promise<OrgFixture & { phone: string }> {
  const fx = await createOrgFixture(t.db);
  const phone = `+1512555${String(3000 + ++sequence).padStart(4, '0')}`;
  await t.db.update(schema.contacts).set({ phone }).where(eq(schema.contacts.id, fx.primaryContact.id));
  await t.db.update(schema.organizations).set({ loginMode }).where(eq(schema.organizations.id, fx.org.id));
  return { ...fx, phone };
}

async function mintLink(fx: OrgFixture, expiresInMs = 3_600_000): Promise<string> {
  const now = new Date();
  const { token } = await createLinkToken(t.db, {
    organizationId: fx.org.id,
    portalUserId: fx.portalUser.id,
    purpose: 'invite',
    taskId: fx.scheduledTask.id,
    now,
    expiresAt: new Date(now.getTime() + expiresInMs),
  });
  return token;
}

/** A browser-like mutation: JSON from the portal's own page, with the cookies it holds. */
function mutate(
  served: Served,
  procedure: string,
  input: unknown,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) {
  return fetch(`${served.base}/trpc/${procedure}`, {
    method: 'POST',
    headers: {
      origin: served.origin,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: JSON.stringify(input ?? null),
  });
}

type SetCookie = { name: string; value: string; attributes: Map<string, string | true> };

function setCookies(res: Response): SetCookie[] {
  return res.headers.getSetCookie().map((line) => {
    const [pair, ...attrs] = line.split(';').map((p) => p.trim());
    const eqAt = pair!.indexOf('=');
    const attributes = new Map<string, string | true>();
    for (const attr of attrs) {
      const at = attr.indexOf('=');
      if (at < 0) attributes.set(attr.toLowerCase(), true);
      else attributes.set(attr.slice(0, at).toLowerCase(), attr.slice(at + 1));
    }
    return { name: pair!.slice(0, eqAt), value: pair!.slice(eqAt + 1), attributes };
  });
}

function cookieNamed(res: Response, name: string): SetCookie {
  const found = setCookies(res).find((c) => c.name === name);
  if (!found) throw new Error(`no Set-Cookie for ${name}: ${res.headers.getSetCookie().join(' | ')}`);
  return found;
}

function expectPortalCookieAttributes(cookie: SetCookie, secure: boolean) {
  expect(cookie.attributes.get('httponly')).toBe(true);
  expect(cookie.attributes.get('samesite')).toBe('Lax');
  expect(cookie.attributes.get('path')).toBe('/');
  expect(cookie.attributes.has('domain')).toBe(false);
  expect(cookie.attributes.get('secure')).toBe(secure ? true : undefined);
}

describe('cookie names and attributes by origin', () => {
  it('uses __Host- and Secure for https and loopback http, bare names without Secure elsewhere', () => {
    expect(portalCookieNames('https://portal.example.com')).toEqual({
      session: '__Host-portico_session',
      preAuth: '__Host-portico_preauth',
      secure: true,
    });
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:3000']) {
      expect(isSecureCookieOrigin(origin)).toBe(true);
    }
    expect(portalCookieNames('http://192.168.1.20:3000')).toEqual({
      session: 'portico_session',
      preAuth: 'portico_preauth',
      secure: false,
    });
  });

  it('sets a __Host- HttpOnly Secure SameSite=Lax session cookie for the session lifetime on https', async () => {
    const served = await serve(() => 'https://portal.test');
    const fx = await setup('link');
    const res = await mutate(served, 'portalAccess.continueWithLink', {
      orgSlug: fx.org.slug,
      token: await mintLink(fx),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { data: { next: 'signedIn', taskId: fx.scheduledTask.id } } });
    const session = cookieNamed(res, '__Host-portico_session');
    expectPortalCookieAttributes(session, true);
    const maxAge = Number(session.attributes.get('max-age'));
    // the session's absolute lifetime (the organization's default: 30 days), never more
    expect(maxAge).toBeGreaterThan(30 * 86_400 - 60);
    expect(maxAge).toBeLessThanOrEqual(30 * 86_400);
    const expires = new Date(session.attributes.get('expires') as string).getTime();
    expect(Math.abs(expires - (Date.now() + maxAge * 1000))).toBeLessThan(5_000);
    expect(session.value).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{52}$/);

    // the cookie alone signs the browser in, and sign-out ends it and clears the cookie
    const signOut = await mutate(served, 'portalAccess.signOut', null, {
      cookie: `__Host-portico_session=${session.value}`,
    });
    expect(signOut.status).toBe(200);
    const cleared = cookieNamed(signOut, '__Host-portico_session');
    expect(cleared.value).toBe('');
    expect(cleared.attributes.get('max-age')).toBe('0');
    expectPortalCookieAttributes(cleared, true);
    const sessions = await t.db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.portalUserId, fx.portalUser.id));
    expect(sessions.map((s) => s.id)).not.toContain(session.value.split('.')[0]);
  });

  it('keeps the __Host- names with Secure on a loopback http origin, and bare ones on a LAN http origin', async () => {
    const loopback = await serve((port) => `http://127.0.0.1:${port}`);
    const fx = await setup('link');
    const res = await mutate(loopback, 'portalAccess.continueWithLink', {
      orgSlug: fx.org.slug,
      token: await mintLink(fx),
    });
    expectPortalCookieAttributes(cookieNamed(res, '__Host-portico_session'), true);

    const lan = await serve(() => 'http://portal.test');
    const other = await setup('link');
    const plain = await mutate(lan, 'portalAccess.continueWithLink', {
      orgSlug: other.org.slug,
      token: await mintLink(other),
    });
    expectPortalCookieAttributes(cookieNamed(plain, 'portico_session'), false);
  });
});

describe('a code sign-in carried by cookies', () => {
  it('binds the challenge with a 15-minute pre-auth cookie, then swaps it for the session cookie', async () => {
    const served = await serve(() => 'https://portal.test');
    const fx = await setup('otp');
    const continued = await mutate(served, 'portalAccess.continueWithLink', {
      orgSlug: fx.org.slug,
      token: await mintLink(fx),
    });
    expect(continued.status).toBe(200);
    const preAuth = cookieNamed(continued, '__Host-portico_preauth');
    expectPortalCookieAttributes(preAuth, true);
    // 15 minutes from when the procedure ran (a moment before the header was written)
    expect(Number(preAuth.attributes.get('max-age'))).toBeGreaterThanOrEqual(15 * 60 - 1);
    expect(Number(preAuth.attributes.get('max-age'))).toBeLessThanOrEqual(15 * 60);
    expect(preAuth.value).toMatch(/^[a-z2-7]{52}$/);
    expect(setCookies(continued).map((c) => c.name)).toEqual(['__Host-portico_preauth']);
    const cookie = `__Host-portico_preauth=${preAuth.value}`;

    // without the cookie there is no sign-in in progress
    const lost = await mutate(served, 'portalAccess.sendCode', { orgSlug: fx.org.slug, channel: 'sms' });
    expect(lost.status).toBe(401);
    const sent = await mutate(
      served,
      'portalAccess.sendCode',
      { orgSlug: fx.org.slug, channel: 'sms' },
      { cookie },
    );
    expect(sent.status).toBe(200);

    const [code] = await t.db
      .select()
      .from(schema.oneTimeCodes)
      .where(eq(schema.oneTimeCodes.organizationId, fx.org.id));
    const providers = createChannelProviders(
      {
        NODE_ENV: 'test',
        EMAIL_FROM: 'Portico <portal@example.test>',
        SMS_RATE_PER_SECOND: 100,
        EMAIL_RATE_PER_SECOND: 100,
        PROVIDER_TIMEOUT_MS: 5000,
      },
      t.db,
    );
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    await deliverPortalCode(
      { db: t.db, clock: systemClock, providers, publicOrigin: served.origin, log },
      { organizationId: fx.org.id, codeId: code!.id },
    );
    const [message] = await t.db
      .select()
      .from(schema.devOutbox)
      .where(eq(schema.devOutbox.recipient, fx.phone))
      .orderBy(desc(schema.devOutbox.createdAt));
    const typed = /^(\d{6}) is your/.exec(message!.body)![1]!;
    expect(message!.body).toContain(`@portal.test #${typed}`);

    const verified = await mutate(
      served,
      'portalAccess.verifyCode',
      { orgSlug: fx.org.slug, code: typed },
      { cookie },
    );
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ result: { data: { taskId: fx.scheduledTask.id } } });
    const session = cookieNamed(verified, '__Host-portico_session');
    expectPortalCookieAttributes(session, true);
    expect(Number(session.attributes.get('max-age'))).toBeLessThanOrEqual(30 * 86_400);
    const clearedPreAuth = cookieNamed(verified, '__Host-portico_preauth');
    expect(clearedPreAuth.value).toBe('');
    expect(clearedPreAuth.attributes.get('max-age')).toBe('0');
  });

  it('answers "send me a new code" the same for a contact on file and one that is not, setting the pre-auth cookie', async () => {
    const served = await serve(() => 'https://portal.test');
    const fx = await setup('otp');
    const answers = [];
    for (const contact of [fx.phone, '+1 512 555 0188']) {
      const res = await mutate(served, 'portalAccess.requestAccess', { orgSlug: fx.org.slug, contact });
      expect(res.status).toBe(200);
      expect(setCookies(res).map((c) => c.name)).toEqual(['__Host-portico_preauth']);
      answers.push(await res.text());
    }
    expect(answers[1]).toBe(answers[0]);
    expect(JSON.parse(answers[0]!)).toEqual({ result: { data: { next: 'enterCode' } } });
  });
});

describe('headers and the CSRF rule on portal access', () => {
  it('sends Referrer-Policy: no-referrer on portal pages and on every API answer', async () => {
    const served = await serve(() => 'https://portal.test');
    const fx = await setup('otp');
    const token = await mintLink(fx);
    const pages = [`/p/${fx.org.slug}/access/${token}`, `/p/${fx.org.slug}`, `/p/${fx.org.slug}/tasks/x`];
    for (const page of pages) {
      const res = await fetch(`${served.base}${page}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const input = encodeURIComponent(JSON.stringify({ orgSlug: fx.org.slug, token }));
    const query = await fetch(`${served.base}/trpc/portalAccess.inspectLink?input=${input}`);
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ result: { data: { state: 'valid', firstName: 'Pat' } } });
    expect(query.headers.get('referrer-policy')).toBe('no-referrer');
    const refused = await mutate(served, 'portalAccess.continueWithLink', {
      orgSlug: fx.org.slug,
      token: 'x',
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('referrer-policy')).toBe('no-referrer');
    const unknown = await fetch(
      `${served.base}/trpc/portalAccess.organization?input=${encodeURIComponent('{"orgSlug":"nope"}')}`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('refuses cross-site and non-JSON portal mutations before they use a link', async () => {
    const served = await serve(() => 'https://portal.test');
    const fx = await setup('link');
    const token = await mintLink(fx);
    const body = { orgSlug: fx.org.slug, token };
    const before = await snapshotOrganization(t.db, fx.org.id);
    const attempts = [
      mutate(served, 'portalAccess.continueWithLink', body, { headers: { origin: 'https://evil.example' } }),
      // a cross-site page that sends no Origin, and a sibling subdomain (same-site, but not us)
      fetch(`${served.base}/trpc/portalAccess.continueWithLink`, {
        method: 'POST',
        headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      mutate(served, 'portalAccess.continueWithLink', body, {
        headers: { origin: 'https://shop.portal.test', 'sec-fetch-site': 'same-site' },
      }),
      mutate(
        served,
        'portalAccess.requestAccess',
        { orgSlug: fx.org.slug, contact: fx.phone },
        {
          headers: { origin: 'https://evil.example' },
        },
      ),
      fetch(`${served.base}/trpc/portalAccess.continueWithLink`, {
        method: 'POST',
        headers: { origin: served.origin, 'content-type': 'text/plain' },
        body: JSON.stringify(body),
      }),
    ];
    const statuses = [];
    for (const attempt of attempts) {
      const res = await attempt;
      statuses.push(res.status);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect(statuses).toEqual([403, 403, 403, 403, 415]);
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
    const sessions = await t.db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.portalUserId, fx.portalUser.id));
    // only the fixture's own session: no sign-in happened
    expect(sessions).toHaveLength(1);
  });
});
