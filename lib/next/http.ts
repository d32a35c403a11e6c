import 'server-only';
import type { z } from 'zod';
import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  isAppError,
  retryAfterOf,
  UnsupportedMediaTypeError,
} from '../rules/errors';
import { databaseFaultOf } from '../server/faults';
import { logUnexpectedError, newRequestId } from '../rules/log';
import { parseInput } from '../rules/validation';
import { requireSameOrigin } from './request-origin';

export const MAX_JSON_BODY_BYTES = 64 * 1024;

class PayloadTooLargeError extends AppError {
  override readonly status = 413;
  override readonly code = 'payload_too_large';
}

/** Parses a query string with a zod schema, throwing a BadRequestError that names each bad field. */
export function parseSearchParams<T extends z.ZodType>(schema: T, params: URLSearchParams): z.infer<T> {
  return parseInput(schema, Object.fromEntries(params));
}

/**
 * State-changing API calls must be JSON from our own origin: a cross-site
 * form can send neither that content type nor our Origin, so it cannot ride
 * a reader's session cookie. Returns the parsed body.
 */
export async function readJsonWriteRequest(request: Request): Promise<unknown> {
  // The API wants `Origin` itself: a script's fetch always sends it, and a Referer alone is not enough here.
  if (!request.headers.get('origin'))
    throw new ForbiddenError('Cross-site request refused: send a same-origin Origin header.');
  requireSameOrigin(request.headers);
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new UnsupportedMediaTypeError('Content-Type must be application/json.');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_JSON_BODY_BYTES)
    throw new PayloadTooLargeError(`Request body must be at most ${MAX_JSON_BODY_BYTES} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES)
    throw new PayloadTooLargeError(`Request body must be at most ${MAX_JSON_BODY_BYTES} bytes.`);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestError('Request body is not valid JSON.', { body: ['body is not valid JSON'] });
  }
}

/**
 * Maps typed domain errors to their HTTP status. Anything unexpected is
 * logged once with a fresh request id and answered 500 with that id (in the
 * body and `X-Request-Id`) and no details: the stack stays in the log.
 */
export function errorResponse(error: unknown, request: Request): Response {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (isAppError(error)) {
    const body: Record<string, unknown> = { error: error.message, code: error.code };
    if (error instanceof BadRequestError && Object.keys(error.fieldErrors).length) body.fieldErrors = error.fieldErrors;
    if (error instanceof ConflictError) Object.assign(body, error.details);
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== null) {
      headers['Retry-After'] = String(retryAfter);
      body.retryAfterSeconds = retryAfter;
    }
    return Response.json(body, { status: error.status, headers });
  }
  const requestId = newRequestId();
  const url = new URL(request.url);
  logUnexpectedError({ requestId, path: url.pathname + url.search, method: request.method, routeType: 'route', error });
  return Response.json(
    { error: `Something went wrong on our side. Reference: ${requestId}`, code: 'internal', requestId },
    { status: 500, headers: { ...headers, 'X-Request-Id': requestId } },
  );
}

/**
 * A read in a route handler: its answer, or the error mapped the way every
 * write's is (typed errors to their status, anything else a 500 with a request id).
 */
export async function answerRead(request: Request, read: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await read();
  } catch (error) {
    return errorResponse(databaseFaultOf(error) ?? error, request);
  }
}
