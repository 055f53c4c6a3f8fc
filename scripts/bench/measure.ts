// Runs one autocannon measurement and summarises it: throughput, latency percentiles, errors.
import autocannon from 'autocannon';
import http from 'node:http';
import { describeCpu, type CpuWatch } from './cpu';

export type Measurement = {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Responses per status code, to explain a non-2xx count. */
  statusCodes: Record<string, number>;
  requests: number;
  /** Where the CPU went during the measurement, when watched. */
  cpu: string | null;
};

export type MeasureOptions = {
  name: string;
  url: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  method?: 'GET' | 'POST';
  /** A fresh body per request (rotating customers and sites); JSON-encoded by the caller. */
  nextBody?: () => string;
  cpu?: CpuWatch;
};

let running: autocannon.Instance | null = null;
const settleMs = 2000;

/** Stops the measurement in flight (Ctrl-C). */
export function stopRunningMeasurement(): void {
  running?.stop();
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export async function measure(options: MeasureOptions): Promise<Measurement> {
  // autocannon reports p97.5 but no p95, so every latency is kept and the percentiles computed here.
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const nextBody = options.nextBody;
  const started = performance.now();
  const cpuBefore = options.cpu?.snapshot();
  let instance: autocannon.Instance | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        headers: options.headers,
        method: options.method ?? 'GET',
        timeout: 10,
        ...(nextBody
          ? {
              requests: [
                {
                  method: options.method ?? 'POST',
                  setupRequest: (request: autocannon.Request) => ({ ...request, body: nextBody() }),
                },
              ],
            }
          : {}),
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error as Error) : resolve(done)),
    );
    running = instance;
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
  });
  running = null;
  const cpuAfter = options.cpu?.snapshot();
  // the load's own duration: the settle pause below is not part of it
  const elapsedSeconds = (performance.now() - started) / 1000;
  // Requests still queued in the server when the load stops finish afterwards; let them drain so they do
  // not bill the next measurement.
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const sorted = Float64Array.from(latencies).sort();
  return {
    name: options.name,
    rps: latencies.length / elapsedSeconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: result.errors,
    non2xx: result.non2xx,
    statusCodes,
    requests: latencies.length,
    cpu: cpuBefore && cpuAfter ? describeCpu(cpuBefore, cpuAfter, latencies.length) : null,
  };
}

export function formatMeasurement(m: Measurement): string {
  const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
  return (
    `procedure=${m.name} rps=${Math.round(m.rps)} p50_ms=${ms(m.p50)} p95_ms=${ms(m.p95)} p99_ms=${ms(m.p99)} ` +
    `errors=${m.errors} non2xx=${m.non2xx}`
  );
}

export type OpenLoadOptions = {
  name: string;
  url: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  /** Requests per second, sent at evenly spaced instants whatever the answers do (an open model). */
  rate: number;
};

/**
 * Latency under a steady arrival rate: request i is due at i / rate seconds and its latency is counted from
 * that instant (so a slow answer that delays later sends is charged to them too: no coordinated omission).
 * At most `connections` requests are on the wire; the rest wait for a socket, and that wait counts.
 */
export async function measureOpenLoad(options: OpenLoadOptions): Promise<Measurement> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let non2xx = 0;
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  const total = Math.floor(options.rate * options.durationSeconds);
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * options.rate) + 1);
    for (; sent < due; sent++) {
      const scheduledAt = started + (sent / options.rate) * 1000;
      const done = new Promise<void>((resolve) => {
        const req = http.request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname + target.search,
            headers: options.headers,
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              latencies.push(performance.now() - scheduledAt);
              const code = res.statusCode ?? 0;
              statusCodes[code] = (statusCodes[code] ?? 0) + 1;
              if (code < 200 || code > 299) non2xx++;
              resolve();
            });
          },
        );
        req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
        req.on('error', () => {
          errors++;
          resolve();
        });
        req.end();
      });
      pending.add(done);
      void done.then(() => pending.delete(done));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const sorted = Float64Array.from(latencies).sort();
  return {
    name: options.name,
    rps: latencies.length / elapsedSeconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
    non2xx,
    statusCodes,
    requests: latencies.length,
    cpu: null,
  };
}
