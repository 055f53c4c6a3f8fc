// GET /files/<id> over HTTP on real PostgreSQL: logos uploaded through tRPC (the largest allowed fits the body
// limit) are served publicly with their stored type, forever-cache headers, an ETag, nosniff, and a CSP that
// locks an SVG down; unknown and malformed ids are a plain 404, never a 500.
import { callerFor, createOrgFixture, createTestClock, type OrgFixture } from '@portico/api/test-support';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { logoMaxBytes } from '@portico/validators/organization';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';

const publicOrigin = 'https://portal.example.com';
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
const CLEAN_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><style>circle{fill:#1f6feb}</style><circle cx="10" cy="10" r="8"/></svg>';

let t: TestDatabase;
let app: FastifyInstance;
let fx: OrgFixture;
const clock = createTestClock(new Date('2026-03-02T15:00:00Z'));

beforeAll(async () => {
  t = await createTestDatabase();
  fx = await createOrgFixture(t.db, clock);
  app = await buildServer({ db: t.db, jobs: null, clock, publicOrigin, portalDist: null });
});
afterAll(async () => {
  await app?.close();
  await t.close();
});

async function upload(bytes: Buffer, fileName: string): Promise<string> {
  const admin = callerFor(t.db, fx.admin.token, clock);
  const { version } = await admin.organization.get();
  const after = await admin.organization.uploadLogo({
    version,
    fileName,
    dataBase64: bytes.toString('base64'),
  });
  return after.logoUrl!;
}

const sha = (bytes: Buffer) => `"${createHash('sha256').update(bytes).digest('hex')}"`;

describe('GET /files/<id>', () => {
  it.each([
    ['PNG', Buffer.from(PNG_1PX, 'base64'), 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
  ])(
    'serves a %s with its type, length, ETag, nosniff and a year of immutable caching',
    async (_n, bytes, type) => {
      const url = await upload(bytes, 'logo');
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['content-length']).toBe(String(bytes.length));
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['etag']).toBe(sha(bytes));
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(res.rawPayload.equals(bytes)).toBe(true);

      const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': sha(bytes) } });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
    },
  );

  it('serves an SVG under a CSP that allows no script, no external load, and sandboxes it', async () => {
    const bytes = Buffer.from(CLEAN_SVG);
    const url = await upload(bytes, 'logo.svg');
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe(CLEAN_SVG);
  });

  it('takes the largest allowed logo over HTTP (within the body limit) and serves it back', async () => {
    const big = Buffer.alloc(logoMaxBytes, 7);
    Buffer.from(PNG_1PX, 'base64').copy(big);
    const { version } = await callerFor(t.db, fx.admin.token, clock).organization.get();
    const res = await app.inject({
      method: 'POST',
      url: '/trpc/organization.uploadLogo',
      headers: { authorization: `Bearer ${fx.admin.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ version, fileName: 'big.png', dataBase64: big.toString('base64') }),
    });
    expect(res.statusCode).toBe(200);
    const logoUrl = (res.json() as { result: { data: { logoUrl: string } } }).result.data.logoUrl;
    const served = await app.inject({ method: 'GET', url: logoUrl });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-length']).toBe(String(logoMaxBytes));
  });

  it.each([
    ['an unknown id', '/files/7d0e6a52-3a4b-4c5d-8e9f-0a1b2c3d4e5f'],
    ['a malformed id', '/files/not-a-uuid'],
    ['a path-like id', '/files/..%2Fetc%2Fpasswd'],
    ['an overlong id', `/files/${'a'.repeat(2000)}`],
  ])('answers %s with 404, not a 500', async (_n, url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe('File was not found.');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
