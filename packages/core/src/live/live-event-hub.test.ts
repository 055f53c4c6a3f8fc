// The hub's fan-out: one LISTEN for all subscribers, events only to the event's organization, clean-up on abort.
import { describe, expect, it } from 'vitest';
import { createLiveEventHub, type LiveListen } from './live-event-hub';

const orgA = '00000000-0000-4000-8000-00000000000a';
const orgB = '00000000-0000-4000-8000-00000000000b';
const taskId = '00000000-0000-4000-8000-000000000001';

function fakeListen() {
  const state = { listens: 0, unlistens: 0, send: (_payload: string) => {} };
  const listen: LiveListen = (_channel, onPayload) => {
    state.listens++;
    state.send = onPayload;
    return Promise.resolve({ unlisten: () => Promise.resolve(state.unlistens++) });
  };
  return { state, listen };
}

const payload = (organizationId: string, kind = 'booked') =>
  JSON.stringify({ organizationId, taskId, kind, at: '2026-03-02T15:00:00.000Z' });

describe('createLiveEventHub', () => {
  it('listens once and gives each organization only its own events', async () => {
    const { state, listen } = fakeListen();
    const errors: unknown[] = [];
    const hub = createLiveEventHub({ listen, onError: (e) => errors.push(e) });
    const stop = new AbortController();
    const a = await hub.subscribe(orgA, stop.signal);
    const b = await hub.subscribe(orgB, stop.signal);
    expect(state.listens).toBe(1);

    state.send('not json');
    state.send(JSON.stringify({ organizationId: orgA }));
    state.send(payload(orgA, 'cancelled'));
    expect(errors).toHaveLength(2);
    expect(await a.next()).toEqual({
      done: false,
      value: { taskId, kind: 'cancelled', at: new Date('2026-03-02T15:00:00.000Z') },
    });

    state.send(payload(orgB));
    expect((await b.next()).value).toMatchObject({ kind: 'booked' });
    expect(hub.countSubscribers()).toBe(2);

    stop.abort();
    expect(await a.next()).toEqual({ done: true, value: undefined });
    expect(hub.countSubscribers()).toBe(0);
    await hub.close();
    expect(state.unlistens).toBe(1);
  });

  it('forgets a subscriber whose stream is dropped before it was read, and ends open ones on close', async () => {
    const { state, listen } = fakeListen();
    const hub = createLiveEventHub({ listen });
    const dropped = new AbortController();
    await hub.subscribe(orgA, dropped.signal);
    const open = await hub.subscribe(orgA, new AbortController().signal);
    expect(hub.countSubscribers()).toBe(2);
    dropped.abort();
    expect(hub.countSubscribers()).toBe(1);
    const next = open.next();
    await hub.close();
    expect(await next).toEqual({ done: true, value: undefined });
    expect(hub.countSubscribers()).toBe(0);
    const late = await hub.subscribe(orgA, new AbortController().signal);
    expect(await late.next()).toEqual({ done: true, value: undefined });
    expect(state.listens).toBe(1);
  });

  it('lets the next subscriber retry when LISTEN fails', async () => {
    let attempts = 0;
    const hub = createLiveEventHub({
      listen: () => {
        attempts++;
        return attempts === 1
          ? Promise.reject(new Error('connection refused'))
          : Promise.resolve({ unlisten: () => Promise.resolve() });
      },
    });
    await expect(hub.subscribe(orgA, new AbortController().signal)).rejects.toThrow('connection refused');
    expect(hub.countSubscribers()).toBe(0);
    await hub.subscribe(orgA, new AbortController().signal);
    expect(attempts).toBe(2);
    await hub.close();
  });
});
