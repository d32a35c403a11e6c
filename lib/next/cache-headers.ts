import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { cacheKindOf, cacheControlOf, isRouteHandlerPath } from './cache-policy';
import { lastModifiedOf, readDataVersion, unmodifiedSince, type DataVersion } from './http-cache';
import { listsEtag } from '../rules/etag-match';

/*
 * The pages' half of the cache policy (lib/next/cache-policy.ts). Next keeps a Cache-Control that is already on the
 * response (sendRenderResult in next/dist/server/send-payload.js), so the header set here is the one a page sends,
 * except on a 500, which Next marks no-store itself. Route handlers are left alone: a header set here would win over
 * theirs (next/dist/server/send-response.js adds a handler's header only where none is set), and their errors must stay
 * no-store. They answer with the same policy themselves: respondCached (lib/next/http-cache.ts) for the shared reads,
 * no-store for the rest.
 *
 * Validators: Next sends the ETag of a cached (ISR) page's bytes and answers a matching If-None-Match with 304. A page
 * rendered per request has no stored bytes to hash, so it gets a weak ETag of the data version instead: the same data,
 * code and day render the same page. Every shared response carries Last-Modified from the newest write, which is never
 * older than the data the page shows (lastModifiedOf).
 */

/** Per server process: a new deployment (or restart) must not match an ETag a page rendered by older code. */
const serverStamp = Date.now().toString(36);

function dataEtagOf(version: DataVersion): string {
  // The day is in it because `?at=` refuses a future date: tomorrow's refusal is today's 400.
  return `W/"${serverStamp}.${version.tag}.${new Date().toISOString().slice(0, 10)}"`;
}

/**
 * The response the proxy hands on (`next` is NextResponse.next() or a rewrite), with this request's caching headers;
 * or a 304 when the client's copy is still current, without rendering anything.
 */
export function applyCachePolicy(request: NextRequest, next: NextResponse): NextResponse {
  if (isRouteHandlerPath(request.nextUrl.pathname)) return next;
  const kind = cacheKindOf(request.method, request.nextUrl.pathname);
  const cacheControl = cacheControlOf(kind);
  next.headers.set('Cache-Control', cacheControl);
  if (kind === 'private') return next;
  let version: DataVersion;
  try {
    version = readDataVersion();
  } catch {
    // The page reports the database fault itself; with no data version there is nothing to date or share.
    next.headers.set('Cache-Control', cacheControlOf('private'));
    return next;
  }
  const etag = dataEtagOf(version);
  const lastModified = lastModifiedOf(version);
  if (listsEtag(request.headers.get('if-none-match'), etag))
    return new NextResponse(null, { status: 304, headers: { 'Cache-Control': cacheControl, ETag: etag } });
  // No ETag here: a cached page's 200 carried Next's ETag of its bytes, which the client keeps.
  if (unmodifiedSince(request, lastModified))
    return new NextResponse(null, {
      status: 304,
      headers: { 'Cache-Control': cacheControl, 'Last-Modified': lastModified! },
    });
  if (lastModified) next.headers.set('Last-Modified', lastModified);
  // A cached page's own ETag (of its bytes) replaces this one.
  next.headers.set('ETag', etag);
  return next;
}
