// Owns what the SNS and Resend stand-ins share: the HTTP server, failure injection, hangs and the control API.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An error the stand-in answers instead of processing a request. */
export type InjectedFailure = {
  status: number;
  /** The provider's error code (SNS <Code>, Resend `name`); a default per status when absent. */
  code?: string;
  message?: string;
  /** Sent as a Retry-After header. */
  retryAfterSeconds?: number;
};

export type HangOptions = {
  /**
   * true (default): after the hang the request is processed as usual, even if the client gave up: the provider
   * was slow, not dead (and SNS then delivers twice if the client retries). false: the connection is dropped.
   */
  deliver?: boolean;
};

export type StandInSummary = {
  requests: number;
  deliveries: number;
  /** Answers by HTTP status. */
  byStatus: Record<string, number>;
  /** Deliveries repeating an earlier one to the same recipient with the same content. */
  duplicateDeliveries: number;
};

/** The controls both stand-ins offer, in process and over HTTP under /__stand-in/ (for benches in another process). */
export type StandInControls = {
  /** Base URL: SNS `endpoint` or Resend `baseUrl`. */
  readonly url: string;
  /** The next `count` requests are answered with this error. */
  failNext: (count: number, failure: InjectedFailure) => void;
  /** Every request to this recipient is answered with this error (a permanent refusal) until reset(). */
  failForRecipient: (recipient: string, failure: InjectedFailure) => void;
  /** The next request waits this long before it is answered (or dropped). */
  hangNext: (ms: number, options?: HangOptions) => void;
  /** Answer 429 above this many accepted requests per second (fixed one-second windows); null: no limit. */
  limitRate: (perSecond: number | null) => void;
  /** Resolves when at least `count` deliveries were recorded; rejects after `timeoutMs` (default 5000). */
  waitForDeliveries: (count: number, options?: { timeoutMs?: number }) => Promise<void>;
  summary: () => StandInSummary;
  /** Forgets requests, deliveries, idempotency keys and every injected failure. */
  reset: () => void;
  close: () => Promise<void>;
};

export type StandInRequest = {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
};

export type StandInAnswer = {
  status: number;
  headers?: Record<string, string>;
  body: string;
};

/** The failure and pacing state the protocol handlers consult; reset() clears it. */
export class StandInState {
  private failures: { remaining: number; failure: InjectedFailure }[] = [];
  private hangs: { ms: number; deliver: boolean }[] = [];
  readonly recipientFailures = new Map<string, InjectedFailure>();
  private ratePerSecond: number | null = null;
  private windowStart = 0;
  private windowCount = 0;
  readonly statusCounts = new Map<number, number>();

  failNext(count: number, failure: InjectedFailure): void {
    if (count > 0) this.failures.push({ remaining: count, failure });
  }

  takeFailure(): InjectedFailure | null {
    const head = this.failures[0];
    if (!head) return null;
    head.remaining -= 1;
    if (head.remaining <= 0) this.failures.shift();
    return head.failure;
  }

  hangNext(ms: number, options: HangOptions = {}): void {
    this.hangs.push({ ms, deliver: options.deliver ?? true });
  }

  takeHang(): { ms: number; deliver: boolean } | null {
    return this.hangs.shift() ?? null;
  }

  limitRate(perSecond: number | null): void {
    this.ratePerSecond = perSecond && perSecond > 0 ? perSecond : null;
    this.windowCount = 0;
  }

  /** Counts one request against the rate; when over it, the headers and seconds to wait. */
  checkRate(nowMs: number): { limited: boolean; headers: Record<string, string>; retryAfterSeconds: number } {
    if (this.ratePerSecond === null) return { limited: false, headers: {}, retryAfterSeconds: 0 };
    if (nowMs - this.windowStart >= 1000) {
      this.windowStart = nowMs;
      this.windowCount = 0;
    }
    const resetSeconds = Math.max(1, Math.ceil((this.windowStart + 1000 - nowMs) / 1000));
    const limited = this.windowCount >= this.ratePerSecond;
    if (!limited) this.windowCount += 1;
    return {
      limited,
      retryAfterSeconds: resetSeconds,
      headers: {
        'ratelimit-limit': String(this.ratePerSecond),
        'ratelimit-remaining': String(Math.max(0, this.ratePerSecond - this.windowCount)),
        'ratelimit-reset': String(resetSeconds),
        'ratelimit-policy': `${this.ratePerSecond};w=1`,
      },
    };
  }

  count(status: number): void {
    this.statusCounts.set(status, (this.statusCounts.get(status) ?? 0) + 1);
  }

  reset(): void {
    this.failures = [];
    this.hangs = [];
    this.recipientFailures.clear();
    this.ratePerSecond = null;
    this.windowCount = 0;
    this.statusCounts.clear();
  }
}

export type StandInServer = {
  url: string;
  close: () => Promise<void>;
  /** Waits `ms`, or less if the server closes first. */
  sleep: (ms: number) => Promise<void>;
};

export type ControlHandlers = {
  state: StandInState;
  received: () => unknown[];
  deliveries: () => unknown[];
  summary: () => StandInSummary;
  reset: () => void;
};

/**
 * Starts a node:http server on 127.0.0.1 (port 0 = any free port). `handle` answers the provider protocol;
 * paths under /__stand-in/ are the control API. A `null` answer drops the connection.
 */
export async function startStandInServer(options: {
  port?: number;
  controls: ControlHandlers;
  handle: (request: StandInRequest, server: StandInServer) => Promise<StandInAnswer | null>;
}): Promise<StandInServer> {
  const timers = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: () => void }>();
  let closed = false;
  const standIn: StandInServer = {
    url: '',
    close: async () => {},
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        const entry = { timer: setTimeout(() => done(), ms), resolve: () => done() };
        const done = () => {
          clearTimeout(entry.timer);
          timers.delete(entry);
          resolve();
        };
        timers.add(entry);
      }),
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: StandInRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const answer = request.path.startsWith('/__stand-in/')
        ? handleControl(request, options.controls)
        : options.handle(request, standIn);
      answer.then(
        (a) => respond(res, a),
        (error: unknown) =>
          respond(res, {
            status: 500,
            body: `stand-in failure: ${(error as Error).message ?? String(error)}`,
          }),
      );
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  standIn.url = `http://127.0.0.1:${port}`;
  standIn.close = async () => {
    if (closed) return;
    closed = true;
    for (const entry of [...timers]) entry.resolve();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return standIn;
}

function respond(res: ServerResponse, answer: StandInAnswer | null): void {
  if (res.destroyed || res.writableEnded) return;
  if (answer === null) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(answer.status, { 'content-length': Buffer.byteLength(answer.body), ...answer.headers });
  res.end(answer.body);
}

async function handleControl(request: StandInRequest, controls: ControlHandlers): Promise<StandInAnswer> {
  const json = (value: unknown, status = 200): StandInAnswer => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  });
  const input = (() => {
    try {
      return request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  })();
  const route = `${request.method} ${request.path.split('?')[0]}`;
  switch (route) {
    case 'GET /__stand-in/summary':
      return json(controls.summary());
    case 'GET /__stand-in/received':
      return json(controls.received());
    case 'GET /__stand-in/deliveries':
      return json(controls.deliveries());
    case 'POST /__stand-in/reset':
      controls.reset();
      return json({ ok: true });
    case 'POST /__stand-in/fail-next':
      controls.state.failNext(Number(input.count ?? 1), input as unknown as InjectedFailure);
      return json({ ok: true });
    case 'POST /__stand-in/fail-for-recipient':
      controls.state.recipientFailures.set(String(input.recipient), input as unknown as InjectedFailure);
      return json({ ok: true });
    case 'POST /__stand-in/hang-next':
      controls.state.hangNext(Number(input.ms ?? 0), { deliver: input.deliver !== false });
      return json({ ok: true });
    case 'POST /__stand-in/limit-rate':
      controls.state.limitRate(input.perSecond === null ? null : Number(input.perSecond));
      return json({ ok: true });
    default:
      return json({ error: `unknown control ${route}` }, 404);
  }
}

/** Polls until `count()` reaches `target`. */
export async function waitUntil(
  count: () => number,
  target: number,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (count() < target) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${target} ${what} (have ${count()}).`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function summarize(
  requests: number,
  deliveryKeys: string[],
  statusCounts: Map<number, number>,
): StandInSummary {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const key of deliveryKeys) {
    if (seen.has(key)) duplicates += 1;
    else seen.add(key);
  }
  return {
    requests,
    deliveries: deliveryKeys.length,
    byStatus: Object.fromEntries([...statusCounts].map(([status, n]) => [String(status), n])),
    duplicateDeliveries: duplicates,
  };
}
