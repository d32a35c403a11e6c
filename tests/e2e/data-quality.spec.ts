import { SHARED_CACHE_CONTROL } from '../../lib/next/cache-policy';
import { expect, test } from './fixtures';

interface Share {
  count: number;
  of: number;
  percent: number | null;
}
interface MeshStats {
  slug: string;
  name: string;
  newestRelease: { label: string; releasedOn: string | null; firstNamedOn: string };
  coverage: { known: number; rows: number };
  sourced: Share;
  carried: Share;
  stale: Share;
  lastChangedAt: string | null;
}

const shareText = (s: Share) => (s.percent === null ? 'no values' : `${s.count} of ${s.of} (${s.percent}%)`);

test('/api/v1/stats returns the figures, cached with an ETag like the rest of the API, and refuses unknown parameters', async ({
  request,
}) => {
  const response = await request.get('/api/v1/stats');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(response.headers()['cache-control']).toBe(SHARED_CACHE_CONTROL);
  const etag = response.headers()['etag'];
  expect(etag).toMatch(/^".+"$/);
  expect(Date.parse(response.headers()['last-modified']!)).not.toBeNaN();
  const body = await response.json();
  expect(Date.parse(body.generatedAt)).not.toBeNaN();
  expect(body.overall).toEqual({
    meshes: expect.any(Number),
    releases: expect.any(Number),
    rows: expect.any(Number),
    cellsKnown: { count: expect.any(Number), of: expect.any(Number), percent: expect.any(Number) },
    revisions: expect.any(Number),
    sourced: { count: expect.any(Number), of: expect.any(Number), percent: expect.any(Number) },
    stale: { count: expect.any(Number), of: expect.any(Number), percent: expect.any(Number) },
    placement: { named: expect.any(Number), inferred: expect.any(Number), dateLabelled: expect.any(Number) },
  });
  expect(body.overall.placement.named + body.overall.placement.inferred + body.overall.placement.dateLabelled).toBe(
    body.overall.sourced.of,
  );
  expect(body.meshes.length).toBe(body.overall.meshes);
  expect(body.overall.releases).toBeGreaterThanOrEqual(body.overall.meshes);

  // The same coverage as the matrix, from the same rule.
  const matrix = await (await request.get('/api/v1/matrix')).json();
  expect(body.meshes.map((m: MeshStats) => [m.slug, m.coverage])).toEqual(
    matrix.meshes.map((m: { slug: string; coverage: unknown }) => [m.slug, m.coverage]),
  );
  expect(body.overall.cellsKnown.count).toBe(body.meshes.reduce((n: number, m: MeshStats) => n + m.coverage.known, 0));

  expect((await request.get('/api/v1/stats', { headers: { 'If-None-Match': etag! } })).status()).toBe(304);
  const unknown = await request.get('/api/v1/stats?mesh=istio');
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).fieldErrors).toEqual({ mesh: ['mesh is not a parameter this endpoint accepts'] });
});

test('/about/data shows the overall figures and a row per mesh, linked from /about and the footer', async ({
  page,
  request,
}) => {
  const stats = await (await request.get('/api/v1/stats')).json();
  await page.goto('/about');
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'data quality' })).toHaveAttribute(
    'href',
    '/about/data',
  );
  await page.getByRole('main').getByRole('link', { name: 'data quality' }).click();
  await expect(page).toHaveURL('/about/data');
  await expect(page.getByRole('heading', { level: 1, name: 'Data quality' })).toBeVisible();

  const figure = (term: string) => page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  await expect(figure('Active meshes')).toHaveText(String(stats.overall.meshes));
  await expect(figure('Releases of those meshes')).toHaveText(String(stats.overall.releases));
  await expect(figure('Active rows')).toHaveText(String(stats.overall.rows));
  await expect(figure('Cells known')).toHaveText(shareText(stats.overall.cellsKnown));
  await expect(figure('Revisions recorded')).toHaveText(String(stats.overall.revisions));
  await expect(figure('stale or carried')).toHaveText(shareText(stats.overall.stale));

  const table = page.getByRole('table', { name: 'Data quality of the newest release of each active mesh' });
  for (const header of [
    'Mesh',
    'Newest release',
    'Released',
    'Coverage',
    'Sourced',
    'Stale or carried',
    'Last change',
  ]) {
    await expect(table.getByRole('columnheader', { name: header, exact: true })).toBeVisible();
  }
  await expect(table.getByRole('rowheader')).toHaveCount(stats.meshes.length);
  for (const mesh of stats.meshes as MeshStats[]) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: mesh.name, exact: true }) });
    await expect(row).toContainText(`${mesh.coverage.known} of ${mesh.coverage.rows} rows known`);
    await expect(row).toContainText(shareText(mesh.sourced));
    await expect(row).toContainText(shareText(mesh.stale));
    await expect(row.getByRole('link', { name: mesh.newestRelease.label, exact: true })).toBeVisible();
    if (!mesh.newestRelease.releasedOn) await expect(row).toContainText('first named');
  }
});

test('/about/data reads without client JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/about/data');
  await expect(
    page
      .getByRole('table', { name: /Data quality/ })
      .getByRole('rowheader')
      .first(),
  ).toBeVisible();
  await context.close();
});
