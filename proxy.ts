import { NextResponse, type NextRequest } from 'next/server';
import { applyCachePolicy } from '@/lib/next/cache-headers';
import { screenRequest } from '@/lib/next/request-gate';

/**
 * Answers malformed, cross-site and over-limit requests before Next routes them (lib/next/request-gate.ts), and gives
 * every other response its caching headers, or a 304 (lib/next/cache-headers.ts).
 */
export function proxy(request: NextRequest) {
  const screened = screenRequest(request);
  // The gate's only pass-through answer is a rewrite to the per-request page; everything else it answers is a refusal.
  if (screened && !screened.headers.has('x-middleware-rewrite')) return screened;
  return applyCachePolicy(request, screened ?? NextResponse.next());
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
