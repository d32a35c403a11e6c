import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLight } from '@/lib/next/light-response';
import { advancePageGeneration } from '@/lib/next/page-generation';
import { stripNextRuntime } from '@/lib/rules/strip-next-runtime';

/*
 * The light server's memory of sent pages, with a stand-in for Next's handler that counts its calls: a repeat read
 * of a cached page is answered without it until a write advances the page generation, and nothing else is kept.
 */

let calls = 0;
let cacheState = 'HIT';
let lastModified: string | null = new Date(0).toUTCString();
let text = 'x';
let server: http.Server;
let base: string;

function page(n: number): string {
  return `<!DOCTYPE html><html><head><title>t</title><script src="/_next/static/chunks/a.js" async=""></script></head><body><p>render ${n}</p>${`<i>${text}</i>`.repeat(300)}</body></html>`;
}

beforeAll(async () => {
  server = http.createServer(
    (req, res) =>
      void serveLight(req, res, async (_req, response) => {
        calls++;
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.setHeader('ETag', `"next-${calls}"`);
        response.setHeader('Cache-Control', 'public, max-age=0, s-maxage=60, stale-while-revalidate=300');
        response.setHeader('x-nextjs-cache', cacheState);
        if (lastModified) response.setHeader('Last-Modified', lastModified);
        response.end(page(calls));
      }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, { headers });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

describe('light server: pages as last sent', () => {
  it('answers a repeat read of a cached page without Next, stripped and with the same headers', async () => {
    calls = 0;
    cacheState = 'HIT';
    const first = await get('/meshes/istio');
    const second = await get('/meshes/istio');
    expect(calls).toBe(1);
    expect(second.body).toBe(first.body);
    expect(second.body).not.toContain('/_next/static/');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    expect(second.headers.get('content-encoding')).toBe('gzip');
    expect((await get('/meshes/istio', { 'Accept-Encoding': 'identity' })).headers.get('content-encoding')).toBeNull();
    expect(calls).toBe(1);
  });

  it('asks Next again after a write, and for another query string', async () => {
    calls = 0;
    cacheState = 'HIT';
    await get('/meshes/linkerd');
    advancePageGeneration();
    expect((await get('/meshes/linkerd')).body).toContain('render 2');
    await get('/meshes/linkerd?x=1');
    expect(calls).toBe(3);
  });

  it('keeps copies apart by the protocol a proxy forwards, as HSTS depends on it', async () => {
    calls = 0;
    cacheState = 'HIT';
    await get('/meshes/traefik-mesh');
    expect(calls).toBe(1);
    expect((await get('/meshes/traefik-mesh', { 'X-Forwarded-Proto': 'https' })).body).toContain('render 2');
    expect((await get('/meshes/traefik-mesh', { 'X-Forwarded-Proto': 'https' })).body).toContain('render 2');
    expect((await get('/meshes/traefik-mesh')).body).toContain('render 1');
    expect(calls).toBe(2);
  });

  it('keeps no stale copy and no page Next did not cache', async () => {
    calls = 0;
    for (const state of ['STALE', '']) {
      cacheState = state;
      await get(`/meshes/kuma-${state || 'none'}`);
      await get(`/meshes/kuma-${state || 'none'}`);
    }
    expect(calls).toBe(4);
  });

  it('keeps no answer without Last-Modified, which the proxy leaves out only in the second of a write', async () => {
    calls = 0;
    cacheState = 'HIT';
    lastModified = null;
    await get('/meshes/cilium');
    lastModified = new Date(0).toUTCString();
    expect((await get('/meshes/cilium')).headers.get('last-modified')).toBe(lastModified);
    await get('/meshes/cilium');
    expect(calls).toBe(2);
  });

  it('answers a condition on the validators it sent with 304, and leaves any other condition and HEAD to Next', async () => {
    calls = 0;
    cacheState = 'HIT';
    const first = await get('/meshes/consul');
    const etag = first.headers.get('etag')!;
    expect((await get('/meshes/consul', { 'If-None-Match': etag })).status).toBe(304);
    expect((await get('/meshes/consul', { 'If-Modified-Since': lastModified! })).status).toBe(304);
    expect(calls).toBe(1);
    await get('/meshes/consul', { 'If-None-Match': '"other"' });
    await get('/meshes/consul', { 'If-Modified-Since': new Date(-1000).toUTCString() });
    await fetch(`${base}/meshes/consul`, { method: 'HEAD' });
    expect(calls).toBe(4);
  });

  it('passes text outside ASCII through byte for byte, gzipped or not', async () => {
    calls = 0;
    cacheState = 'HIT';
    text = 'Überprüfung — ✓ 日本語 🙂 <b>&amp;</b> \u00e9';
    try {
      const expected = stripNextRuntime(page(1));
      const plain = await get('/meshes/nginx', { 'Accept-Encoding': 'identity' });
      expect(plain.body).toBe(expected);
      expect(Number(plain.headers.get('content-length'))).toBe(Buffer.byteLength(expected));
      expect((await get('/meshes/nginx')).body).toBe(expected);
      expect(calls).toBe(1);
    } finally {
      text = 'x';
    }
  });

  it('gzips the first answer fast and later ones at the default level, the same page either way', async () => {
    calls = 0;
    cacheState = 'HIT';
    // Varied enough that the two levels differ, as a real table does.
    text = Array.from({ length: 40 }, (_, i) => `row ${(i * 7919) % 1013} value ${(i * 104729) % 997}`).join(' ');
    try {
      const expected = stripNextRuntime(page(1));
      const sizeOf = async () => {
        const response = await fetch(`${base}/meshes/gzip-levels`, { headers: { 'Accept-Encoding': 'gzip' } });
        expect(await response.text()).toBe(expected);
        expect(response.headers.get('content-encoding')).toBe('gzip');
        return Number(response.headers.get('content-length'));
      };
      const first = await sizeOf();
      expect(first).toBe(gzipSync(Buffer.from(expected), { level: 3 }).length);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const later = await sizeOf();
      expect(later).toBe(gzipSync(Buffer.from(expected)).length);
      expect(later).toBeLessThan(first);
      expect(calls).toBe(1);
    } finally {
      text = 'x';
    }
  });
});
