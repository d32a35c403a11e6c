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

/** A BadRequestError about one field, its message naming the field as every form and API answer does. */
export function fieldError(field: string, message: string): BadRequestError {
  return new BadRequestError(`${field} ${message}`, { [field]: [`${field} ${message}`] });
}

export class UnauthorizedError extends AppError {
  override readonly status = 401;
  override readonly code = 'unauthorized';
  constructor(message = 'Sign in first.') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  override readonly status = 403;
  override readonly code = 'forbidden';
}

export class NotFoundError extends AppError {
  override readonly status = 404;
  override readonly code = 'not_found';
}

export class ConflictError extends AppError {
  override readonly status = 409;
  override readonly code = 'conflict';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  override readonly status = 415;
  override readonly code = 'unsupported_media_type';
}

export class TooManyRequestsError extends AppError {
  override readonly status = 429;
  override readonly code = 'too_many_requests';
  constructor(
    message: string,
    /** Seconds until the caller may try again. */
    readonly retryAfterSeconds: number,
    /** Whose limit was reached: the caller's own, or one shared by everyone. */
    readonly scope: 'caller' | 'everyone' = 'caller',
  ) {
    super(message);
  }
}

/**
 * The database could not take the change right now (the disk is full, another
 * writer held it past the busy timeout): nothing was changed, and the same
 * request may succeed later.
 */
export class ServiceUnavailableError extends AppError {
  override readonly status = 503;
  override readonly code = 'unavailable';
  constructor(
    message: string,
    /** Seconds until the caller may try again. */
    readonly retryAfterSeconds: number,
    /** Whose limit was reached: the caller's own, or one shared by everyone. */
    readonly scope: 'caller' | 'everyone' = 'caller',
  ) {
    super(message);
  }
}

/** The seconds a caller should wait before retrying (a 429, a 503), or null for an error retrying will not cure. */
export function retryAfterOf(error: AppError): number | null {
  return 'retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number' ? error.retryAfterSeconds : null;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The digest Next gives a server error: the same id is in the server's log line (see instrumentation.ts). */
export function errorReference(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return null;
  return typeof error.digest === 'string' && error.digest ? error.digest : null;
}
