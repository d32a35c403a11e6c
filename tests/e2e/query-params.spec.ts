/**
 * Query strings are read one way everywhere (lib/rules/query.ts): a parameter given twice is refused by name unless it
 * is a documented list, and one the page or endpoint does not take is refused by name. Methods a route handler does
 * not take answer 405 in the JSON error shape.
 */
import { expect, test } from './fixtures';

type Page = import('@playwright/test').Page;
// Inside main: Next's route announcer is an (empty) alert of its own.
const alerts = (page: Page) => page.getByRole('main').getByRole('alert');
const alertNaming = (page: Page, text: string | RegExp) => alerts(page).filter({ hasText: text });

test('the API refuses a repeated parameter by name instead of keeping its last value', async ({ request }) => {
  const response = await request.get('/api/v1/matrix?meshes=istio&meshes=linkerd');
  expect(response.status()).toBe(400);
  expect((await response.json()).fieldErrors).toEqual({
    meshes: ['meshes is given more than once; give it once, as a comma-separated list'],
  });
  const unknown = await request.get('/api/v1/matrix?meshes=istio&mesh=linkerd');
  expect((await unknown.json()).fieldErrors).toEqual({ mesh: ['mesh is not a parameter this endpoint accepts'] });
});

test('pages name a repeated parameter in their alert', async ({ page }) => {
  await page.goto('/?at=2021-01-01&at=2022-01-01');
  await expect(alertNaming(page, 'at is given more than once; give it once')).toBeVisible();
  await page.goto('/compare?meshes=istio,linkerd&differ=1&differ=0');
  await expect(alertNaming(page, 'differ is given more than once')).toBeVisible();
  await page.goto('/needs-checking?mesh=istio&mesh=linkerd');
  await expect(alertNaming(page, 'mesh is given more than once')).toBeVisible();
});

test('documented lists may repeat: the matrix filter’s need boxes and the compare boxes', async ({ page }) => {
  // What the matrix's "compare" checkboxes send, one `meshes` per ticked column, mixed with the comma form.
  await page.goto('/compare?meshes=istio,linkerd&meshes=cilium');
  await expect(alerts(page)).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: /Cilium/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Linkerd/ })).toBeVisible();
  await page.goto('/?need=mtls&need=circuit-breaking');
  await expect(alerts(page)).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /circuit breaking/i })).toBeChecked();
});

test('pages name a parameter they do not take', async ({ page }) => {
  await page.goto('/?q=tls&foo=1');
  await expect(alertNaming(page, 'foo is not a parameter this page accepts')).toBeVisible();
  await page.goto('/changes?mesh=istio&bar=1');
  await expect(alertNaming(page, 'bar is not a parameter this page accepts')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recent changes' })).toBeVisible();
  await page.goto('/compare?foo=1');
  await expect(alertNaming(page, 'foo is not a parameter this page accepts')).toBeVisible();
  // Next drops a `__proto__` key from a page's searchParams before the page sees it; `constructor` gets through.
  await page.goto('/signin?constructor=1');
  await expect(alertNaming(page, 'constructor is not a parameter this page accepts')).toBeVisible();
});

// `/` and `/changes` without a query key of theirs are cached views reached by rewrites, which can only test a named
// key; the proxy sends any other query to the per-request page (lib/next/request-gate.ts).
test('/?foo=1, /?columns=2&columns=3 and /changes?bar=1 name the parameter', async ({ page }) => {
  await page.goto('/?foo=1');
  await expect(alertNaming(page, 'foo is not a parameter this page accepts')).toBeVisible();
  await page.goto('/?columns=2&columns=3');
  await expect(alertNaming(page, 'columns is given more than once')).toBeVisible();
  await page.goto('/changes?bar=1');
  await expect(alertNaming(page, 'bar is not a parameter this page accepts')).toBeVisible();
});

test('a method a route does not take is a 405 in the JSON error shape, with Allow', async ({ request }) => {
  const put = await request.fetch('/api/v1/matrix', { method: 'PUT', data: {} });
  expect(put.status()).toBe(405);
  expect(put.headers()['allow']).toBe('GET, HEAD, OPTIONS');
  expect(put.headers()['content-type']).toContain('application/json');
  expect(await put.json()).toEqual({
    error: 'PUT is not allowed here; this address answers GET, HEAD, OPTIONS.',
    code: 'method_not_allowed',
  });
  const get = await request.get('/api/v1/proposals/1/withdraw');
  expect(get.status()).toBe(405);
  expect(get.headers()['allow']).toBe('POST, OPTIONS');
  expect((await get.json()).code).toBe('method_not_allowed');
  const del = await request.delete('/api/v1/proposals');
  expect(del.status()).toBe(405);
  expect(del.headers()['allow']).toBe('GET, POST, HEAD, OPTIONS');
  const options = await request.fetch('/api/v1/matrix', { method: 'OPTIONS' });
  expect(options.status()).toBe(204);
  expect(options.headers()['allow']).toBe('GET, HEAD, OPTIONS');
});
