import { NextResponse, type NextRequest } from 'next/server';
import { screenRequest } from '@/lib/next/request-gate';

/** Answers malformed, cross-site and over-limit requests before Next routes them (lib/next/request-gate.ts). */
export function proxy(request: NextRequest) {
  return screenRequest(request) ?? NextResponse.next();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
