import { expect, expectNoAxeViolations, test } from './fixtures';

test('the /api page lists the endpoints from the registry and links the description, the dump and the CSV', async ({
  page,
}) => {
  await page.goto('/api');
  await expect(page.getByRole('heading', { level: 1, name: 'API' })).toBeVisible();
  for (const href of ['/api/v1/openapi.json', '/api/v1/dump.json', '/api/v1/matrix.csv'])
    await expect(page.locator(`a[href="${href}"]`).first()).toBeVisible();
  const matrix = page.getByRole('heading', { level: 3, name: 'GET /api/v1/matrix', exact: true });
  await expect(matrix).toBeVisible();
  const table = page.getByRole('table', { name: 'Parameters of GET /api/v1/matrix', exact: true });
  await expect(table.getByRole('rowheader', { name: 'meshes' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'POST /api/v1/proposals', exact: true })).toBeVisible();
  const proposals = page.getByRole('table', { name: 'Parameters of POST /api/v1/proposals', exact: true });
  await expect(proposals.getByRole('row', { name: /rationale JSON body string yes/ })).toBeVisible();
});

test('axe finds no violations on /api', async ({ page }) => {
  await page.goto('/api');
  await expectNoAxeViolations(page);
});

test('axe finds no colour-contrast violations on /api in dark mode', async ({ pageAs }) => {
  const page = await pageAs('anonymous', { colorScheme: 'dark' });
  await page.goto('/api');
  await expectNoAxeViolations(page, { colorContrastOnly: true });
});

test('/api/v1/openapi.json is the OpenAPI 3.1 document, revalidated on the data version', async ({ request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(document.openapi).toBe('3.1.0');
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/matrix', '/api/v1/dump.json']));
  const etag = response.headers()['etag']!;
  expect(etag).toBeTruthy();
  const again = await request.get('/api/v1/openapi.json', { headers: { 'If-None-Match': etag } });
  expect(again.status()).toBe(304);
});

test('/api/v1/dump.json streams the data set gzipped, with an ETag on the data version', async ({ request }) => {
  const response = await request.get('/api/v1/dump.json', { headers: { 'Accept-Encoding': 'gzip' } });
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers['content-type']).toMatch(/^application\/json/);
  expect(headers['content-encoding']).toBe('gzip');
  expect(headers['x-data-licence']).toMatch(/CC BY 4\.0/);
  const etag = headers['etag']!;
  expect(etag).toMatch(/^"[^"]+"$/);
  expect(headers['last-modified']).toBeTruthy();
  const dump = (await response.json()) as {
    licence: string;
    dataVersion: string;
    meshes: { slug: string; releases: unknown[] }[];
    revisions: { sources: unknown[] }[];
  };
  expect(dump.licence).toMatch(/CC BY 4\.0/);
  expect(dump.meshes.some((m) => m.slug === 'istio' && m.releases.length > 5)).toBe(true);
  expect(dump.revisions.length).toBeGreaterThan(1000);
  expect(dump.revisions.every((r) => r.sources.length > 0)).toBe(true);
  const unchanged = await request.get('/api/v1/dump.json', { headers: { 'If-None-Match': etag } });
  expect(unchanged.status()).toBe(304);
  expect(unchanged.headers()['etag']).toBe(etag);
});
