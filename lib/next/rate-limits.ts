import { parseEnv } from '../server/env';
import { RateLimiter } from '../rules/rate-limit';
import { TooManyRequestsError } from '../rules/errors';
import { clientAddressOf } from './request-origin';

/*
 * The limits against abuse (README, "Limits"). The proxy, route handlers and
 * server actions are separate bundles with separate module state, so the
 * counters live on globalThis: one set per server process.
 */
const store = globalThis as unknown as {
  meshMatrixLimiters?: Map<string, RateLimiter>;
  meshMatrixRendersCountedInServer?: boolean;
};

function limiterFor(name: string, limit: number, windowMs: number): RateLimiter {
  store.meshMatrixLimiters ??= new Map();
  const key = `${name}:${limit}:${windowMs}`;
  let limiter = store.meshMatrixLimiters.get(key);
  if (!limiter) {
    limiter = new RateLimiter(limit, windowMs);
    store.meshMatrixLimiters.set(key, limiter);
  }
  return limiter;
}

function take(limiter: RateLimiter, keys: string[], message: string, scope: 'caller' | 'everyone' = 'caller'): void {
  for (const key of keys) {
    const decision = limiter.take(key);
    if (!decision.allowed)
      throw new TooManyRequestsError(
        `${message} Try again in ${decision.retryAfterSeconds} s.`,
        decision.retryAfterSeconds,
        scope,
      );
  }
}

/** A sign-in attempt, counted per address and per account name typed (a spread of addresses cannot guess one account). */
export function limitSignIn(headers: Headers, account?: string | null): void {
  const limiter = limiterFor('sign-in', parseEnv().RATE_LIMIT_SIGN_IN, 15 * 60_000);
  const keys = [`address:${clientAddressOf(headers)}`];
  if (account) keys.push(`account:${account.trim().toLowerCase()}`);
  take(limiter, keys, 'Too many sign-in attempts.');
}

/** A submission (a proposal, a withdrawal), per address and per signed-in account. */
export function limitSubmission(headers: Headers, actorId?: number | null): void {
  const limiter = limiterFor('writes', parseEnv().RATE_LIMIT_WRITES_PER_MINUTE, 60_000);
  const keys = [`address:${clientAddressOf(headers)}`];
  if (actorId) keys.push(`user:${actorId}`);
  take(limiter, keys, 'Too many submissions in a minute.');
}

/** A render that bypasses the page cache: per address, and for everyone together per second. */
export function limitUncachedRender(headers: Headers): void {
  const env = parseEnv();
  take(
    limiterFor('uncached', env.RATE_LIMIT_UNCACHED_PER_MINUTE, 60_000),
    [`address:${clientAddressOf(headers)}`],
    'Too many filtered, dated or compared views in a minute; the plain pages are not limited.',
  );
  take(
    limiterFor('uncached-all', env.RATE_LIMIT_UNCACHED_GLOBAL_PER_SECOND, 1_000),
    ['everyone'],
    'The server is busy with filtered and dated views; the plain pages are not limited.',
    'everyone',
  );
}

/**
 * The production server counts (and refuses) renders past the page cache itself, before Next (lib/next/render-gate.ts):
 * a refusal there costs a fraction of one from the proxy. From then on the proxy leaves them alone, or each would count
 * twice. `next dev` has no such server, so there the proxy counts them.
 */
export function countRendersInServer(): void {
  store.meshMatrixRendersCountedInServer = true;
}

export function rendersCountedInServer(): boolean {
  return store.meshMatrixRendersCountedInServer === true;
}
