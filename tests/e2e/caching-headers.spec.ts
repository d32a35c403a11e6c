/**
 * What a CDN or caching proxy sees (lib/next/cache-policy.ts), against the production server: every public page and
 * read is shared for a short s-maxage with stale-while-revalidate and carries ETag and Last-Modified; a conditional
 * request with either validator gets 304; personal pages and calls are never stored; an approval changes the ETag.
 */
import type { APIResponse } from '@playwright/test';
import { PRIVATE_CACHE_CONTROL, SHARED_CACHE_CONTROL } from '../../lib/next/cache-policy';
import { baseURL } from './env';
import { expect, postJson, proposeOverApi, test } from './fixtures';

const sharedPages = [
  '/',
  '/?sparse=1',
  '/?q=retry',
  '/?at=2021-06-01',
  '/meshes',
  '/meshes/istio',
  '/meshes/istio?version=1.9',
  '/meshes/istio/1.20',
  '/meshes/istio/compare',
  '/meshes/istio/compare?from=1.9&to=1.20',
  '/meshes/istio/1.20/mtls',
  '/changes',
  '/changes?mesh=istio',
  '/rows/mtls',
  '/compare?meshes=istio,linkerd',
  '/needs-checking',
  '/about',
  '/about/data',
];

const sharedReads = [
  '/api/v1/matrix',
  '/api/v1/matrix?meshes=istio,linkerd',
  '/api/v1/matrix.csv',
  '/api/v1/stats',
  '/api/v1/meshes/istio/diff',
  '/api/v1/meshes/istio/1.20/mtls/history',
  '/changes/feed.xml',
  '/changes/feed.xml?mesh=istio&version=1.20&feature=mtls',
];

/** Personal or never stored: as an admin, so the pages behind a role answer 200 rather than 401/403. */
const privateAddresses = [
  '/watchlist',
  '/review',
  '/review/patrol',
  '/proposals',
  '/admin/users',
  '/meshes/istio/manage',
  '/meshes/istio/1.20/mtls/talk',
  '/meshes/istio/1.20/mtls/propose',
  '/changesets/new?mesh=istio&version=1.20',
  '/signin',
  '/api/health',
  '/api/auth/session',
  '/api/v1/watchlist',
  '/api/v1/watches',
  '/api/v1/proposals?mine=1',
];

function expectShared(response: APIResponse, url: string) {
  const headers = response.headers();
  expect(response.status(), url).toBe(200);
  expect(headers['cache-control'], url).toBe(SHARED_CACHE_CONTROL);
  expect(headers['etag'], url).toMatch(/^(W\/)?".+"$/);
  const lastModified = Date.parse(headers['last-modified'] ?? '');
  expect(lastModified, `${url} Last-Modified`).not.toBeNaN();
  expect(lastModified, `${url} Last-Modified is not in the future`).toBeLessThanOrEqual(Date.now() + 1000);
  // Only Next's router headers and the encoding: nothing here differs by cookie or session.
  expect(headers['vary'] ?? '', url).not.toMatch(/cookie|authorization|\*/i);
  expect(headers['set-cookie'], url).toBeUndefined();
}

test('every public page and read is shared briefly, with ETag and Last-Modified', async ({ request }) => {
  for (const url of [...sharedPages, ...sharedReads]) expectShared(await request.get(url), url);
});

test('personal pages and calls are never stored, signed in or not', async ({ request, pageAs }) => {
  const ada = await pageAs('ada');
  for (const url of privateAddresses) {
    for (const [who, client] of [
      ['ada', ada.request],
      ['anonymous', request],
    ] as const) {
      const response = await client.get(url, { maxRedirects: 0 });
      const cacheControl = response.headers()['cache-control'] ?? '';
      expect(cacheControl, `${url} as ${who}`).toContain('no-store');
      expect(cacheControl, `${url} as ${who}`).not.toMatch(/public|s-maxage/);
      if (who === 'ada' && !url.startsWith('/api/')) {
        expect(response.status(), `${url} as ada`).toBe(200);
        expect(cacheControl, url).toBe(PRIVATE_CACHE_CONTROL);
      }
    }
  }
  // A server action posts to a public page's address; its answer is the poster's own.
  const action = await ada.request.post('/meshes/istio/1.20/mtls', {
    headers: { Origin: baseURL, 'Content-Type': 'text/plain' },
    data: '[]',
    maxRedirects: 0,
  });
  expect(action.status()).toBeLessThan(500);
  expect(action.headers()['cache-control'] ?? '').not.toMatch(/public|s-maxage/);
});

test('a matching If-None-Match or If-Modified-Since gets 304 on cached and per-request pages and on the API', async ({
  request,
}) => {
  for (const url of ['/', '/meshes/istio/1.20/mtls', '/rows/mtls', '/api/v1/matrix', '/changes/feed.xml']) {
    const first = await request.get(url);
    const etag = first.headers()['etag']!;
    const lastModified = first.headers()['last-modified']!;
    const byTag = await request.get(url, { headers: { 'If-None-Match': etag } });
    expect(byTag.status(), `${url} If-None-Match`).toBe(304);
    expect(byTag.headers()['cache-control'], url).toBe(SHARED_CACHE_CONTROL);
    expect(await byTag.body(), url).toHaveLength(0);
    const byDate = await request.get(url, { headers: { 'If-Modified-Since': lastModified } });
    expect(byDate.status(), `${url} If-Modified-Since`).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await request.get(url, { headers: { 'If-Modified-Since': earlier } })).status(), url).toBe(200);
    expect((await request.get(url, { headers: { 'If-None-Match': '"not-this-one"' } })).status(), url).toBe(200);
    // The ETag decides when both are sent (RFC 9110 §13.1.3): a stale tag with a current date is not a match.
    const both = await request.get(url, {
      headers: { 'If-None-Match': '"not-this-one"', 'If-Modified-Since': lastModified },
    });
    expect(both.status(), `${url} both`).toBe(200);
  }
});

test('after an approval the pages and reads that show the cell answer a new ETag and a later Last-Modified', async ({
  request,
  pageAs,
}) => {
  const matrix = await (await request.get('/api/v1/matrix?meshes=consul')).json();
  const version: string = matrix.meshes[0].version.label;
  const before = matrix.cells.consul['rate-limiting'];
  const cellPage = `/meshes/consul/${encodeURIComponent(version)}/rate-limiting`;
  const addresses = [cellPage, '/', '/meshes/consul', '/api/v1/matrix?meshes=consul'];
  const old = new Map<string, { etag: string; lastModified: string }>();
  for (const url of addresses) {
    const response = await request.get(url);
    expectShared(response, url);
    old.set(url, { etag: response.headers()['etag']!, lastModified: response.headers()['last-modified']! });
  }

  const alice = await pageAs('alice');
  const mo = await pageAs('mo');
  const id = await proposeOverApi(
    alice.request,
    { mesh: 'consul', version, feature: 'rate-limiting' },
    {
      support: before?.support === 'yes' ? 'partial' : 'yes',
      note: 'caching-headers spec',
      sources: [{ url: 'https://developer.hashicorp.com/consul/docs', title: 'Consul docs' }],
    },
  );
  const approvedAfter = Date.now();
  expect((await postJson(mo.request, `/api/v1/proposals/${id}/approve`, {})).status()).toBe(200);

  for (const url of addresses) {
    const { etag, lastModified } = old.get(url)!;
    // A route handler's revalidation lands as its answer goes out, so the first request may just precede it.
    await expect
      .poll(async () => (await request.get(url, { headers: { 'If-None-Match': etag } })).status(), {
        message: `${url} after the approval`,
        timeout: 10_000,
      })
      .toBe(200);
    const again = await request.get(url, { headers: { 'If-None-Match': etag } });
    expect(again.headers()['etag'], url).not.toBe(etag);
    expect((await request.get(url, { headers: { 'If-Modified-Since': lastModified } })).status(), url).toBe(200);
  }
  // Last-Modified is dated past the write, so it appears once the write's second is over; never earlier than the data.
  await expect
    .poll(async () => (await request.get(cellPage)).headers()['last-modified'] ?? null, { timeout: 10_000 })
    .not.toBeNull();
  const after = Date.parse((await request.get(cellPage)).headers()['last-modified']!);
  expect(after).toBeGreaterThan(Date.parse(old.get(cellPage)!.lastModified));
  expect(after).toBeGreaterThan(Math.floor(approvedAfter / 1000) * 1000);
  expect(await (await request.get(cellPage)).text()).toContain('caching-headers spec');
});
