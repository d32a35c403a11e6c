import type { IncomingMessage, ServerResponse } from 'node:http';
import { TooManyRequestsError, isAppError, retryAfterOf } from '../rules/errors';
import { parseEnv } from '../server/env';
import { limitUncachedRender } from './rate-limits';
import { refusalFor } from './refusal';
import { securityHeadersFor } from './security-headers';
import { MAX_PATH_LENGTH, READ_METHODS, rendersPerRequest } from './view-routes';

/*
 * The limit on renders past the page cache (limitUncachedRender), applied in the production server
 * (lib/next/start-server.ts) before Next sees the request. Refused in the proxy, each over-limit request cost about
 * 0.6 ms of the one event loop that also serves the cached pages: twenty clients hammering filtered views cut cached
 * `/` from about 9,800 to 450 requests a second. Here a refusal costs a few tens of microseconds.
 *
 * A client that goes on after its 429 (a loop that sends again the moment an answer arrives) would still keep the loop
 * busy, so a refusal for a client past its own limit is held for a moment before it is sent, as nginx's limit_req
 * delays excess requests: such a loop then sends about one request per hold. Holding costs a timer on a socket the client already opened; past maxHeld
 * refusals waiting at once, the next ones go at once.
 */

export interface RenderGateOptions {
  /** How long a refusal waits before it is sent. */
  holdMs?: number;
  /** Refusals that may wait at once. */
  maxHeld?: number;
  /** Whether the production Content-Security-Policy applies (as next.config.ts decides). */
  production?: boolean;
}

export const REFUSAL_HOLD_MS = 1000;
export const MAX_HELD_REFUSALS = 512;

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The address the limit counts: the socket's, or with TRUSTED_PROXY the forwarded one, as Next and the proxy see it
 * (lib/next/pin-forwarded-headers.ts, clientAddressOf).
 */
function forwardingHeaders(req: IncomingMessage): Headers {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  const forwarded = parseEnv().TRUSTED_PROXY ? headerText(req.headers['x-forwarded-for']) : undefined;
  return new Headers({ 'x-forwarded-for': forwarded || socketAddress });
}

/**
 * Returns the server's gate: called with each request before Next, it answers (and returns true for) a render past
 * the page cache over its limit, and returns false for everything else, which goes on to Next.
 */
export function createRenderGate({
  holdMs = REFUSAL_HOLD_MS,
  maxHeld = MAX_HELD_REFUSALS,
  production = process.env.NODE_ENV === 'production',
}: RenderGateOptions = {}) {
  let held = 0;

  function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string) {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }

  return function refuseOverLimitRender(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    // Only a query makes a render per request (view-routes.ts): the cached pages' path through here is this test.
    if (!url.includes('?') || !READ_METHODS.has(req.method ?? '')) return false;
    let parsed: URL;
    try {
      parsed = new URL(url, 'http://localhost');
      decodeURIComponent(parsed.pathname);
    } catch {
      // The proxy names the problem (400 for malformed percent-encoding).
      return false;
    }
    const { pathname, searchParams } = parsed;
    if (pathname.length > MAX_PATH_LENGTH || !rendersPerRequest(pathname, searchParams)) return false;
    try {
      limitUncachedRender(forwardingHeaders(req));
      return false;
    } catch (error) {
      if (!isAppError(error)) throw error;
      const retry = retryAfterOf(error);
      const { status, headers, body } = refusalFor(pathname, error.status, error.code, error.message, {
        ...securityHeadersFor(pathname, headerText(req.headers['x-forwarded-proto']), production),
        ...(retry ? { 'Retry-After': String(retry) } : {}),
      });
      // Only a client past its own limit waits: one turned away because everyone together is over theirs did
      // nothing wrong.
      const callerOverLimit = error instanceof TooManyRequestsError && error.scope === 'caller';
      if (!callerOverLimit || held >= maxHeld || holdMs <= 0) {
        send(res, status, headers, body);
        return true;
      }
      held++;
      const timer = setTimeout(() => {
        held--;
        res.off('close', cancel);
        send(res, status, headers, body);
      }, holdMs);
      const cancel = () => {
        clearTimeout(timer);
        held--;
      };
      res.once('close', cancel);
      return true;
    }
  };
}
