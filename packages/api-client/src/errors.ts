// Turns whatever a tRPC call threw into what a screen shows: a message a person can act on, per-field errors.
import type { AppRouter, ErrorData } from '@portico/api';
import { TRPCClientError } from '@trpc/client';

export type ClientErrorInfo = {
  /** The tRPC error code (`UNAUTHORIZED`, `NOT_FOUND`...), or null when the server was not reached. */
  code: string | null;
  httpStatus: number | null;
  message: string;
  /** The input field the message is about, for showing it next to that input. */
  field: string | null;
  fieldErrors: Record<string, string[]>;
  retryAfterSeconds: number | null;
};

export const NETWORK_ERROR_MESSAGE =
  'Portico could not reach the server. Check your connection and try again.';
export const SERVER_ERROR_MESSAGE = 'Something went wrong on our side. Try again in a moment.';

function isAppRouterError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}

export function describeClientError(error: unknown): ClientErrorInfo {
  const none = { field: null, fieldErrors: {}, retryAfterSeconds: null };
  if (!isAppRouterError(error) || !error.data) {
    // No error shape from the server: fetch failed, or a proxy answered with something that is not tRPC.
    return { code: null, httpStatus: null, message: NETWORK_ERROR_MESSAGE, ...none };
  }
  const data = error.data as typeof error.data & Partial<ErrorData>;
  const httpStatus = typeof data.httpStatus === 'number' ? data.httpStatus : null;
  const isServerFault = httpStatus === null || httpStatus >= 500;
  return {
    code: data.code ?? null,
    httpStatus,
    // A 5xx message is an internal detail; a 4xx message was written for the person using the app.
    message: isServerFault ? SERVER_ERROR_MESSAGE : error.message,
    field: data.field ?? null,
    fieldErrors: data.fieldErrors ?? {},
    retryAfterSeconds: data.retryAfterSeconds ?? null,
  };
}

/** True for 4xx answers: the same request would fail the same way, so retrying only delays the message. */
export function isClientFault(error: unknown): boolean {
  const { httpStatus } = describeClientError(error);
  return httpStatus !== null && httpStatus >= 400 && httpStatus < 500;
}

export function isUnauthorized(error: unknown): boolean {
  return describeClientError(error).code === 'UNAUTHORIZED';
}
