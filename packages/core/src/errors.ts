// AppError: the one error core throws; the api layer maps its code to a tRPC error.
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'TOO_MANY_REQUESTS'
  | 'UNPROCESSABLE_CONTENT';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field the message is about, so a form can show it next to the input. */
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    extra: { field?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = extra.field;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);

export const staleVersion = (what: string) =>
  new AppError(
    'CONFLICT',
    `This ${what} was changed by someone else since you opened it. Reload to see the latest version, then make your change again.`,
  );
