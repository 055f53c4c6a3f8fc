// The real process (tsx apps/server/src/main.ts): boots on a database URL and shuts down gracefully on signals.
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

let t: TestDatabase;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await t.close();
});

type Started = {
  child: ChildProcess;
  url: string;
  port: number;
  lines: string[];
  exited: Promise<number | null>;
};

async function startServer(): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      DATABASE_URL: t.url,
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_ORIGIN: 'http://portal.test',
      ROLE: 'all',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening" line within 30 s:\n${lines.join('\n')}`)),
      30_000,
    );
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Portico is listening' && entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening:\n${lines.join('\n')}`)),
    );
  });
  return { child, url, port: Number(new URL(url).port), lines, exited };
}

/** Sends a request's headers but holds its body back: a request the server must wait for. */
async function openSlowRequest(port: number): Promise<{ finish: () => Promise<string> }> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let response = '';
  socket.on('data', (chunk) => (response += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    'POST /trpc/auth.signOut HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n',
  );
  return {
    finish: async () => {
      socket.end('{}');
      await closed;
      return response;
    },
  };
}

async function isAnswering(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('the server process', () => {
  it('answers /health, and on SIGTERM stops listening, finishes the in-flight request and exits 0', async () => {
    const server = await startServer();
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', jobs: 'ok' });

    const slow = await openSlowRequest(server.port);
    await new Promise((r) => setTimeout(r, 200)); // the server has the headers and waits for the body
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');

    expect(await waitUntil(async () => !(await isAnswering(server.url)), 3000)).toBe(true);
    const response = await slow.finish();
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toContain('"ok":true');

    const code = await server.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    const messages = server.lines.map((l) =>
      l.startsWith('{') ? (JSON.parse(l) as { msg: string }).msg : l,
    );
    expect(messages).toEqual(
      expect.arrayContaining(['stopped HTTP server', 'stopped job system', 'shutdown complete']),
    );
  });

  it('exits at once with status 1 on a later second signal while a request is still held open', async () => {
    const server = await startServer();
    await openSlowRequest(server.port); // never finished: a graceful shutdown would wait for it
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill('SIGTERM');
    server.child.kill('SIGTERM'); // a relayed copy of the same signal (Ctrl+C through a wrapper) is ignored
    await new Promise((r) => setTimeout(r, 1200));
    expect(server.child.exitCode).toBeNull();
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(Date.now() - signalledAt).toBeLessThan(2000);
  });
});
