import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { describeClientError, isClientFault, NETWORK_ERROR_MESSAGE, SERVER_ERROR_MESSAGE } from './errors';
import { shouldRetryQuery } from './query-client';

function serverError(code: string, httpStatus: number, message: string, extra: Record<string, unknown> = {}) {
  return TRPCClientError.from({
    error: {
      code: -32000,
      message,
      data: { code, httpStatus, path: 'x.y', field: null, fieldErrors: null, ...extra },
    },
  });
}

describe('describeClientError', () => {
  it('keeps a 4xx message and its field errors for the form', () => {
    const error = serverError('BAD_REQUEST', 400, 'email: Enter a valid email address.', {
      field: 'email',
      fieldErrors: { email: ['Enter a valid email address.'] },
    });
    expect(describeClientError(error)).toEqual({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      message: 'email: Enter a valid email address.',
      field: 'email',
      fieldErrors: { email: ['Enter a valid email address.'] },
      retryAfterSeconds: null,
    });
  });

  it('hides a 5xx message behind a generic one', () => {
    const info = describeClientError(
      serverError('INTERNAL_SERVER_ERROR', 500, 'relation "x" does not exist'),
    );
    expect(info.message).toBe(SERVER_ERROR_MESSAGE);
    expect(info.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('reports a failed fetch as a connection problem', () => {
    const info = describeClientError(TRPCClientError.from(new TypeError('Failed to fetch')));
    expect(info).toMatchObject({ code: null, httpStatus: null, message: NETWORK_ERROR_MESSAGE });
    expect(describeClientError(new Error('anything else')).message).toBe(NETWORK_ERROR_MESSAGE);
  });

  it('passes retry-after through for rate-limited answers', () => {
    const info = describeClientError(
      serverError('TOO_MANY_REQUESTS', 429, 'Too many attempts. Try again in 5 minutes.', {
        retryAfterSeconds: 300,
      }),
    );
    expect(info.retryAfterSeconds).toBe(300);
    expect(isClientFault(serverError('TOO_MANY_REQUESTS', 429, 'x'))).toBe(true);
  });
});

describe('shouldRetryQuery', () => {
  it('never retries a 4xx answer', () => {
    expect(shouldRetryQuery(0, serverError('UNAUTHORIZED', 401, 'Sign in again.'))).toBe(false);
    expect(shouldRetryQuery(0, serverError('NOT_FOUND', 404, 'Task was not found.'))).toBe(false);
  });

  it('retries network failures and 5xx answers, twice at most', () => {
    const network = TRPCClientError.from(new TypeError('Failed to fetch'));
    const crash = serverError('INTERNAL_SERVER_ERROR', 500, 'boom');
    expect(shouldRetryQuery(0, network)).toBe(true);
    expect(shouldRetryQuery(1, crash)).toBe(true);
    expect(shouldRetryQuery(2, crash)).toBe(false);
  });
});
