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
import { parseQuery } from '../rules/query';
import { requireSameOrigin } from './request-origin';

export const MAX_JSON_BODY_BYTES = 64 * 1024;

class PayloadTooLargeError extends AppError {
  override readonly status = 413;
  override readonly code = 'payload_too_large';
}

class MethodNotAllowedError extends AppError {
  override readonly status = 405;
  override readonly code = 'method_not_allowed';
  constructor(
    message: string,
    readonly allow: string,
  ) {
    super(message);
  }
}

/**
 * Parses an API query string with a zod schema, throwing a BadRequestError that names each bad parameter: a repeated
 * one (no API parameter is a repeatable list; a list is one comma-separated value), an unknown one, a bad value.
 */
export function parseSearchParams<T extends z.ZodType>(schema: T, params: URLSearchParams): z.output<T> {
  return parseQuery(schema, params, { accepter: 'endpoint' });
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
    if (error instanceof MethodNotAllowedError) headers.Allow = error.allow;
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

const routeMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type RouteMethod = (typeof routeMethods)[number];
type RouteHandler = (request: Request) => Response;

/**
 * Handlers for the methods a route handler does not take, to export beside the ones it does. Next would answer them
 * 405 with an empty body; these answer in the app's JSON error shape with an `Allow` header, and OPTIONS lists only the
 * methods that work (Next's own OPTIONS would list these refusals too).
 */
export function methodNotAllowed<const A extends RouteMethod>(
  allowed: readonly A[],
): Record<Exclude<RouteMethod, A>, RouteHandler> & { OPTIONS: RouteHandler } {
  const taken: readonly RouteMethod[] = allowed;
  const allow = [...taken, ...(taken.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const refuse: RouteHandler = (request) =>
    errorResponse(
      new MethodNotAllowedError(`${request.method} is not allowed here; this address answers ${allow}.`, allow),
      request,
    );
  const options: RouteHandler = () => new Response(null, { status: 204, headers: { Allow: allow } });
  const refused = routeMethods.filter((method) => !taken.includes(method)).map((method) => [method, refuse]);
  return Object.fromEntries([...refused, ['OPTIONS', options]]) as Record<Exclude<RouteMethod, A>, RouteHandler> & {
    OPTIONS: RouteHandler;
  };
}
