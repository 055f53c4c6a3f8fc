// Live events over real HTTP: a customer's change in the portal reaches staff subscribers of the same
// organization through PostgreSQL NOTIFY and server-sent events (the api-client's own link), and nobody else.
import { createPorticoClient, type PorticoClient } from '@portico/api-client';
import { createOrgFixture, type OrgFixture } from '@portico/api/test-support';
import { systemClock } from '@portico/core';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import type { LiveEvent } from '@portico/validators/live';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';

let t: TestDatabase;
let app: FastifyInstance;
let trpcUrl: string;

beforeAll(async () => {
  t = await createTestDatabase();
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

function clientFor(token: string | null): PorticoClient {
  return createPorticoClient({ url: trpcUrl, getToken: () => token });
}

type Listener = {
  events: LiveEvent[];
  errors: unknown[];
  started: Promise<void>;
  stop: () => void;
};

/** Subscribes to live.events like the desktop does and records what arrives. */
function listen(token: string | null): Listener {
  const events: LiveEvent[] = [];
  const errors: unknown[] = [];
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const subscription = clientFor(token).live.events.subscribe(undefined, {
    onStarted: () => markStarted(),
    onData: (event) => events.push(event),
    onError: (error) => {
      errors.push(error);
      markStarted();
    },
  });
  return { events, errors, started, stop: () => subscription.unsubscribe() };
}

/** Books the first open window of the fixture's unscheduled task as its portal user would. */
async function bookFirstOpenWindow(fx: OrgFixture): Promise<void> {
  const customer = clientFor(fx.portalUser.token);
  const availability = await customer.portal.availability.query({ taskId: fx.unscheduledTask.id, days: 28 });
  const slot = availability.days
    .flatMap((day) => day.windows.map((window) => ({ date: day.date, ...window })))
    .find((window) => window.remaining > 0);
  if (!slot) throw new Error('the fixture has no open window in the coming weeks');
  await customer.portal.book.mutate({
    taskId: fx.unscheduledTask.id,
    version: fx.unscheduledTask.version,
    date: slot.date,
    windowId: slot.windowId,
  });
}

describe('live.events over server-sent events', () => {
  it('brings a portal booking to staff of the same organization, and not to another organization', async () => {
    const own = await createOrgFixture(t.db);
    const foreign = await createOrgFixture(t.db);
    const dispatcher = listen(own.dispatcher.token);
    const admin = listen(own.admin.token);
    const outsider = listen(foreign.dispatcher.token);
    try {
      // onStarted: the server has registered the subscriber (and LISTENs) before it says `connected`.
      await Promise.all([dispatcher.started, admin.started, outsider.started]);
      expect([...dispatcher.errors, ...admin.errors, ...outsider.errors]).toEqual([]);

      await bookFirstOpenWindow(own);

      const expected = { taskId: own.unscheduledTask.id, kind: 'booked', at: expect.any(Date) };
      await expect.poll(() => dispatcher.events, { timeout: 10_000 }).toEqual([expected]);
      await expect.poll(() => admin.events, { timeout: 10_000 }).toEqual([expected]);

      // The other organization's own booking reaches it, so its silence above was not a dead stream.
      await bookFirstOpenWindow(foreign);
      await expect
        .poll(() => outsider.events, { timeout: 10_000 })
        .toEqual([{ taskId: foreign.unscheduledTask.id, kind: 'booked', at: expect.any(Date) }]);
      expect(dispatcher.events).toHaveLength(1);
    } finally {
      dispatcher.stop();
      admin.stop();
      outsider.stop();
    }
  });

  it('tells a booking, a reschedule, an answer, a confirmation and a cancellation apart', async () => {
    const own = await createOrgFixture(t.db);
    const dispatcher = listen(own.dispatcher.token);
    try {
      await dispatcher.started;
      const customer = clientFor(own.portalUser.token);
      const taskId = own.unscheduledTask.id;
      const availability = await customer.portal.availability.query({ taskId, days: 28 });
      const [first, second] = availability.days
        .flatMap((day) => day.windows.map((window) => ({ date: day.date, ...window })))
        // well past the organization's rescheduling cut-off
        .filter((window) => window.remaining > 0 && window.start.getTime() > Date.now() + 3 * 86_400_000);
      if (!first || !second) throw new Error('the fixture needs two open windows');
      let appointment = await customer.portal.book.mutate({
        taskId,
        version: own.unscheduledTask.version,
        date: first.date,
        windowId: first.windowId,
      });
      appointment = await customer.portal.book.mutate({
        taskId,
        version: appointment.version,
        date: second.date,
        windowId: second.windowId,
      });
      // Booking the window it already has changes nothing, and announces nothing.
      appointment = await customer.portal.book.mutate({
        taskId,
        version: appointment.version,
        date: second.date,
        windowId: second.windowId,
      });
      for (const field of appointment.fields.filter((f) => f.kind !== 'static')) {
        const value =
          field.kind === 'toggle' ? true : field.kind === 'dropdown' ? field.options[0] : 'Gate 4';
        await customer.portal.answer.mutate({ taskId, fieldId: field.id, value: value ?? 'yes' });
      }
      appointment = await customer.portal.appointment.query({ taskId });
      const canConfirm = appointment.confirmation.canConfirm;
      if (canConfirm) {
        appointment = await customer.portal.confirm.mutate({ taskId, version: appointment.version });
      }
      await customer.portal.cancel.mutate({ taskId, version: appointment.version });

      await expect.poll(() => dispatcher.events.at(-1)?.kind, { timeout: 10_000 }).toBe('cancelled');
      const kinds = [...new Set(dispatcher.events.map((e) => e.kind))];
      expect(kinds).toEqual([
        'booked',
        'rescheduled',
        'answered',
        ...(canConfirm ? ['confirmed'] : []),
        'cancelled',
      ]);
      expect(dispatcher.events.filter((e) => e.kind === 'rescheduled')).toHaveLength(1);
      expect(new Set(dispatcher.events.map((e) => e.taskId))).toEqual(new Set([taskId]));
    } finally {
      dispatcher.stop();
    }
  });

  it('refuses a portal user and an anonymous caller, with the typed error on the stream', async () => {
    const own = await createOrgFixture(t.db);
    const customer = listen(own.portalUser.token);
    const anonymous = listen(null);
    try {
      await expect.poll(() => customer.errors.length, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => anonymous.errors.length, { timeout: 10_000 }).toBe(1);
      expect(customer.errors[0]).toMatchObject({ data: { code: 'FORBIDDEN' } });
      expect(anonymous.errors[0]).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    } finally {
      customer.stop();
      anonymous.stop();
    }
  });

  it('answers queries as before (one JSON body, not a stream)', async () => {
    const own = await createOrgFixture(t.db);
    const response = await fetch(`${trpcUrl}/auth.me`, {
      headers: { authorization: `Bearer ${own.dispatcher.token}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-length')).not.toBeNull();
  });

  it('ends open streams when the server closes, so shutdown does not wait for them', async () => {
    const server = await buildServer({
      db: t.db,
      jobs: null,
      clock: systemClock,
      publicOrigin: 'http://portal.test',
      portalDist: null,
    });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no port');
    const own = await createOrgFixture(t.db);
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${address.port}/trpc/live.events`, {
      headers: { authorization: `Bearer ${own.dispatcher.token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: connected');

    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    // The stream was cut, not ended with tRPC's "return" event, so a real client reconnects.
    let rest = '';
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        rest += new TextDecoder().decode(chunk.value);
      }
    } catch {
      // a destroyed socket
    }
    expect(rest).not.toContain('event: return');
    controller.abort();
  });
});
