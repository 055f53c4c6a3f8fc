// Owns one API process's side of live events: a single LISTEN on PostgreSQL, fanned out to the staff
// subscribers of the event's organization only.
import { liveNotificationSchema, type LiveEvent } from '@portico/validators/live';
import { liveChannel } from './publish-live-event';

/** Starts listening on a channel (postgres.js `sql.listen` fits: it keeps its own connection, outside the pool). */
export type LiveListen = (
  channel: string,
  onPayload: (payload: string) => void,
) => Promise<{ unlisten: () => Promise<unknown> }>;

export type LiveEventHub = {
  /**
   * The organization's events from the moment this resolves (the subscriber is registered and the LISTEN is
   * in place), until `signal` aborts or the hub closes.
   */
  subscribe: (
    organizationId: string,
    signal: AbortSignal,
  ) => Promise<AsyncGenerator<LiveEvent, void, undefined>>;
  /** Number of open subscriptions (for tests and health). */
  countSubscribers: () => number;
  /** Ends every subscription and stops listening. */
  close: () => Promise<void>;
};

/** A slow subscriber keeps at most this many events; older ones are dropped (they only ask for a refetch). */
const MAX_QUEUED_EVENTS = 200;

type Subscriber = { push: (event: LiveEvent) => void; end: () => void };

export function createLiveEventHub(options: {
  listen: LiveListen;
  onError?: (error: unknown) => void;
}): LiveEventHub {
  const byOrganization = new Map<string, Set<Subscriber>>();
  let listening: Promise<{ unlisten: () => Promise<unknown> }> | null = null;
  let isClosed = false;

  const deliver = (payload: string) => {
    let parsed: ReturnType<typeof liveNotificationSchema.safeParse>;
    try {
      parsed = liveNotificationSchema.safeParse(JSON.parse(payload));
    } catch (error) {
      options.onError?.(error);
      return;
    }
    if (!parsed.success) {
      options.onError?.(parsed.error);
      return;
    }
    const { organizationId, taskId, kind, at } = parsed.data;
    for (const subscriber of byOrganization.get(organizationId) ?? []) subscriber.push({ taskId, kind, at });
  };

  // Lazily, so a process (or a test) without subscribers holds no extra connection.
  const ensureListening = async () => {
    listening ??= options.listen(liveChannel, deliver);
    try {
      await listening;
    } catch (error) {
      listening = null; // the next subscriber tries again
      throw error;
    }
  };

  async function subscribe(organizationId: string, signal: AbortSignal) {
    if (isClosed) return (async function* () {})();
    const queue: LiveEvent[] = [];
    let wake: (() => void) | null = null;
    let isEnded = false;
    let subscribers = byOrganization.get(organizationId);
    if (!subscribers) byOrganization.set(organizationId, (subscribers = new Set()));
    const own = subscribers;
    const remove = () => {
      own.delete(subscriber);
      if (own.size === 0 && byOrganization.get(organizationId) === own) byOrganization.delete(organizationId);
    };
    const subscriber: Subscriber = {
      push: (event) => {
        if (queue.length >= MAX_QUEUED_EVENTS) queue.shift();
        queue.push(event);
        wake?.();
      },
      end: () => {
        isEnded = true;
        remove();
        wake?.();
      },
    };
    own.add(subscriber);
    // Also when the stream is dropped before anyone reads it: the generator's finally would never run.
    signal.addEventListener('abort', subscriber.end, { once: true });
    try {
      await ensureListening();
    } catch (error) {
      subscriber.end();
      signal.removeEventListener('abort', subscriber.end);
      throw error;
    }
    async function* read() {
      try {
        while (!isEnded) {
          const next = queue.shift();
          if (next) {
            yield next;
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
        }
      } finally {
        signal.removeEventListener('abort', subscriber.end);
        subscriber.end();
      }
    }
    return read();
  }

  return {
    subscribe,
    countSubscribers: () => [...byOrganization.values()].reduce((sum, set) => sum + set.size, 0),
    close: async () => {
      isClosed = true;
      for (const set of byOrganization.values()) for (const subscriber of set) subscriber.end();
      const current = listening;
      listening = null;
      if (current) await current.then((l) => l.unlisten()).catch(() => undefined);
    },
  };
}
