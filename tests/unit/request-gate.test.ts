import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '@/lib/rules/rate-limit';
import { TooManyRequestsError } from '@/lib/rules/errors';
import { limitSignIn, limitSubmission } from '@/lib/next/rate-limits';
import { clientAddressOf, crossSiteProblem } from '@/lib/next/request-origin';
import { screenRequest } from '@/lib/next/request-gate';
import { rendersPerRequest } from '@/lib/next/view-routes';

const SITE = 'http://127.0.0.1:3000';

function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(new URL(path, SITE), {
    method: init.method ?? 'GET',
    headers: { 'x-forwarded-for': '10.1.1.1', ...init.headers },
  });
}

beforeEach(() => {
  vi.stubEnv('NEXTAUTH_URL', SITE);
  vi.stubEnv('TRUSTED_PROXY', '0');
  // Generous unless a test is about the limits.
  vi.stubEnv('RATE_LIMIT_UNCACHED_PER_MINUTE', '1000');
  vi.stubEnv('RATE_LIMIT_UNCACHED_GLOBAL_PER_SECOND', '1000');
  // Each test starts with fresh counters.
  delete (globalThis as { meshMatrixLimiters?: unknown }).meshMatrixLimiters;
});
afterEach(() => vi.unstubAllEnvs());

describe('the rate limiter', () => {
  it('allows `limit` takes per window and key, then says when to retry', () => {
    const limiter = new RateLimiter(2, 60_000);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 1_000).allowed).toBe(true);
    expect(limiter.take('a', 2_000)).toEqual({ allowed: false, retryAfterSeconds: 58 });
    expect(limiter.take('b', 2_000).allowed).toBe(true);
    expect(limiter.take('a', 60_000).allowed).toBe(true);
  });

  it('keeps at most maxKeys windows, so made-up keys cannot grow it without bound', () => {
    const limiter = new RateLimiter(1, 60_000, 100);
    for (let i = 0; i < 1_000; i++) limiter.take(`k${i}`, 0);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100);
  });
});

describe('malformed and odd requests get the app’s own answer', () => {
  it('malformed percent-encoding: 400 JSON with a request id under /api, the error page elsewhere', async () => {
    const api = screenRequest(request('/api/v1/proposals/%ff/approve', { method: 'POST' }))!;
    expect(api.status).toBe(400);
    const body = (await api.json()) as { code: string; requestId: string };
    expect(body.code).toBe('bad_request');
    expect(api.headers.get('x-request-id')).toBe(body.requestId);
    const page = screenRequest(request('/meshes/%ff'))!;
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('malformed percent-encoding');
  });

  it('an over-long path is a 404, an unexpected method on a page a 405 with Allow', () => {
    expect(screenRequest(request(`/meshes/${'a'.repeat(3000)}`))!.status).toBe(404);
    const put = screenRequest(request('/meshes', { method: 'PUT', headers: { origin: SITE } }))!;
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('sends a query no cached view knows (or a key given twice) to the per-request page, which names it', () => {
    const rewriteOf = (url: string) => {
      const target = screenRequest(request(url))?.headers.get('x-middleware-rewrite');
      return target ? new URL(target).pathname + new URL(target).search : null;
    };
    expect(rewriteOf('/?foo=1')).toBe('/matrix-filtered?foo=1');
    expect(rewriteOf('/?columns=2&columns=3')).toBe('/matrix-filtered?columns=2&columns=3');
    expect(rewriteOf('/changes?bar=1')).toBe('/changes/filtered?bar=1');
    expect(rewriteOf('/?need=mtls&need=retries')).toBeNull();
    expect(rewriteOf('/?columns=2')).toBeNull();
  });

  it('lets ordinary requests through', () => {
    expect(screenRequest(request('/meshes/istio'))).toBeNull();
    expect(screenRequest(request('/', { method: 'POST', headers: { origin: SITE } }))).toBeNull();
  });
});

describe('server actions from another site', () => {
  it('are refused with 403: a foreign Origin, no Origin and no Referer, a foreign Referer', () => {
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      {},
      { referer: 'https://evil.example/page' },
      { origin: 'null' },
    ])
      expect(screenRequest(request('/', { method: 'POST', headers }))?.status, JSON.stringify(headers)).toBe(403);
  });

  it('accept a same-origin Referer where the browser sent no Origin', () => {
    expect(crossSiteProblem(new Headers({ referer: `${SITE}/admin/users` }))).toBeNull();
  });

  it('compare with the configured site, not with Host or X-Forwarded-Host, unless a trusted proxy is configured', () => {
    const forged = { origin: 'https://evil.example', host: 'evil.example', 'x-forwarded-host': 'evil.example' };
    expect(crossSiteProblem(new Headers(forged))).toMatch(/Cross-site/);
    vi.stubEnv('TRUSTED_PROXY', '1');
    expect(crossSiteProblem(new Headers(forged))).toBeNull();
  });
});

describe('limits against abuse', () => {
  it('count renders past the cache per client and answer 429 with Retry-After; cached pages never count', async () => {
    vi.stubEnv('RATE_LIMIT_UNCACHED_PER_MINUTE', '2');
    vi.stubEnv('RATE_LIMIT_UNCACHED_GLOBAL_PER_SECOND', '1000');
    expect(screenRequest(request('/?at=2021-01-01'))).toBeNull();
    expect(screenRequest(request('/compare?meshes=istio,linkerd'))).toBeNull();
    const limited = screenRequest(request('/api/v1/matrix?meshes=istio'))!;
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { code: string }).code).toBe('too_many_requests');
    for (let i = 0; i < 10; i++) expect(screenRequest(request('/'))).toBeNull();
    expect(screenRequest(request('/?sparse=1&columns=2'))).toBeNull();
    expect(screenRequest(request('/?at=2021-01-01', { headers: { 'x-forwarded-for': '10.2.2.2' } }))).toBeNull();
  });

  it('cap such renders for everyone together, so cached pages keep their share', () => {
    vi.stubEnv('RATE_LIMIT_UNCACHED_GLOBAL_PER_SECOND', '3');
    const answers = [1, 2, 3, 4].map((n) =>
      screenRequest(request(`/?q=x${n}`, { headers: { 'x-forwarded-for': `10.3.3.${n}` } })),
    );
    expect(answers.map((a) => a?.status ?? 200)).toEqual([200, 200, 200, 429]);
  });

  it('know which views render per request', () => {
    const per = (url: string) => {
      const { pathname, searchParams } = new URL(url, SITE);
      return rendersPerRequest(pathname, searchParams);
    };
    expect(['/', '/?sparse=1', '/?columns=3', '/?sparse=1&columns=2', '/meshes/istio', '/changes'].map(per)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(
      [
        '/?q=a',
        '/?columns=abc',
        '/?sparse=0',
        '/compare?meshes=a,b',
        '/changes?mesh=istio',
        '/meshes/istio/1.9?at=2021-01-01',
        '/api/v1/matrix.csv?meshes=istio',
        '/meshes/istio/diff?from=1.1&to=1.2',
      ].map(per),
    ).toEqual([true, true, true, true, true, true, true, true]);
  });

  it('count sign-in attempts per address and per account name', () => {
    vi.stubEnv('RATE_LIMIT_SIGN_IN', '2');
    const from = (address: string) => new Headers({ 'x-forwarded-for': address });
    limitSignIn(from('10.4.4.1'), 'alice');
    limitSignIn(from('10.4.4.2'), 'alice');
    // A third address cannot keep guessing alice's account.
    expect(() => limitSignIn(from('10.4.4.3'), 'Alice')).toThrow(TooManyRequestsError);
    limitSignIn(from('10.4.4.1'), 'mo');
    expect(() => limitSignIn(from('10.4.4.1'), 'ada')).toThrow(/Too many sign-in attempts/);
  });

  it('count submissions per address and per account', () => {
    vi.stubEnv('RATE_LIMIT_WRITES_PER_MINUTE', '1');
    limitSubmission(new Headers({ 'x-forwarded-for': '10.5.5.1' }), 7);
    expect(() => limitSubmission(new Headers({ 'x-forwarded-for': '10.5.5.2' }), 7)).toThrow(TooManyRequestsError);
  });

  it('believe X-Forwarded-For’s last entry only behind a trusted proxy', () => {
    const headers = new Headers({ 'x-forwarded-for': '6.6.6.6, 10.6.6.1' });
    expect(clientAddressOf(headers)).toBe('6.6.6.6');
    vi.stubEnv('TRUSTED_PROXY', '1');
    expect(clientAddressOf(headers)).toBe('10.6.6.1');
  });
});
