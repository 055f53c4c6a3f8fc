// createPorticoClient over real HTTP against buildServer: bearer auth, wire-format dates, typed errors.
import { createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { systemClock } from '@portico/core';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { buildServer } from '@portico/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPorticoClient } from './client';
import { describeClientError } from './errors';

let t: TestDatabase;
let fixture: OrgFixture;
let app: Awaited<ReturnType<typeof buildServer>>;
let trpcUrl: string;

beforeAll(async () => {
  t = await createTestDatabase();
  fixture = await createOrgFixture(t.db);
  app = await buildServer({
    db: t.db,
    jobs: null,
    clock: systemClock,
    publicOrigin: 'http://portal.test',
    portalDist: null,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  trpcUrl = `http://127.0.0.1:${address.port}/trpc`;
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('createPorticoClient', () => {
  it('sends the token from getToken as a bearer token, read before each request', async () => {
    let token: string | null = fixture.dispatcher.token;
    const client = createPorticoClient({ url: trpcUrl, getToken: () => Promise.resolve(token) });
    const me = await client.auth.me.query();
    expect(me.user.id).toBe(fixture.dispatcher.id);
    expect(me.organization.id).toBe(fixture.org.id);
    // the wire transformer: dates arrive as Dates, not strings.
    expect(me.session.idleExpiresAt).toBeInstanceOf(Date);

    token = null;
    const error = await client.auth.me.query().catch((e: unknown) => e);
    expect(describeClientError(error)).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
  });

  it('sends no Authorization header without getToken, and batches calls made together', async () => {
    const requests: string[] = [];
    const client = createPorticoClient({
      url: trpcUrl,
      fetch: (input, init) => {
        requests.push(String(input instanceof Request ? input.url : input));
        expect(new Headers(init?.headers).has('authorization')).toBe(false);
        return fetch(input, init);
      },
    });
    const results = await Promise.allSettled([client.auth.me.query(), client.auth.me.query()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toContain('batch=1');
  });

  it('carries the server’s field errors for a form to show', async () => {
    const client = createPorticoClient({ url: trpcUrl });
    const error = await client.auth.signIn
      .mutate({ email: 'not-an-email', password: 'x' })
      .catch((e: unknown) => e);
    const info = describeClientError(error);
    expect(info.code).toBe('BAD_REQUEST');
    expect(info.fieldErrors.email?.length).toBeGreaterThan(0);
  });
});
