import { NextResponse, type NextRequest } from 'next/server';
import { isAppError, retryAfterOf, type AppError } from '../rules/errors';
import { isRouteHandlerPath } from './cache-policy';
import { limitUncachedRender, rendersCountedInServer } from './rate-limits';
import { refusalFor } from './refusal';
import { crossSiteProblem } from './request-origin';
import { MAX_PATH_LENGTH, READ_METHODS, perRequestPageFor, rendersPerRequest } from './view-routes';

/*
 * What the proxy (proxy.ts) answers before Next routes a request: the cases
 * Next itself would answer with a bare 500 or let through. Each answer is the
 * app's own: JSON with a request id under /api, a small error page elsewhere.
 * The rules live in lib (request-origin, rate-limits, view-routes); server
 * actions and route handlers check origin and limits again themselves.
 */

function answer(
  request: NextRequest,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): NextResponse {
  const refusal = refusalFor(request.nextUrl.pathname, status, code, message, headers);
  return new NextResponse(refusal.body, { status: refusal.status, headers: refusal.headers });
}

function fromError(request: NextRequest, error: AppError): NextResponse {
  const retry = retryAfterOf(error);
  return answer(request, error.status, error.code, error.message, retry ? { 'Retry-After': String(retry) } : {});
}

/** The proxy's answer to a request Next should not see, or null to let it through. */
export function screenRequest(request: NextRequest): NextResponse | null {
  const { pathname, searchParams } = request.nextUrl;
  if (pathname.length > MAX_PATH_LENGTH)
    return answer(request, 404, 'not_found', `No page has an address this long (${pathname.length} characters).`);
  try {
    decodeURIComponent(pathname);
  } catch {
    return answer(
      request,
      400,
      'bad_request',
      'The address has malformed percent-encoding (a % not followed by a valid UTF-8 sequence).',
    );
  }
  // Route handlers answer their own methods; pages and server actions are gated here.
  if (!READ_METHODS.has(request.method) && !isRouteHandlerPath(pathname)) {
    if (request.method !== 'POST')
      return answer(
        request,
        405,
        'method_not_allowed',
        `Pages answer GET and HEAD; forms POST. ${request.method} is not accepted here.`,
        {
          Allow: 'GET, HEAD, POST',
        },
      );
    // Every POST outside /api is a server action.
    const problem = crossSiteProblem(request.headers);
    if (problem) return answer(request, 403, 'forbidden', problem);
  }
  const perRequest = READ_METHODS.has(request.method) ? perRequestPageFor(pathname, searchParams) : null;
  // Under the production server (lib/next/start-server.ts) these were counted, and refused, before Next.
  if (READ_METHODS.has(request.method) && !rendersCountedInServer() && rendersPerRequest(pathname, searchParams)) {
    try {
      limitUncachedRender(request.headers);
    } catch (error) {
      if (isAppError(error)) return fromError(request, error);
      throw error;
    }
  }
  return perRequest ? NextResponse.rewrite(new URL(`${perRequest}${request.nextUrl.search}`, request.url)) : null;
}
