/**
 * Issue 16, part 1: the large tables travel once (in the HTML, not again in the RSC payload); reading pages load no
 * React, only public/islands.js for the header's live parts (lib/next/light-response.ts); and a reader without client
 * JavaScript can do everything a reader does on the matrix, a mesh page and a cell page.
 */
import type { APIRequestContext } from '@playwright/test';
import { baseURL } from './env';
import { cellOf, expect, postJson, test } from './fixtures';
import { runTag } from './support-roles';

/** Where a reading page's HTML would load Next's client runtime, or hydrate from an inline RSC payload. */
function nextRuntimeIn(html: string): string[] {
  return [
    ...html.matchAll(/<script[^>]*\ssrc="\/_next\/static\/[^"]*"/g),
    ...html.matchAll(/<link[^>]*rel="(?:module)?preload"[^>]*href="\/_next\/static\/[^"]*\.js"/g),
    ...html.matchAll(/self\.__next_f|globalThis\["TURBOPACK"\]/g),
  ].map((m) => m[0]);
}

/** What Next's client router fetches to navigate to `path` from a page that hydrated: the RSC payload. */
async function rscPayloadOf(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(`${path}${path.includes('?') ? '&' : '?'}_rsc`, { headers: { RSC: '1' } });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/x-component/);
  return response.text();
}

for (const [name, path, cell] of [
  ['the matrix', '/', '/meshes/istio/1.20/mtls'],
  ['a mesh page', '/meshes/istio', '/meshes/istio/1.20/mtls'],
  ['a release page', '/meshes/istio/1.3', '/meshes/istio/1.3/mtls'],
  ['a release diff', '/meshes/istio/compare?from=1.3&to=1.20', '/meshes/istio/1.20/mtls'],
] as const) {
  test(`${name} sends its table once, in HTML that loads no React`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain(`href="${cell}"`);
    expect(nextRuntimeIn(html)).toEqual([]);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/islands.js" defer="">']);
    // A client-side navigation from a page that hydrated fetches the payload, which leaves the table to the HTML.
    const payload = await rscPayloadOf(request, path);
    expect(payload.length).toBeGreaterThan(0);
    expect(payload).not.toContain(cell);
    expect(payload).not.toContain('<table');
  });
}

test('every kind of reading page is served without the client runtime, and a private page keeps it', async ({
  request,
}) => {
  for (const path of [
    '/meshes',
    '/meshes/istio/1.3/mtls',
    '/meshes/istio/1.3/mtls?at=2024-01-01',
    '/changes',
    '/changes?mesh=istio',
    '/about',
    '/about/data',
    '/api',
    '/compare?meshes=istio,linkerd',
    '/needs-checking',
    '/rows/mtls',
    '/?q=mtls',
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    expect(nextRuntimeIn(html), path).toEqual([]);
    expect(html, path).toContain('<script src="/islands.js" defer=""></script></head>');
  }
  // A notFound() page is an empty shell that the runtime fills from its payload, so it keeps the runtime.
  const missing = await request.get('/meshes/no-such-mesh');
  expect(missing.status()).toBe(404);
  expect(nextRuntimeIn(await missing.text()).length).toBeGreaterThan(0);
  // Private pages hydrate as before: the sign-in form and the review queue's answer.
  for (const path of ['/signin', '/review']) {
    const html = await (await request.get(path)).text();
    expect(nextRuntimeIn(html).length, path).toBeGreaterThan(0);
    expect(html, path).not.toContain('/islands.js');
  }
});

test('the stripped page keeps valid validators: its ETag answers 304, gzip and HEAD describe the same bytes', async ({
  request,
}) => {
  const first = await request.get('/meshes/istio/1.3');
  const second = await request.get('/meshes/istio/1.3');
  const etag = first.headers()['etag'];
  expect(etag).toMatch(/^"[^"]+"$/);
  expect(second.headers()['etag']).toBe(etag);
  expect(await second.text()).toBe(await first.text());
  const notModified = await request.get('/meshes/istio/1.3', { headers: { 'If-None-Match': etag! } });
  expect(notModified.status()).toBe(304);
  expect(notModified.headers()['etag']).toBe(etag);
  const head = await request.head('/meshes/istio/1.3', { headers: { 'Accept-Encoding': 'identity' } });
  expect(head.headers()['content-length']).toBe(String(Buffer.byteLength(await first.text())));
  const raw = await fetch(`${baseURL}/meshes/istio/1.3`, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(raw.headers.get('content-encoding')).toBe('gzip');
  expect(raw.headers.get('vary')).toMatch(/Accept-Encoding/i);
});

test('a browser on a reading page loads islands.js and no other script', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto('/meshes/istio/1.3/mtls');
  await expect(page.getByRole('link', { name: 'Sign in to propose a change' })).toBeVisible();
  expect(scripts).toEqual(['/islands.js']);
});

test('a client-side navigation from a page that hydrated to the matrix still shows its table and sources', async ({
  page,
}) => {
  await page.goto('/signin');
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Matrix' }).click();
  await expect(page).toHaveURL('/');
  await expect(cellOf(page, 'istio', '1.20', 'mtls').value).toHaveText('yes');
  await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
  // The router did it: the page was not loaded afresh.
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
});

test('on a reading page a moderator sees the review count and the moderators’ link, and signs out', async ({
  pageAs,
}) => {
  const mo = await pageAs('mo');
  const session = await (await mo.request.get('/api/auth/session')).json();
  expect(session.user.pendingReviews).toEqual(expect.any(Number));
  await mo.goto('/meshes/istio');
  const header = mo.getByRole('banner');
  await expect(header.getByText('Signed in as')).toContainText('moderator');
  await expect(header.getByRole('link', { name: /^Review \d+ pending proposals$/ })).toBeVisible();
  await expect(header.getByRole('link', { name: 'My proposals' })).toHaveAttribute('href', '/proposals');
  await expect(header.getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
  await expect(header.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  await expect(mo.getByRole('link', { name: 'Manage releases and status' })).toHaveAttribute(
    'href',
    '/meshes/istio/manage',
  );
  await header.getByRole('button', { name: 'Sign out' }).click();
  await expect(mo).toHaveURL('/');
  await expect(mo.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect(await (await mo.request.get('/api/auth/session')).json()).toEqual({});
});

test('on reading pages a contributor sees the propose link and the watchlist count, and a reader is asked to sign in', async ({
  pageAs,
}) => {
  const alice = await pageAs('alice');
  const reader = await pageAs('anonymous');
  const mo = await pageAs('mo');
  // Something unread on alice's watchlist: a comment by someone else on a row she follows.
  expect([200, 201]).toContain(
    (await postJson(alice.request, '/api/v1/watches', { feature: 'grafana-integration' })).status(),
  );
  expect(
    (
      await postJson(mo.request, '/api/v1/comments', {
        target: 'row',
        feature: 'grafana-integration',
        body: `light pages ${runTag()}`,
      })
    ).status(),
  ).toBe(201);

  await alice.goto('/meshes/linkerd/2.13/circuit-breaking');
  await expect(alice.getByRole('link', { name: 'Propose a change', exact: true })).toHaveAttribute(
    'href',
    '/meshes/linkerd/2.13/circuit-breaking/propose',
  );
  const count = alice.getByRole('banner').getByRole('link', { name: /^\d+ unread on your watchlist$/ });
  await expect(count).toBeVisible();
  await expect(count).toHaveText(/^\d+ new$/);
  await expect(alice.getByRole('link', { name: 'Manage releases and status' })).toHaveCount(0);
  await expect(alice.getByRole('banner').getByRole('link', { name: /^Review/ })).toHaveCount(0);

  await reader.goto('/meshes/linkerd/2.13/circuit-breaking');
  const signIn = reader.getByRole('link', { name: 'Sign in to propose a change' });
  await expect(signIn).toHaveAttribute(
    'href',
    `/signin?callbackUrl=${encodeURIComponent('/meshes/linkerd/2.13/circuit-breaking/propose')}`,
  );
  await expect(reader.getByRole('banner').getByRole('link', { name: /unread on your watchlist/ })).toHaveCount(0);
  await signIn.click();
  await expect(reader).toHaveURL(/\/signin\?callbackUrl=/);
});

test('without client JavaScript a reader reads the matrix, its sources, a mesh, a diff and a cell', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');

  // A row's definition opens in place.
  const row = page.getByRole('rowheader').filter({ has: page.getByText('Circuit breaking', { exact: true }) });
  await row.getByText('Circuit breaking', { exact: true }).click();
  await expect(row.getByRole('paragraph')).toContainText(/failing or overloaded destination/);

  // A cell's numbered source leads to its note under the table, and the note to the source.
  const mtls = cellOf(page, 'istio', '1.20', 'mtls');
  const note = await mtls.cell.locator('a.s').first().getAttribute('href');
  await mtls.cell.locator('a.s').first().click();
  await expect(page).toHaveURL(new RegExp(`${note}$`));
  await expect(page.locator(`li${note} a`)).toHaveAttribute('href', /^https:\/\//);

  // Filters are a plain GET form.
  await page.getByLabel('Find rows').fill('mTLS');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]q=mTLS/);
  await expect(cellOf(page, 'istio', '1.20', 'mtls').value).toBeVisible();

  // A mesh, its release switcher, and what changed between two releases.
  await page.goto('/');
  await page
    .getByRole('columnheader', { name: /Linkerd/ })
    .getByRole('link', { name: 'Linkerd' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Linkerd');
  await page.getByLabel('Show release').selectOption('2.6');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2.6');
  await page.goto('/meshes/istio/compare');
  await page.getByLabel('From release').selectOption('1.3');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('from 1.3 to');
  await expect(page.getByRole('table', { name: /Rows that differ/ })).toBeVisible();

  // A cell: its value, its history and the sources of each value.
  await page.goto('/meshes/linkerd/2.13');
  await cellOf(page, 'linkerd', '2.13', 'circuit-breaking').value.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Circuit breaking in Linkerd 2.13');
  const history = page.getByRole('table', { name: /Every value this cell has had/ });
  await expect(history.getByRole('row')).not.toHaveCount(1);
  await expect(history.getByRole('link', { name: /servicemesh\.es|Source/ }).first()).toHaveAttribute(
    'href',
    /^https:\/\//,
  );
  await context.close();
});
