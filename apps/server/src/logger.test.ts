// What may reach a log line: URLs with credentials or inputs in their query are redacted.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger';

describe('redactUrl', () => {
  it('replaces token, code and tRPC input values and keeps the rest', () => {
    expect(redactUrl('/p/login?token=abc123&next=%2Fp%2F')).toBe(
      '/p/login?token=%5BREDACTED%5D&next=%2Fp%2F',
    );
    expect(redactUrl('/trpc/tasks.list?batch=1&input={"0":{"json":{"email":"a@b.c"}}}')).toBe(
      '/trpc/tasks.list?batch=1&input=%5BREDACTED%5D',
    );
    expect(redactUrl('/verify?otpCode=123456')).toBe('/verify?otpCode=%5BREDACTED%5D');
    expect(redactUrl('/health')).toBe('/health');
  });
});

describe('createLogger', () => {
  it('never writes authorization, cookies, tokens or passwords', () => {
    let written = '';
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        written += chunk.toString();
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer sekrit-1', cookie: 'portico_session=sekrit-2' } },
        token: 'sekrit-3',
        input: { password: 'sekrit-4', nested: { token: 'sekrit-5' } },
      },
      'hello',
    );
    expect(written).toContain('hello');
    expect(written).toContain('[REDACTED]');
    expect(written).not.toMatch(/sekrit/);
  });
});
