/** Errors the domain raises on purpose; route handlers map `status` straight to HTTP. */
export class AppError extends Error {
  readonly status: number = 500;
  readonly code: string = 'internal';
}

export class BadRequestError extends AppError {
  override readonly status = 400;
  override readonly code = 'bad_request';
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  override readonly status = 404;
  override readonly code = 'not_found';
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
