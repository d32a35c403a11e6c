import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import nextConfig from '@/next.config';
import { countRendersInServer, rendersCountedInServer } from '@/lib/next/rate-limits';
import { createRenderGate, type RenderGateOptions } from '@/lib/next/render-gate';
import { screenRequest } from '@/lib/next/request-gate';
import { securityHeaderRules, securityHeadersFor } from '@/lib/next/security-headers';

/*
 * The server's own gate for renders past the page cache (lib/next/render-gate.ts), on a real node:http server whose
 * "Next" only counts what reaches it. tests/e2e/limits.spec.ts checks the same gate in the production server.
 */

type LimiterStore = { meshMatrixLimiters?: unknown; meshMatrixRendersCountedInServer?: boolean };
const store = globalThis as LimiterStore;

interface Gated {
  base: string;
  /** Requests that got past the gate. */
  reached: string[];
  close(): Promise<void>;
}

async function gatedServer(options: RenderGateOptions = {}): Promise<Gated> {
  const refuse = createRenderGate({ production: true, ...options });
  const reached: string[] = [];
  const server = http.createServer((req, res) => {
    if (refuse(req, res)) return;
    reached.push(req.url ?? '');
    res.end('rendered');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    reached,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const servers: Gated[] = [];
async function start(options?: RenderGateOptions) {
  const server = await gatedServer(options);
  servers.push(server);
  return server;
}

beforeEach(() => {
  vi.stubEnv('NEXTAUTH_URL', 'http://127.0.0.1:3000');
  vi.stubEnv('TRUSTED_PROXY', '0');
  vi.stubEnv('RATE_LIMIT_UNCACHED_PER_MINUTE', '2');
  vi.stubEnv('RATE_LIMIT_UNCACHED_GLOBAL_PER_SECOND', '1000');
  delete store.meshMatrixLimiters;
  delete store.meshMatrixRendersCountedInServer;
});
afterEach(async () => {
  vi.unstubAllEnvs();
  delete store.meshMatrixRendersCountedInServer;
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function timed(url: string, init?: RequestInit) {
  const started = performance.now();
  const response = await fetch(url, init);
  const body = await response.text();
  return { response, body, ms: performance.now() - started };
}

describe('the server’s gate for renders past the page cache', () => {
  it('lets a client’s renders through up to its limit, then answers 429 itself: Next never sees the refused one', async () => {
    const gated = await start({ holdMs: 0 });
    for (const at of ['2021-01-01', '2021-02-01']) expect((await fetch(`${gated.base}/?at=${at}`)).status).toBe(200);
    const { response, body } = await timed(`${gated.base}/?at=2021-03-01`);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(body).toContain('Too many filtered, dated or compared views');
    expect(body).toContain(response.headers.get('x-request-id'));
    expect(gated.reached).toEqual(['/?at=2021-01-01', '/?at=2021-02-01']);

    const api = await timed(`${gated.base}/api/v1/matrix?meshes=istio`);
    expect(api.response.status).toBe(429);
    expect(JSON.parse(api.body)).toMatchObject({ code: 'too_many_requests' });
    expect(gated.reached).toHaveLength(2);
  });

  it('never counts the cached pages, their cached query forms, or a request the proxy will refuse', async () => {
    vi.stubEnv('RATE_LIMIT_UNCACHED_PER_MINUTE', '1');
    const gated = await start({ holdMs: 0 });
    const urls = ['/', '/?sparse=1', '/?columns=2', '/meshes/istio', '/changes', '/meshes/%ff/diff?from=1'];
    for (const url of [...urls, ...urls]) expect((await fetch(`${gated.base}${url}`)).status).toBe(200);
    expect((await fetch(`${gated.base}/?q=a`)).status).toBe(200);
    expect((await fetch(`${gated.base}/?q=b`)).status).toBe(429);
  });

  it('gives its refusal the security headers next.config.ts gives every answer', async () => {
    vi.stubEnv('RATE_LIMIT_UNCACHED_PER_MINUTE', '1');
    const gated = await start({ holdMs: 0 });
    await fetch(`${gated.base}/compare?meshes=a,b`);
    const { response } = await timed(`${gated.base}/compare?meshes=a,c`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(response.status).toBe(429);
    const expected = securityHeadersFor('/compare', 'https', true);
    for (const [name, value] of Object.entries(expected)) expect(response.headers.get(name)).toBe(value);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });

  it('answers a refused HEAD with the headers and no body', async () => {
    vi.stubEnv('RATE_LIMIT_UNCACHED_PER_MINUTE', '1');
    const gated = await start({ holdMs: 0 });
    await fetch(`${gated.base}/?q=a`, { method: 'HEAD' });
    const { response, body } = await timed(`${gated.base}/?q=b`, { method: 'HEAD' });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect(body).toBe('');
  });

  it('counts the socket’s address, not one a client names, unless a trusted proxy forwards it', async () => {
    vi.stubEnv('RATE_LIMIT_UNCACHED_PER_MINUTE', '1');
    const gated = await start({ holdMs: 0 });
    const from = (address: string, q: string) =>
      fetch(`${gated.base}/?q=${q}`, { headers: { 'X-Forwarded-For': address } }).then((r) => r.status);
    expect(await from('10.9.9.1', 'a')).toBe(200);
    expect(await from('10.9.9.2', 'b')).toBe(429);

    vi.stubEnv('TRUSTED_PROXY', '1');
    delete store.meshMatrixLimiters;
    expect(await from('10.9.9.1', 'c')).toBe(200);
    expect(await from('10.9.9.2', 'd')).toBe(200);
    expect(await from('10.9.9.1', 'e')).toBe(429);
  });

  it('holds a refusal before sending it, so a client that sends again at once sends once per hold', async () => {
    vi.stubEnv('RATE_LIMIT_UNCACHED_PER_MINUTE', '1');
    const gated = await start({ holdMs: 300 });
    const first = await timed(`${gated.base}/?q=a`);
    expect(first.response.status).toBe(200);
    const refused = await timed(`${gated.base}/?q=b`);
    expect(refused.response.status).toBe(429);
    // A timer never fires early; a few milliseconds of rounding are allowed for.
    expect(refused.ms).toBeGreaterThanOrEqual(295);
  });

  it('does not hold a refusal for the limit everyone shares: that client did nothing wrong', async () => {
    vi.stubEnv('RATE_LIMIT_UNCACHED_GLOBAL_PER_SECOND', '1');
    const gated = await start({ holdMs: 60_000 });
    expect((await fetch(`${gated.base}/?q=a`)).status).toBe(200);
    const { response, body } = await timed(`${gated.base}/?q=b`, { signal: AbortSignal.timeout(5_000) });
    expect(response.status).toBe(429);
    expect(body).toContain('The server is busy');
  });

  it('holds at most maxHeld refusals at once; one whose client left frees its place', async () => {
    vi.stubEnv('RATE_LIMIT_UNCACHED_PER_MINUTE', '1');
    const gated = await start({ holdMs: 60_000, maxHeld: 1 });
    await fetch(`${gated.base}/?q=a`);
    const leaving = new AbortController();
    const held = fetch(`${gated.base}/?q=b`, { signal: leaving.signal }).catch((error: unknown) => error);
    // Until the held one's client leaves, the next refusal cannot wait and is answered at once.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { response } = await timed(`${gated.base}/?q=c`);
    expect(response.status).toBe(429);
    leaving.abort();
    expect(await held).toBeInstanceOf(Error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Its place is free again: this refusal waits (for a minute, so the test stops waiting after 300 ms).
    const waiting = await Promise.race([
      fetch(`${gated.base}/?q=d`, { signal: AbortSignal.timeout(2_000) }).then(
        () => 'answered',
        () => 'gone',
      ),
      new Promise((resolve) => setTimeout(() => resolve('held'), 300)),
    ]);
    expect(waiting).toBe('held');
  });
});

describe('the proxy under the production server', () => {
  it('leaves the counting to the server once the server counts, so no render counts twice', () => {
    vi.stubEnv('RATE_LIMIT_UNCACHED_PER_MINUTE', '1');
    const over = () =>
      screenRequest(
        new NextRequest(new URL('/?at=2021-01-01', 'http://127.0.0.1:3000'), {
          headers: { 'x-forwarded-for': '10.8.8.8' },
        }),
      );
    expect(over()).toBeNull();
    expect(over()?.status).toBe(429);
    countRendersInServer();
    expect(rendersCountedInServer()).toBe(true);
    expect(over()).toBeNull();
  });
});

describe('security headers', () => {
  it('next.config.ts gives every answer the rules of lib/next/security-headers.ts', async () => {
    expect(await nextConfig.headers!()).toEqual(securityHeaderRules(process.env.NODE_ENV === 'production'));
  });

  it('an embed may be framed; everything else refuses to be', () => {
    expect(securityHeadersFor('/embed/meshes/istio', undefined, true)['Content-Security-Policy']).toContain(
      'frame-ancestors *',
    );
    expect(securityHeadersFor('/embed/meshes/istio', undefined, true)['X-Frame-Options']).toBeUndefined();
    expect(securityHeadersFor('/compare', undefined, true)['X-Frame-Options']).toBe('DENY');
    expect(securityHeadersFor('/compare', undefined, false)['Content-Security-Policy']).toBeUndefined();
    expect(securityHeadersFor('/compare', 'http', true)['Strict-Transport-Security']).toBeUndefined();
  });
});
