// The development outbox over HTTP on real PostgreSQL: present only when NODE_ENV is development, newest first,
// and everything a message says is escaped on the page.
import { systemClock } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { devOutboxLimit } from './dev-outbox';

let t: TestDatabase;
const servers: FastifyInstance[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  for (const app of servers) await app.close();
  await t.close();
});

async function server(nodeEnv: 'development' | 'production' | 'test' | undefined) {
  const app = await buildServer({
    db: t.db,
    jobs: null,
    clock: systemClock,
    publicOrigin: 'http://localhost:3000',
    portalDist: null,
    ...(nodeEnv ? { nodeEnv } : {}),
  });
  servers.push(app);
  return app;
}

describe('/dev/outbox', () => {
  it('does not exist outside development', async () => {
    await t.db.insert(schema.devOutbox).values({ channel: 'sms', recipient: '+15125550142', body: 'hello' });
    for (const nodeEnv of ['production', 'test', undefined] as const) {
      const app = await server(nodeEnv);
      for (const url of ['/dev/outbox', '/dev/outbox.json']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, `${url} with NODE_ENV=${nodeEnv}`).toBe(404);
        expect(res.body).not.toContain('hello');
      }
    }
  });

  it('lists the messages newest first, as JSON and as an escaped page that refreshes itself', async () => {
    await t.db.delete(schema.devOutbox);
    await t.db.insert(schema.devOutbox).values([
      {
        type: 'booking_invite',
        channel: 'sms',
        recipient: '+15125550142',
        body: 'Acme: choose a time http://localhost:3000/p/acme/access/abc',
        createdAt: new Date('2026-03-02T15:00:00Z'),
      },
      {
        type: 'booking_confirmation',
        channel: 'email',
        recipient: 'pat@example.test',
        subject: 'Booked <b>Tuesday</b>',
        body: 'Hi Pat, <script>alert("x")</script> & see you',
        html: '<p>Hi Pat</p>',
        createdAt: new Date('2026-03-02T15:05:00Z'),
      },
    ]);
    const app = await server('development');

    const json = await app.inject({ method: 'GET', url: '/dev/outbox.json' });
    expect(json.statusCode).toBe(200);
    expect(json.headers['cache-control']).toBe('no-store');
    const { messages } = json.json<{ messages: Record<string, unknown>[] }>();
    expect(messages.map((m) => [m.type, m.channel, m.recipient, m.subject, m.hasHtml, m.createdAt])).toEqual([
      [
        'booking_confirmation',
        'email',
        'pat@example.test',
        'Booked <b>Tuesday</b>',
        true,
        '2026-03-02T15:05:00.000Z',
      ],
      ['booking_invite', 'sms', '+15125550142', null, false, '2026-03-02T15:00:00.000Z'],
    ]);
    expect(messages[0]!.body).toBe('Hi Pat, <script>alert("x")</script> & see you');

    const page = await app.inject({ method: 'GET', url: '/dev/outbox' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const html = page.body;
    expect(html).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Tuesday</b>');
    expect(html).toContain('Hi Pat, &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; see you');
    expect(html).toContain('Booked &lt;b&gt;Tuesday&lt;/b&gt;');
    expect(html.indexOf('pat@example.test')).toBeLessThan(html.indexOf('+15125550142'));
    expect(html).toContain('booking_invite');
    expect(html).toContain('2026-03-02 15:05:00 UTC');

    const emailId = messages[0]!.id as string;
    const rendered = await app.inject({ method: 'GET', url: `/dev/outbox/${emailId}/html` });
    expect(rendered.statusCode).toBe(200);
    expect(rendered.body).toBe('<p>Hi Pat</p>');
    expect(rendered.headers['content-security-policy']).toContain('sandbox');
    expect((await app.inject({ method: 'GET', url: '/dev/outbox/not-an-id/html' })).statusCode).toBe(404);
  });

  it(`shows at most the newest ${devOutboxLimit}`, async () => {
    await t.db.delete(schema.devOutbox);
    const base = Date.UTC(2026, 2, 2, 12);
    await t.db.insert(schema.devOutbox).values(
      Array.from({ length: devOutboxLimit + 5 }, (_, i) => ({
        channel: 'sms' as const,
        recipient: '+15125550142',
        body: `message ${i}`,
        createdAt: new Date(base + i * 1000),
      })),
    );
    const app = await server('development');
    const { messages } = (await app.inject({ method: 'GET', url: '/dev/outbox.json' })).json<{
      messages: { body: string }[];
    }>();
    expect(messages).toHaveLength(devOutboxLimit);
    expect(messages[0]!.body).toBe(`message ${devOutboxLimit + 4}`);
    expect(messages.at(-1)!.body).toBe('message 5');
  });
});
