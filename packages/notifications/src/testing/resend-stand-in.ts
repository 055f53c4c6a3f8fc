// Owns a local Resend API (POST /emails, JSON) that honours Idempotency-Key as Resend does, for tests and benches.
import { createHash, randomUUID } from 'node:crypto';
import {
  startStandInServer,
  StandInState,
  summarize,
  waitUntil,
  type InjectedFailure,
  type StandInAnswer,
  type StandInControls,
} from './stand-in-server';

/** One request as the stand-in parsed it, and what it answered. */
export type ResendReceived = {
  method: string;
  path: string;
  idempotencyKey: string | null;
  authorization: string | null;
  /** The JSON body as sent (null when it was not JSON). */
  body: Record<string, unknown> | null;
  from: string | null;
  to: string[];
  subject: string | null;
  html: string | null;
  text: string | null;
  receivedAt: Date;
  status: number;
  /** The id answered: a new one, or the first one for a repeated Idempotency-Key. */
  id: string | null;
  errorName: string | null;
  /** true when this request repeated a key already sent, and was answered without sending again. */
  replayed: boolean;
};

/** An email a person would receive. A repeated Idempotency-Key within 24 h is not a new delivery. */
export type EmailDelivery = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  idempotencyKey: string | null;
  deliveredAt: Date;
};

export type ResendStandIn = StandInControls & {
  readonly received: ResendReceived[];
  readonly deliveries: EmailDelivery[];
};

export type ResendStandInOptions = {
  port?: number;
  /** Wall-clock milliseconds, for the 24-hour idempotency window; injectable for tests. */
  now?: () => number;
};

const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const NAMED_EMAIL = /^[^<>]*<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>$/;

const DEFAULT_ERRORS: Record<number, { name: string; message: string }> = {
  400: { name: 'validation_error', message: 'We found an error with one or more fields in the request.' },
  401: { name: 'missing_api_key', message: 'Missing API key in the authorization header.' },
  403: { name: 'invalid_api_key', message: 'API key is invalid.' },
  409: {
    name: 'concurrent_idempotent_requests',
    message: 'Same idempotency key used while original request is still in progress.',
  },
  422: { name: 'validation_error', message: 'We found an error with one or more fields in the request.' },
  429: {
    name: 'rate_limit_exceeded',
    message:
      'Too many requests. You can only make 2 requests per second. See rate limit response headers for more information.',
  },
  500: { name: 'internal_server_error', message: 'An unexpected error occurred.' },
};

type KeyRecord = { state: 'pending' | 'done'; fingerprint: string; id: string | null; at: number };

export async function startResendStandIn(options: ResendStandInOptions = {}): Promise<ResendStandIn> {
  const now = options.now ?? (() => Date.now());
  const state = new StandInState();
  const received: ResendReceived[] = [];
  const deliveries: EmailDelivery[] = [];
  const keys = new Map<string, KeyRecord>();

  const reset = () => {
    received.length = 0;
    deliveries.length = 0;
    keys.clear();
    state.reset();
  };
  const summary = () =>
    summarize(
      received.length,
      deliveries.map((d) => `${d.to.join(',')}\n${d.subject}\n${d.text ?? d.html ?? ''}`),
      state.statusCounts,
    );

  const server = await startStandInServer({
    ...(options.port !== undefined ? { port: options.port } : {}),
    controls: { state, received: () => received, deliveries: () => deliveries, summary, reset },
    handle: async (request, srv) => {
      let body: Record<string, unknown> | null = null;
      try {
        const parsed: unknown = JSON.parse(request.body);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          body = parsed as Record<string, unknown>;
      } catch {
        body = null;
      }
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : null;
      };
      const to = toList(body?.to);
      const entry: ResendReceived = {
        method: request.method,
        path: request.path,
        idempotencyKey: header('idempotency-key'),
        authorization: header('authorization'),
        body,
        from: typeof body?.from === 'string' ? body.from : null,
        to,
        subject: typeof body?.subject === 'string' ? body.subject : null,
        html: typeof body?.html === 'string' ? body.html : null,
        text: typeof body?.text === 'string' ? body.text : null,
        receivedAt: new Date(now()),
        status: 0,
        id: null,
        errorName: null,
        replayed: false,
      };
      received.push(entry);

      let extraHeaders: Record<string, string> = {};
      const answer = (status: number, json: unknown, headers: Record<string, string> = {}): StandInAnswer => {
        entry.status = status;
        state.count(status);
        return {
          status,
          headers: { 'content-type': 'application/json', ...extraHeaders, ...headers },
          body: JSON.stringify(json),
        };
      };
      const fail = (status: number, failure: Partial<InjectedFailure> = {}, message?: string) => {
        const defaults = DEFAULT_ERRORS[status] ?? DEFAULT_ERRORS[status >= 500 ? 500 : 400]!;
        const name = failure.code ?? defaults.name;
        entry.errorName = name;
        return answer(
          status,
          { statusCode: status, name, message: failure.message ?? message ?? defaults.message },
          failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {},
        );
      };

      const injected = state.takeFailure();
      if (injected) return fail(injected.status, injected);

      const rate = state.checkRate(now());
      extraHeaders = rate.headers;
      if (rate.limited) return fail(429, { retryAfterSeconds: rate.retryAfterSeconds });

      if (request.method !== 'POST' || request.path.split('?')[0] !== '/emails') {
        return fail(
          405,
          { code: 'method_not_allowed' },
          `${request.method} ${request.path} is not supported here.`,
        );
      }
      if (!entry.authorization?.startsWith('Bearer ') || entry.authorization.length <= 'Bearer '.length) {
        return fail(401);
      }
      if (!body) return fail(422, {}, 'The request body must be a JSON object.');
      if (!entry.from) return fail(422, { code: 'missing_required_field' }, 'Missing `from` field.');
      if (!addressOf(entry.from)) {
        return fail(
          422,
          { code: 'invalid_from_address' },
          'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
        );
      }
      if (to.length === 0) return fail(422, { code: 'missing_required_field' }, 'Missing `to` field.');
      if (to.some((address) => !addressOf(address))) {
        return fail(
          422,
          {},
          'Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
        );
      }
      if (!entry.subject) return fail(422, { code: 'missing_required_field' }, 'Missing `subject` field.');
      if (!entry.html && !entry.text) return fail(422, {}, 'Missing `html` or `text` field.');
      const key = entry.idempotencyKey;
      if (key !== null && (key.length < 1 || key.length > 256)) {
        return fail(400, { code: 'invalid_idempotency_key' }, 'The key must be between 1-256 chars.');
      }
      for (const address of to) {
        const refusal =
          state.recipientFailures.get(address) ?? state.recipientFailures.get(addressOf(address)!);
        if (refusal) return fail(refusal.status, refusal);
      }

      // Resend remembers a key for 24 h: the same payload again answers the first id and sends nothing.
      const fingerprint = createHash('sha256').update(request.body).digest('hex');
      if (key !== null) {
        const record = keys.get(key);
        if (record && now() - record.at < IDEMPOTENCY_WINDOW_MS) {
          if (record.fingerprint !== fingerprint) {
            return fail(
              409,
              { code: 'invalid_idempotent_request' },
              'Same idempotency key used with a different request payload.',
            );
          }
          if (record.state === 'pending') return fail(409, { code: 'concurrent_idempotent_requests' });
          entry.id = record.id;
          entry.replayed = true;
          return answer(200, { id: record.id });
        }
        keys.set(key, { state: 'pending', fingerprint, id: null, at: now() });
      }

      const hang = state.takeHang();
      if (hang) {
        await srv.sleep(hang.ms);
        if (!hang.deliver) {
          if (key !== null) keys.delete(key);
          entry.errorName = 'dropped';
          return null;
        }
      }

      const id = randomUUID();
      deliveries.push({
        id,
        from: entry.from,
        to,
        subject: entry.subject,
        html: entry.html,
        text: entry.text,
        idempotencyKey: key,
        deliveredAt: new Date(now()),
      });
      if (key !== null) keys.set(key, { state: 'done', fingerprint, id, at: now() });
      entry.id = id;
      return answer(200, { id });
    },
  });

  return {
    get url() {
      return server.url;
    },
    received,
    deliveries,
    failNext: (count, failure) => state.failNext(count, failure),
    failForRecipient: (recipient, failure) => state.recipientFailures.set(recipient, failure),
    hangNext: (ms, hangOptions) => state.hangNext(ms, hangOptions),
    limitRate: (perSecond) => state.limitRate(perSecond),
    waitForDeliveries: (count, waitOptions) =>
      waitUntil(() => deliveries.length, count, waitOptions?.timeoutMs ?? 5000, 'email deliveries'),
    summary,
    reset,
    close: () => server.close(),
  };
}

function toList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The bare address of "a@b.c" or "Name <a@b.c>", or null when neither. */
function addressOf(value: string): string | null {
  const trimmed = value.trim();
  if (EMAIL.test(trimmed)) return trimmed;
  return NAMED_EMAIL.exec(trimmed)?.[1] ?? null;
}
